import { useMemo, useState } from 'react';
import type { CalendarDefinition } from '../../../../../libs/domain/src';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { type DayKind, mergedCalendar, monthGrids, type NationalDays, shiftMonth } from './calendarPreview';

const MONTHS_SHOWN = 3;
const KINDS: DayKind[] = ['school', 'makeup', 'weekend', 'holiday', 'outsideTerm'];

/** The next months as grids of school days and days off, of the calendar as edited (unsaved too). */
export function MonthPreview({
  draft,
  national,
  nationalDaysLastYear,
}: {
  draft: CalendarDefinition;
  national: NationalDays;
  nationalDaysLastYear: number;
}) {
  const { t } = useI18n();
  const [first, setFirst] = useState(() => new Date().toISOString().slice(0, 7));
  const grids = useMemo(() => {
    // Rows being typed (an empty date) are left out of the preview until they are dates.
    const complete: CalendarDefinition = {
      ...draft,
      terms: draft.terms.filter((term) => term.start && term.end && term.start <= term.end),
      holidays: draft.holidays.filter(Boolean),
      workdays: draft.workdays.filter(Boolean),
    };
    return monthGrids(first, MONTHS_SHOWN, mergedCalendar(complete, national));
  }, [draft, national, first]);
  const weekdays = t('calendars.weekdays').split(',');
  const kindLabel = (kind: DayKind) => t(`calendars.kind.${kind}` as MessageKey);

  return (
    <section className="card calendar-preview" data-testid="calendar-preview">
      <div className="preview-head">
        <h2>{t('calendars.preview')}</h2>
        <div className="toolbar">
          <button
            type="button"
            className="button-secondary button-small"
            onClick={() => setFirst((m) => shiftMonth(m, -1))}
            aria-label={t('calendars.previous')}
            title={t('calendars.previous')}
          >
            ‹
          </button>
          <button
            type="button"
            className="button-secondary button-small"
            onClick={() => setFirst((m) => shiftMonth(m, 1))}
            aria-label={t('calendars.next')}
            title={t('calendars.next')}
            data-testid="calendar-next-month"
          >
            ›
          </button>
        </div>
      </div>
      <p className="muted hint">{t('calendars.previewHint')}</p>
      {grids.some((grid) => Number(grid.month.slice(0, 4)) > nationalDaysLastYear) && (
        <p className="alert alert-warning" data-testid="calendar-national-unknown">
          {t('calendars.nationalUnknown', { year: nationalDaysLastYear + 1 })}
        </p>
      )}
      <ul className="calendar-legend">
        {KINDS.map((kind) => (
          <li key={kind}>
            <span className={`day-swatch day-${kind}`} aria-hidden="true" />
            {kindLabel(kind)}
          </li>
        ))}
      </ul>
      <div className="month-grids">
        {grids.map((grid) => {
          const [year, month] = grid.month.split('-');
          return (
            <div className="month" key={grid.month} data-testid={`month-${grid.month}`}>
              <h3>
                {t('calendars.month', { year: year ?? '', month: Number(month) })}
                <span className="muted">{t('calendars.monthSchoolDays', { count: grid.schoolDays })}</span>
              </h3>
              <div className="month-grid" role="grid">
                {weekdays.map((name) => (
                  <span className="weekday" key={name} role="columnheader">
                    {name}
                  </span>
                ))}
                {Array.from({ length: grid.leading }, (_, i) => (
                  <span key={`blank-${i}`} />
                ))}
                {grid.days.map((day) => (
                  <span
                    key={day.date}
                    className={`day day-${day.kind}`}
                    title={`${day.date} ${kindLabel(day.kind)}`}
                    data-date={day.date}
                    data-kind={day.kind}
                    role="gridcell"
                  >
                    {day.day}
                  </span>
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
