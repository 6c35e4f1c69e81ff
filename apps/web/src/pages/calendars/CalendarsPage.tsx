import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { CALENDAR_EDITOR_ROLES, type CalendarDefinition } from '../../../../../libs/domain/src';
import { deleteCalendar, getCalendar, listOrgUnits, putCalendar } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import type { EffectiveCalendar, Me, OrgUnit } from '../../api/types';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { useNavigate } from 'react-router';
import { pathFor } from '../../routing/routes';
import { MonthPreview } from './MonthPreview';
import './calendars.css';

/** Zones offered; a stored zone outside the list is offered too. */
const ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei'];

/** The units where the user may edit the calendar: at or below a grant of an editor role. */
export function editableUnits(me: Me, units: OrgUnit[]): OrgUnit[] {
  const reach = me.roles
    .filter((grant) => (CALENDAR_EDITOR_ROLES as readonly string[]).includes(grant.role))
    .map((grant) => grant.orgPath);
  return units.filter((unit) =>
    reach.some((path) => unit.orgPath === path || unit.orgPath.startsWith(`${path}/`)),
  );
}

/** The calendars' query keys (docs/web.md#data-fetching). A save or revert invalidates `all`:
 * the units below inherit the calendar. */
export const calendarKeys = {
  all: ['calendars'] as const,
  units: ['org-units'] as const,
  of: (orgUnitId: string) => ['calendars', orgUnitId] as const,
};

const DATE_FORMAT = 'YYYY-MM-DD';
const toDay = (value: string): Dayjs | null => (value ? dayjs(value, DATE_FORMAT) : null);
const fromDay = (day: Dayjs | null): string => (day ? day.format(DATE_FORMAT) : '');

const definitionOf = (calendar: EffectiveCalendar): CalendarDefinition => ({
  timezone: calendar.timezone,
  terms: calendar.terms.map((term) => ({ ...term })),
  holidays: [...calendar.holidays],
  workdays: [...calendar.workdays],
});

