import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
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

/** Whoever may edit some unit's calendar: principals and district staff (the api's one list). */

/** The units where the user may edit the calendar: at or below a grant of an editor role. */
export function editableUnits(me: Me, units: OrgUnit[]): OrgUnit[] {
  const reach = me.roles
    .filter((grant) => (CALENDAR_EDITOR_ROLES as readonly string[]).includes(grant.role))
    .map((grant) => grant.orgPath);
  return units.filter((unit) =>
    reach.some((path) => unit.orgPath === path || unit.orgPath.startsWith(`${path}/`)),
  );
}

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
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  const [unitsError, setUnitsError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    listOrgUnits().then(
      (page) => live && setUnits(editableUnits(me, page.items)),
      (error: unknown) => live && setUnitsError(error),
    );
    return () => {
      live = false;
    };
  }, [me]);

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
      <ErrorMessage error={unitsError} />
      {units && units.length === 0 && <p className="empty">{t('calendars.noUnits')}</p>}
      {units && units.length > 0 && (
        <label className="field calendars-unit">
          <span>{t('calendars.unit')}</span>
          <select
            value={selected ?? ''}
            onChange={(e) => void navigate(pathFor({ page: 'calendar', orgUnitId: e.target.value }))}
            data-testid="calendar-unit"
          >
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {'\u3000'.repeat(depthOf(unit))}
                {unit.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {selected && <CalendarEditor key={selected} orgUnitId={selected} />}
    </main>
  );
}

type Draft = CalendarDefinition;
type DateList = 'holidays' | 'workdays';

function CalendarEditor({ orgUnitId }: { orgUnitId: string }) {
  const { t, formatDateTime } = useI18n();
  const [calendar, setCalendar] = useState<EffectiveCalendar | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = useCallback((next: EffectiveCalendar) => {
    setCalendar(next);
    setDraft(definitionOf(next));
  }, []);

  useEffect(() => {
    let live = true;
    getCalendar(orgUnitId).then(
      (answer) => live && show(answer),
      (error: unknown) => live && setLoadError(error),
    );
    return () => {
      live = false;
    };
  }, [orgUnitId, show]);

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

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!calendar || !draft) return <p className="muted">{t('common.loading')}</p>;
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

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaveError(null);
    try {
      const stored = await putCalendar(orgUnitId, draft);
      show(stored);
      const { cases, pending } = stored.refresh;
      setNotice(
        pending > 0
          ? t('calendars.savedPending', { count: cases })
          : cases > 0
            ? t('calendars.saved', { count: cases })
            : t('calendars.savedNoCases'),
      );
    } catch (error) {
      setSaveError(error);
    } finally {
      setBusy(false);
    }
  };

  const revert = async () => {
    if (!window.confirm(t('calendars.revertConfirm'))) return;
    setBusy(true);
    setSaveError(null);
    try {
      await deleteCalendar(orgUnitId);
      show(await getCalendar(orgUnitId));
      setNotice(t('calendars.reverted'));
    } catch (error) {
      setSaveError(error);
    } finally {
      setBusy(false);
    }
  };

  const sourceLine =
    calendar.source === 'own'
      ? t('calendars.source.own')
      : calendar.source === 'inherited'
        ? t('calendars.source.inherited', { name: calendar.sourceUnitName ?? '' })
        : t('calendars.source.national');
  const zones = ZONES.includes(draft.timezone) ? ZONES : [draft.timezone, ...ZONES];

  return (
    <div className="calendar-layout">
      <form className="card calendar-form" onSubmit={save} data-testid="calendar-form">
        <p className={`calendar-source source-${calendar.source}`}>
          <span data-testid="calendar-source">{sourceLine}</span>
          {calendar.updatedAt && calendar.updatedBy && (
            <span className="muted calendar-updated" data-testid="calendar-updated">
              {t('calendars.updated', { who: calendar.updatedBy, when: formatDateTime(calendar.updatedAt) })}
            </span>
          )}
        </p>
        {readOnly && <p className="alert alert-info">{t('calendars.readOnly')}</p>}
        {!readOnly && calendar.source === 'inherited' && (
          <p className="muted">{t('calendars.startingPoint')}</p>
        )}
        <fieldset disabled={readOnly || busy}>
          <label className="field">
            <span>{t('calendars.timezone')}</span>
            <select
              value={draft.timezone}
              onChange={(e) => edit((d) => ({ ...d, timezone: e.target.value }))}
              data-testid="calendar-timezone"
            >
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {ZONES.includes(zone) ? t(`calendars.timezone.${zone}` as MessageKey) : zone}
                </option>
              ))}
            </select>
            <FieldError message={errorAt('timezone')} />
          </label>

          <section className="calendar-section" data-testid="calendar-terms">
            <h2>{t('calendars.terms')}</h2>
            <p className="muted hint">{t('calendars.termsHint')}</p>
            <FieldError message={errorAt('terms')} />
            {draft.terms.map((term, index) => (
              <div className="calendar-term" key={index} data-testid="calendar-term">
                <label className="field term-name">
                  <span>{t('calendars.term.name')}</span>
                  <input
                    value={term.name}
                    maxLength={50}
                    onChange={(e) => setTerm(index, 'name', e.target.value)}
                    data-testid={`terms.${index}.name`}
                  />
                  <FieldError message={errorAt(`terms.${index}.name`)} />
                </label>
                <label className="field">
                  <span>{t('calendars.term.start')}</span>
                  <input
                    type="date"
                    value={term.start}
                    onChange={(e) => setTerm(index, 'start', e.target.value)}
                    data-testid={`terms.${index}.start`}
                  />
                  <FieldError message={errorAt(`terms.${index}.start`)} />
                </label>
                <label className="field">
                  <span>{t('calendars.term.end')}</span>
                  <input
                    type="date"
                    value={term.end}
                    onChange={(e) => setTerm(index, 'end', e.target.value)}
                    data-testid={`terms.${index}.end`}
                  />
                  <FieldError message={errorAt(`terms.${index}.end`)} />
                </label>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => removeAt('terms', index)}
                  aria-label={`${t('calendars.remove')} ${term.name}`}
                >
                  {t('calendars.remove')}
                </button>
                <FieldError message={errorAt(`terms.${index}`)} wide />
              </div>
            ))}
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() =>
                edit((d) => ({
                  ...d,
                  terms: [...d.terms, { name: t('calendars.term.defaultName'), start: '', end: '' }],
                }))
              }
              data-testid="calendar-add-term"
            >
              {t('calendars.term.add')}
            </button>
          </section>

          {(['holidays', 'workdays'] as const).map((list) => (
            <section className="calendar-section" key={list} data-testid={`calendar-${list}`}>
              <h2>{t(`calendars.${list}`)}</h2>
              <p className="muted hint">{t(`calendars.${list}Hint`)}</p>
              <FieldError message={errorAt(list)} />
              <div className="calendar-dates">
                {draft[list].map((date, index) => (
                  <div className="calendar-date" key={index}>
                    <input
                      type="date"
                      value={date}
                      aria-label={t(`calendars.${list}`)}
                      onChange={(e) => setDate(list, index, e.target.value)}
                      data-testid={`${list}.${index}`}
                    />
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => removeAt(list, index)}
                      aria-label={`${t('calendars.remove')} ${date}`}
                    >
                      {t('calendars.remove')}
                    </button>
                    <FieldError message={errorAt(`${list}.${index}`)} wide />
                  </div>
                ))}
              </div>
              <button
                type="button"
                className="button-secondary button-small"
                onClick={() => edit((d) => ({ ...d, [list]: [...d[list], ''] }))}
                data-testid={`calendar-add-${list}`}
              >
                {t('calendars.date.add')}
              </button>
            </section>
          ))}
        </fieldset>

        {saveError !== null &&
          (fieldErrors.size > 0 && unplaced.length === 0 ? (
            <div className="alert alert-error" role="alert" data-testid="calendar-error">
              {t('calendars.fixErrors')}
            </div>
          ) : (
            <ErrorMessage error={saveError} testId="calendar-error" />
          ))}
        <Notice text={notice} testId="calendar-notice" />
        {!readOnly && (
          <div className="page-actions calendar-actions">
            <button type="submit" className="button-primary" disabled={busy} data-testid="calendar-save">
              {busy ? t('calendars.saving') : t('calendars.save')}
            </button>
            {calendar.source === 'own' && (
              <button
                type="button"
                className="button-secondary"
                disabled={busy}
                onClick={() => void revert()}
                data-testid="calendar-revert"
              >
                {t('calendars.revert')}
              </button>
            )}
          </div>
        )}
      </form>
      <MonthPreview
        draft={draft}
        national={{ holidays: calendar.nationalHolidays, workdays: calendar.nationalWorkdays }}
        nationalDaysLastYear={calendar.nationalDaysLastYear}
      />
    </div>
  );
}

function FieldError({ message, wide = false }: { message: string | undefined; wide?: boolean }) {
  if (!message) return null;
  return (
    <span className={`field-error${wide ? ' field-error-wide' : ''}`} role="alert" data-testid="field-error">
      {message}
    </span>
  );
}
