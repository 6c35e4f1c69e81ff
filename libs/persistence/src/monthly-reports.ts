import type { EntityManager } from 'typeorm';
import { atOrBelow } from './org-scope';

/**
 * The monthly report (月报, R9): aggregate counts of a unit's cases and work in one month, from
 * the projections, in SQL. Written for `compile-monthly-report` and meant to be reused by the
 * HTTP report (issue 12): callers scope by the unit's path (a school, or a district to sum its
 * schools). Counts only, never a name or anything of a case file.
 */

/** The process whose cases the report counts, and the risk levels it splits them by. */
export const REPORTED_PROCESS_KEY = 'crisis-care';
export const REPORT_RISK_LEVELS = ['low', 'moderate', 'high', 'imminent'] as const;
/** Months begin and end in this zone (the product's schools are in China). */
export const REPORT_TIME_ZONE = 'Asia/Shanghai';
/** Task element ids of the pathway contract (PATHWAY.md) the report counts. */
export const REFERRAL_ELEMENT_IDS = ['referral', 'emergency-referral'] as const;
/** A branch's own home visit, and the one a school's home-visit campaign asks of a case. */
export const HOME_VISIT_ELEMENT_IDS = ['home-visit', 'campaign-home-visit'] as const;
/** The message catch that receives a referral's result, and the results it carries (`outcome`). */
export const REFERRAL_OUTCOME_ELEMENT_ID = 'referral-outcome';
export const REFERRAL_OUTCOMES = ['admitted', 'outpatient', 'not-needed'] as const;

export interface MonthlyReportCounts {
  /**
   * `crisis-care` cases open at the month's end (or now, in the month in progress), by their
   * current `riskLevel` (else `unknown`).
   */
  byRiskLevel: Record<(typeof REPORT_RISK_LEVELS)[number] | 'unknown', number>;
  /** `crisis-care` cases started in the month. */
  newCases: number;
  /**
   * `crisis-care` cases closed in the month: sealed after the closure review, or ended
   * (cancelled) without it. A sealed case only waits out its retention period until it ends.
   */
  closedCases: number;
  /** `crisis-care` cases started before the month's end and not closed by then. */
  openAtMonthEnd: number;
  /** User tasks (any process) open at the month's end (or now) and past their due time then. */
  overdueOpenTasks: number;
  /** `referral` and `emergency-referral` tasks completed in the month. */
  referrals: number;
  /** `home-visit` and `campaign-home-visit` tasks completed in the month. */
  homeVisitsDone: number;
  /** `home-visit` and `campaign-home-visit` tasks (not cancelled) due in the month, done or not. */
  homeVisitsDue: number;
}

/**
 * What the HTTP report (GET /api/reports/monthly) adds to the stored counts: the results of the
 * referrals that came back in the month. Kept out of MonthlyReportCounts so that the reports the
 * worker stored (and the `monthly-report` form that shows them) keep their shape.
 */
export interface MonthlyReportDetail extends MonthlyReportCounts {
  /**
   * `referral-outcome` messages received in the month, by the case's `outcome` variable
   * (`unknown` when it holds something else). The projection keeps a case's current variables
   * only, so a case referred twice reports its latest outcome for both.
   */
  referralOutcomes: Record<(typeof REFERRAL_OUTCOMES)[number] | 'unknown', number>;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isReportMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** The month (YYYY-MM) before the one `at` falls in, in Asia/Shanghai. */
export function previousReportMonth(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: REPORT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
  })
    .formatToParts(at)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  const year = Number(parts.year);
  const month = Number(parts.month);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The counts for the unit at `orgPath` and everything below it, for `month` (YYYY-MM). */
export async function monthlyReportCounts(
  db: EntityManager,
  orgPath: string,
  month: string,
): Promise<MonthlyReportCounts> {
  // The stored report keeps its shape: the detail's additions stay with the HTTP report.
  const { referralOutcomes: _outcomes, ...counts } = await monthlyReportDetail(db, orgPath, month);
  return counts;
}

/**
 * The counts and the month's referral outcomes, in one statement. Anything "at the month's end"
 * is taken at the end or now, whichever is earlier: a report of the month in progress counts a
 * task overdue once its due time has passed, not because it falls due before the month ends.
 */