/** `#/calendars` and `#/calendars/<orgUnitId>`: a unit's school calendar, edited with a preview. */
export function CalendarsPage({ me, orgUnitId }: { me: Me; orgUnitId?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const unitsQuery = useQuery({
    queryKey: calendarKeys.units,
    queryFn: listOrgUnits,
    select: (page) => editableUnits(me, page.items),
  });
  const units = unitsQuery.data ?? null;

  // Without a unit in the address, the first (outermost) editable unit.
  const selected = orgUnitId ?? units?.[0]?.id;
  useEffect(() => {
    if (!orgUnitId && selected) void navigate(pathFor({ page: 'calendar', orgUnitId: selected }));
  }, [orgUnitId, selected]);

  const depthOf = (unit: OrgUnit) => {
    const top = Math.min(...(units ?? []).map((u) => u.orgPath.split('/').length));
    return unit.orgPath.split('/').length - top;
  };

  return (
    <main className="page calendars-page" data-testid="calendars-page">
      <div className="page-head">
        <h1 data-testid="page-title">{t('calendars.title')}</h1>
      </div>
      <p className="muted calendars-intro">{t('calendars.intro')}</p>
      <ErrorMessage error={unitsQuery.error} />
      {units && units.length === 0 && <p className="empty">{t('calendars.noUnits')}</p>}
      {units && units.length > 0 && (
        <Form layout="vertical" className="calendars-unit">
          <Form.Item label={t('calendars.unit')}>
            <Select<string>
              value={selected}
              onChange={(id) => void navigate(pathFor({ page: 'calendar', orgUnitId: id }))}
              data-testid="calendar-unit"
              popupMatchSelectWidth={false}
              options={units.map((unit) => ({
                value: unit.id,
                title: unit.name,
                label: (
                  <span data-testid={`calendar-unit-${unit.id}`}>
                    {'\u3000'.repeat(depthOf(unit))}
                    {unit.name}
                  </span>
                ),
              }))}
            />
          </Form.Item>
        </Form>
      )}
      {selected && <CalendarEditor key={selected} orgUnitId={selected} />}
    </main>
  );
}

type Draft = CalendarDefinition;
type DateList = 'holidays' | 'workdays';

function CalendarEditor({ orgUnitId }: { orgUnitId: string }) {
  const { t, formatDateTime } = useI18n();
  const { modal } = App.useApp();
  const client = useQueryClient();
  const calendarQuery = useQuery({
    queryKey: calendarKeys.of(orgUnitId),
    queryFn: () => getCalendar(orgUnitId),
  });
  const calendar = calendarQuery.data ?? null;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // The draft starts from the calendar as loaded, and again after a save or revert; a refetch of
  // the same calendar (window focus) leaves what is being typed alone.
  if (calendar && draft === null) setDraft(definitionOf(calendar));
  const otherUnits = {
    queryKey: calendarKeys.all,
    predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[1] !== orgUnitId,
  };

  const save = useMutation({
    mutationFn: (next: Draft) => putCalendar(orgUnitId, next),
    onSuccess: (stored) => {
      client.setQueryData(calendarKeys.of(orgUnitId), stored);
      setDraft(definitionOf(stored));
      void client.invalidateQueries(otherUnits);
      const { cases, pending } = stored.refresh;
      setNotice(
        pending > 0
          ? t('calendars.savedPending', { count: cases })
          : cases > 0
            ? t('calendars.saved', { count: cases })
            : t('calendars.savedNoCases'),
      );
    },
  });
  const revert = useMutation({
    mutationFn: () => deleteCalendar(orgUnitId),
    onSuccess: async () => {
      const fresh = await client.fetchQuery({
        queryKey: calendarKeys.of(orgUnitId),
        queryFn: () => getCalendar(orgUnitId),
        staleTime: 0,
      });
      setDraft(definitionOf(fresh));
      void client.invalidateQueries(otherUnits);
      setNotice(t('calendars.reverted'));
    },
  });
  const saveError = save.error ?? revert.error;
  const busy = save.isPending || revert.isPending;

  /** The server's problems by field path (`terms.1.end`, `holidays.3`); the rest under the form. */
  const fieldErrors = useMemo(() => {
    const errors = saveError instanceof ApiError ? (saveError.problem?.errors ?? []) : [];
    return new Map(errors.map((error) => [error.path ?? '', error.message]));
  }, [saveError]);
  const errorAt = (path: string) => fieldErrors.get(path);
  const fieldPaths = (d: Draft) => [
    'timezone',
    'terms',
    'holidays',
    'workdays',
    ...d.terms.flatMap((_, i) => [`terms.${i}`, `terms.${i}.name`, `terms.${i}.start`, `terms.${i}.end`]),
    ...d.holidays.map((_, i) => `holidays.${i}`),
    ...d.workdays.map((_, i) => `workdays.${i}`),
  ];

  if (calendarQuery.error) return <ErrorMessage error={calendarQuery.error} />;
  if (!calendar || !draft) return <Spin className="calendar-loading" />;
  const readOnly = !calendar.mayEdit;
  const unplaced = [...fieldErrors].filter(([path]) => !fieldPaths(draft).includes(path));

  const edit = (change: (d: Draft) => Draft) => {
    setDraft((current) => (current ? change(current) : current));
    setNotice(null);
  };
  const setTerm = (index: number, field: 'name' | 'start' | 'end', value: string) =>
    edit((d) => ({
      ...d,
      terms: d.terms.map((term, i) => (i === index ? { ...term, [field]: value } : term)),
    }));
  const setDate = (list: DateList, index: number, value: string) =>
    edit((d) => ({ ...d, [list]: d[list].map((date, i) => (i === index ? value : date)) }));
  const removeAt = <K extends 'terms' | DateList>(list: K, index: number) =>
    edit((d) => ({ ...d, [list]: d[list].filter((_, i) => i !== index) }));

  const submit = () => {
    setNotice(null);
    revert.reset();
    save.mutate(draft);
  };
  const confirmRevert = () =>
    modal.confirm({
      title: t('calendars.revertConfirm'),
      okText: t('calendars.revert'),
      cancelText: t('common.cancel'),
      onOk: () => {
        setNotice(null);
        save.reset();
        revert.mutate();
      },
    });

  const sourceLine =
    calendar.source === 'own'
      ? t('calendars.source.own')
      : calendar.source === 'inherited'
        ? t('calendars.source.inherited', { name: calendar.sourceUnitName ?? '' })
        : t('calendars.source.national');
  const zones = ZONES.includes(draft.timezone) ? ZONES : [draft.timezone, ...ZONES];

  return (
    <div className="calendar-layout">
      <Card className="calendar-form" data-testid="calendar-form">
        <p className={`calendar-source source-${calendar.source}`}>
          <span data-testid="calendar-source">{sourceLine}</span>
          {calendar.updatedAt && calendar.updatedBy && (
            <span className="muted calendar-updated" data-testid="calendar-updated">
              {t('calendars.updated', { who: calendar.updatedBy, when: formatDateTime(calendar.updatedAt) })}
            </span>
          )}
        </p>
        {readOnly && <Alert className="cp-alert" type="info" showIcon title={t('calendars.readOnly')} />}
        {!readOnly && calendar.source === 'inherited' && (
          <p className="muted">{t('calendars.startingPoint')}</p>
        )}
        <Form layout="vertical" disabled={readOnly || busy} onFinish={submit} component="form">
          <Form.Item label={t('calendars.timezone')} {...fieldStatus(errorAt('timezone'))}>
            <Select<string>
              value={draft.timezone}
              onChange={(zone) => edit((d) => ({ ...d, timezone: zone }))}
              data-testid="calendar-timezone"
              options={zones.map((zone) => ({
                value: zone,
                label: ZONES.includes(zone) ? t(`calendars.timezone.${zone}` as MessageKey) : zone,
              }))}
            />
          </Form.Item>

          <section className="calendar-section" data-testid="calendar-terms">
            <h2>{t('calendars.terms')}</h2>
            <p className="muted hint">{t('calendars.termsHint')}</p>
            <FieldError message={errorAt('terms')} />
            {draft.terms.map((term, index) => (
              <div className="calendar-term" key={index} data-testid="calendar-term">
                <Form.Item
                  className="term-name"
                  label={t('calendars.term.name')}
                  {...fieldStatus(errorAt(`terms.${index}.name`))}
                >
                  <Input
                    value={term.name}
                    maxLength={50}
                    onChange={(e) => setTerm(index, 'name', e.target.value)}
                    data-testid={`terms.${index}.name`}
                  />
                </Form.Item>
                {(['start', 'end'] as const).map((field) => (
                  <Form.Item
                    key={field}
                    label={t(`calendars.term.${field}`)}
                    {...fieldStatus(errorAt(`terms.${index}.${field}`))}
                  >
                    <DatePicker
                      value={toDay(term[field])}
                      format={DATE_FORMAT}
                      onChange={(day) => setTerm(index, field, fromDay(day))}
                      style={{ width: '100%' }}
                      data-testid={`terms.${index}.${field}`}
                    />
                  </Form.Item>
                ))}
                <Button
                  type="link"
                  className="calendar-remove"
                  onClick={() => removeAt('terms', index)}
                  aria-label={`${t('calendars.remove')} ${term.name}`}
                >
                  {t('calendars.remove')}
                </Button>
                <FieldError message={errorAt(`terms.${index}`)} wide />
              </div>
            ))}
            <Button
              size="small"
              onClick={() =>
                edit((d) => ({
                  ...d,
                  terms: [...d.terms, { name: t('calendars.term.defaultName'), start: '', end: '' }],
                }))
              }
              data-testid="calendar-add-term"
            >
              {t('calendars.term.add')}
            </Button>
          </section>

          {(['holidays', 'workdays'] as const).map((list) => (
            <section className="calendar-section" key={list} data-testid={`calendar-${list}`}>
              <h2>{t(`calendars.${list}`)}</h2>
              <p className="muted hint">{t(`calendars.${list}Hint`)}</p>
              <FieldError message={errorAt(list)} />
              <div className="calendar-dates">
                {draft[list].map((date, index) => (
                  <div className="calendar-date" key={index}>
                    <Space.Compact>
                      <DatePicker
                        value={toDay(date)}
                        format={DATE_FORMAT}
                        aria-label={t(`calendars.${list}`)}
                        status={errorAt(`${list}.${index}`) ? 'error' : undefined}
                        onChange={(day) => setDate(list, index, fromDay(day))}
                        data-testid={`${list}.${index}`}
                      />
                      <Button
                        onClick={() => removeAt(list, index)}
                        aria-label={`${t('calendars.remove')} ${date}`}
                      >
                        {t('calendars.remove')}
                      </Button>
                    </Space.Compact>
                    <FieldError message={errorAt(`${list}.${index}`)} wide />
                  </div>
                ))}
              </div>
              <Button
                size="small"
                onClick={() => edit((d) => ({ ...d, [list]: [...d[list], ''] }))}
                data-testid={`calendar-add-${list}`}
              >
                {t('calendars.date.add')}
              </Button>
            </section>
          ))}

          {saveError !== null &&
            (fieldErrors.size > 0 && unplaced.length === 0 ? (
              <Alert
                className="cp-alert"
                type="error"
                showIcon
                role="alert"
                data-testid="calendar-error"
                title={t('calendars.fixErrors')}
              />
            ) : (
              <ErrorMessage error={saveError} testId="calendar-error" />
            ))}
          <Notice text={notice} testId="calendar-notice" />
          {!readOnly && (
            <Space className="calendar-actions" wrap>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="calendar-save">
                {save.isPending ? t('calendars.saving') : t('calendars.save')}
              </Button>
              {calendar.source === 'own' && (
                <Button onClick={confirmRevert} loading={revert.isPending} data-testid="calendar-revert">
                  {t('calendars.revert')}
                </Button>
              )}
            </Space>
          )}
        </Form>
      </Card>
      <MonthPreview
        draft={draft}
        national={{ holidays: calendar.nationalHolidays, workdays: calendar.nationalWorkdays }}
        nationalDaysLastYear={calendar.nationalDaysLastYear}
      />
    </div>
  );
}

/** A field's server problem as antd shows one: red outline, the message under the field. */
function fieldStatus(message: string | undefined): { validateStatus?: 'error'; help?: ReactNode } {
  if (!message) return {};
  return {
    validateStatus: 'error',
    help: (
      <span role="alert" data-testid="field-error">
        {message}
      </span>
    ),
  };
}

/** A problem that belongs to a whole term or list rather than one input. */
function FieldError({ message, wide = false }: { message: string | undefined; wide?: boolean }) {
  if (!message) return null;
  return (
    <span className={`field-error${wide ? ' field-error-wide' : ''}`} role="alert" data-testid="field-error">
      {message}
    </span>
  );
}