export async function monthlyReportDetail(
  db: EntityManager,
  orgPath: string,
  month: string,
): Promise<MonthlyReportDetail> {
  if (!isReportMonth(month)) throw new Error(`Expected a month as YYYY-MM`);
  // $2: the month's first instant, $3: the next month's, both in the report's zone.
  const start = `(($2::text || '-01')::timestamp AT TIME ZONE '${REPORT_TIME_ZONE}')`;
  const end = `((($2::text || '-01')::timestamp + interval '1 month') AT TIME ZONE '${REPORT_TIME_ZONE}')`;
  const asOf = `LEAST(${end}, now())`;
  const [row]: [Record<string, string | null>] = await db.query(
    `WITH cases AS (
       SELECT i.id, i.started_at, LEAST(i.sealed_at, i.ended_at) AS closed_at,
              CASE WHEN i.variables ->> 'riskLevel' = ANY($3::text[]) THEN i.variables ->> 'riskLevel'
                   ELSE 'unknown' END AS risk,
              CASE WHEN i.variables ->> 'outcome' = ANY($8::text[]) THEN i.variables ->> 'outcome'
                   ELSE 'unknown' END AS outcome
       FROM process_instance i
       WHERE i.definition_key = $4 AND ${atOrBelow('i.org_path', '$1::text')}
     ), tasks AS (
       SELECT t.element_id, t.state, t.created_at, t.ended_at, t.due_at
       FROM user_task t
       WHERE ${atOrBelow('t.org_path', '$1::text')}
     ), open_cases AS (
       SELECT risk FROM cases WHERE started_at < ${asOf} AND (closed_at IS NULL OR closed_at >= ${asOf})
     ), outcomes AS (
       -- each passage of the catch in the month: the message arrived then
       SELECT c.outcome FROM cases c
       JOIN audit_event e ON e.instance_id = c.id
       WHERE e.type = 'element.left' AND e.element_id = $7 AND e.at >= ${start} AND e.at < ${end}
     )
     SELECT
       (SELECT count(*) FROM cases WHERE started_at >= ${start} AND started_at < ${end}) AS new_cases,
       (SELECT count(*) FROM cases WHERE closed_at >= ${start} AND closed_at < ${end}) AS closed_cases,
       (SELECT count(*) FROM open_cases) AS open_at_month_end,
       (SELECT coalesce(jsonb_object_agg(risk, n), '{}'::jsonb)::text
          FROM (SELECT risk, count(*) AS n FROM open_cases GROUP BY risk) r) AS by_risk_level,
       (SELECT coalesce(jsonb_object_agg(outcome, n), '{}'::jsonb)::text
          FROM (SELECT outcome, count(*) AS n FROM outcomes GROUP BY outcome) o) AS referral_outcomes,
       (SELECT count(*) FROM tasks
          WHERE created_at < ${asOf} AND due_at < ${asOf}
            AND (ended_at IS NULL OR ended_at >= ${asOf})) AS overdue_open_tasks,
       (SELECT count(*) FROM tasks
          WHERE element_id = ANY($5::text[]) AND state = 'completed'
            AND ended_at >= ${start} AND ended_at < ${end}) AS referrals,
       (SELECT count(*) FROM tasks
          WHERE element_id = ANY($6::text[]) AND state = 'completed'
            AND ended_at >= ${start} AND ended_at < ${end}) AS home_visits_done,
       (SELECT count(*) FROM tasks
          WHERE element_id = ANY($6::text[]) AND state <> 'cancelled'
            AND due_at >= ${start} AND due_at < ${end}) AS home_visits_due`,
    [
      orgPath,
      month,
      [...REPORT_RISK_LEVELS],
      REPORTED_PROCESS_KEY,
      [...REFERRAL_ELEMENT_IDS],
      [...HOME_VISIT_ELEMENT_IDS],
      REFERRAL_OUTCOME_ELEMENT_ID,
      [...REFERRAL_OUTCOMES],
    ],
  );
  const byRisk = JSON.parse(row.by_risk_level ?? '{}') as Record<string, number>;
  const outcomes = JSON.parse(row.referral_outcomes ?? '{}') as Record<string, number>;
  return {
    byRiskLevel: {
      low: byRisk.low ?? 0,
      moderate: byRisk.moderate ?? 0,
      high: byRisk.high ?? 0,
      imminent: byRisk.imminent ?? 0,
      unknown: byRisk.unknown ?? 0,
    },
    newCases: Number(row.new_cases),
    closedCases: Number(row.closed_cases),
    openAtMonthEnd: Number(row.open_at_month_end),
    overdueOpenTasks: Number(row.overdue_open_tasks),
    referrals: Number(row.referrals),
    homeVisitsDone: Number(row.home_visits_done),
    homeVisitsDue: Number(row.home_visits_due),
    referralOutcomes: {
      admitted: outcomes.admitted ?? 0,
      outpatient: outcomes.outpatient ?? 0,
      'not-needed': outcomes['not-needed'] ?? 0,
      unknown: outcomes.unknown ?? 0,
    },
  };
}

export interface StoredMonthlyReport {
  reportId: string;
  month: string;
  counts: MonthlyReportCounts;
}

/** The report a job stored already (a retry of it answers the same report), or null. */
export async function monthlyReportOfJob(
  db: EntityManager,
  jobKey: string,
): Promise<StoredMonthlyReport | null> {
  const rows: { id: string; month: string; counts: MonthlyReportCounts }[] = await db.query(
    `SELECT id, month, counts FROM monthly_report WHERE job_key = $1`,
    [jobKey],
  );
  return rows[0] ? { reportId: rows[0].id, month: rows[0].month, counts: rows[0].counts } : null;
}

/**
 * Stores the report of the unit for the month, compiled by the job `jobKey` of the case
 * `instanceId`: one row per unit, month and case; a later job of the same case (compiling again
 * after a review sent it back) replaces the counts.
 */
export async function storeMonthlyReport(
  db: EntityManager,
  report: {
    orgUnitId: string;
    orgPath: string;
    month: string;
    instanceId: string;
    jobKey: string;
    counts: MonthlyReportCounts;
  },
): Promise<string> {
  const [{ id }]: [{ id: string }] = await db.query(
    `INSERT INTO monthly_report (org_unit_id, org_path, month, counts, instance_id, job_key)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (org_unit_id, month, instance_id)
       DO UPDATE SET counts = EXCLUDED.counts, job_key = EXCLUDED.job_key, compiled_at = now()
     RETURNING id`,
    [
      report.orgUnitId,
      report.orgPath,
      report.month,
      JSON.stringify(report.counts),
      report.instanceId,
      report.jobKey,
    ],
  );
  return id;
}
