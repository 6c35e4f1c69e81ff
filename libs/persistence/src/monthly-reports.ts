import type { EntityManager } from 'typeorm';
import { atOrBelowRange } from './org-scope';

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
 * referrals that came back in the month, and how much of the school was screened this semester.
 * Kept out of MonthlyReportCounts so that the reports the worker stored (and the
 * `monthly-report` form that shows them) keep their shape.
 */
export interface MonthlyReportDetail extends MonthlyReportCounts {
  /**
   * `referral-outcome` messages received in the month, by the case's `outcome` variable
   * (`unknown` when it holds something else). The projection keeps a case's current variables
   * only, so a case referred twice reports its latest outcome for both.
   */
  referralOutcomes: Record<(typeof REFERRAL_OUTCOMES)[number] | 'unknown', number>;
  /**
   * Screening coverage (R1, 每学期全覆盖筛查): the unit's students (registered before the month's
   * end, or now), and how many of them have a result in a screening imported between the start
   * of the semester the month falls in (screeningSemesterStart) and then.
   */
  screening: { students: number; screened: number };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isReportMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/**
 * The first month (YYYY-MM) of the semester `month` falls in, as Chinese schools run the year:
 * the autumn semester from August to January, the spring semester from February to July. A
 * screening imported in the summer before term counts for the autumn semester. School calendars'
 * own term dates (calendars.md) are not consulted: a screening campaign is planned per
 * semester, and a month belongs to one semester whatever a school's exact first day is.
 */
export function screeningSemesterStart(month: string): string {
  const match = MONTH.exec(month);
  if (!match) throw new Error('Expected a month as YYYY-MM');
  const year = Number(match[1]);
  const m = Number(match[2]);
  if (m === 1) return `${year - 1}-08`;
  return m >= 8 ? `${year}-08` : `${year}-02`;
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
  const [detail] = await monthlyReportDetails(db, [orgPath], month);
  const { referralOutcomes: _outcomes, screening: _screening, ...counts } = detail!;
  return counts;
}

/**
 * The counts, the month's referral outcomes and the semester's screening coverage of each unit
 * at `orgPaths` (with everything below it), in the order given, in one statement: a district's
 * two hundred schools cost one round trip and one pass over each table's index range, not two
 * hundred (bench/monthly-report.ts). Anything "at the month's end" is taken at the end or now,
 * whichever is earlier: a report of the month in progress counts a task overdue once its due
 * time has passed, not because it falls due before the month ends. Units should not nest (a
 * case under two of them counts for both).
 */
export async function monthlyReportDetails(
  db: EntityManager,
  orgPaths: readonly string[],
  month: string,
): Promise<MonthlyReportDetail[]> {
  if (!isReportMonth(month)) throw new Error(`Expected a month as YYYY-MM`);
  if (orgPaths.length === 0) return [];
  // The instants the counts compare with, computed once and bound as constants: the month's
  // first instant and the next month's in the report's zone, the earlier of that and now, and
  // the semester's first instant.
  const [bounds]: [{ start: Date; end: Date; as_of: Date; semester: Date }] = await db.query(
    `SELECT ($1::text || '-01')::timestamp AT TIME ZONE '${REPORT_TIME_ZONE}' AS start,
            (($1::text || '-01')::timestamp + interval '1 month') AT TIME ZONE '${REPORT_TIME_ZONE}' AS end,
            LEAST((($1::text || '-01')::timestamp + interval '1 month') AT TIME ZONE '${REPORT_TIME_ZONE}', now()) AS as_of,
            ($2::text || '-01')::timestamp AT TIME ZONE '${REPORT_TIME_ZONE}' AS semester`,
    [month, screeningSemesterStart(month)],
  );
  // $2 start, $3 end, $4 as of: anything "at the month's end" is taken then.
  const rows: Record<string, string | null>[] = await db.query(
    `WITH units AS (
       SELECT DISTINCT unnest($1::text[]) AS path
     ), members AS (
       -- every org unit at or below each unit: a case, task or student lives at an org unit, so
       -- it is matched to its unit by that unit's path, an equality the planner can hash
       SELECT u.path AS unit, ou.org_path FROM units u JOIN org_unit ou ON ${atOrBelowRange('ou.org_path', 'u.path')}
     ), cases AS (
       SELECT m.unit, i.id, i.started_at, i.ended_at, LEAST(i.sealed_at, i.ended_at) AS closed_at,
              CASE WHEN i.variables ->> 'riskLevel' = ANY($6::text[]) THEN i.variables ->> 'riskLevel'
                   ELSE 'unknown' END AS risk,
              CASE WHEN i.variables ->> 'outcome' = ANY($11::text[]) THEN i.variables ->> 'outcome'
                   ELSE 'unknown' END AS outcome
       FROM process_instance i JOIN members m ON m.org_path = i.org_path
       -- a case started after the month counts in none of its numbers
       WHERE i.definition_key = $7 AND i.started_at < $3
     ), case_counts AS (
       SELECT unit,
              count(*) FILTER (WHERE started_at >= $2) AS new_cases,
              count(*) FILTER (WHERE closed_at >= $2 AND closed_at < $3) AS closed_cases,
              count(*) FILTER (WHERE started_at < $4 AND (closed_at IS NULL OR closed_at >= $4)) AS open_at_month_end
       FROM cases GROUP BY unit
     ), risk_counts AS (
       SELECT unit, jsonb_object_agg(risk, n)::text AS by_risk_level
       FROM (SELECT unit, risk, count(*) AS n FROM cases
             WHERE started_at < $4 AND (closed_at IS NULL OR closed_at >= $4)
             GROUP BY unit, risk) r
       GROUP BY unit
     ), outcome_counts AS (
       -- each passage of the catch in the month: the message arrived then
       SELECT unit, jsonb_object_agg(outcome, n)::text AS referral_outcomes
       FROM (SELECT c.unit, c.outcome, count(*) AS n FROM cases c
             -- per case through its chain's index (OFFSET 0 keeps the planner from trading that
             -- for a scan of the whole audit log); only a case still running in the month can
             -- have received a message in it
             CROSS JOIN LATERAL (
               SELECT 1 FROM audit_event e
               WHERE e.instance_id = c.id AND e.element_id = $10 AND e.type = 'element.left'
                 AND e.at >= $2 AND e.at < $3
               OFFSET 0) e
             WHERE c.ended_at IS NULL OR c.ended_at >= $2
             GROUP BY c.unit, c.outcome) o
       GROUP BY unit
     ), task_counts AS (
       SELECT m.unit,
              count(*) FILTER (WHERE t.created_at < $4 AND t.due_at < $4
                                 AND (t.ended_at IS NULL OR t.ended_at >= $4)) AS overdue_open_tasks,
              count(*) FILTER (WHERE t.element_id = ANY($8::text[]) AND t.state = 'completed'
                                 AND t.ended_at >= $2 AND t.ended_at < $3) AS referrals,
              count(*) FILTER (WHERE t.element_id = ANY($9::text[]) AND t.state = 'completed'
                                 AND t.ended_at >= $2 AND t.ended_at < $3) AS home_visits_done,
              count(*) FILTER (WHERE t.element_id = ANY($9::text[]) AND t.state <> 'cancelled'
                                 AND t.due_at >= $2 AND t.due_at < $3) AS home_visits_due
       FROM user_task t JOIN members m ON m.org_path = t.org_path
       -- only the tasks one of the counts can take: open at the month's end, or ended or due in it
       WHERE (t.created_at < $4 AND (t.ended_at IS NULL OR t.ended_at >= $4))
          OR (t.ended_at >= $2 AND t.ended_at < $3)
          OR (t.due_at >= $2 AND t.due_at < $3)
       GROUP BY m.unit
     ), screening_counts AS (
       SELECT m.unit, count(*) AS students,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM screening_result r JOIN screening sc ON sc.id = r.screening_id
                WHERE r.student_id = s.id AND sc.created_at >= $5 AND sc.created_at < $4
              )) AS screened
       FROM student s JOIN members m ON m.org_path = s.org_path
       WHERE s.created_at < $4
       GROUP BY m.unit
     )
     SELECT u.path, cc.new_cases, cc.closed_cases, cc.open_at_month_end, rc.by_risk_level,
            oc.referral_outcomes, tc.overdue_open_tasks, tc.referrals, tc.home_visits_done,
            tc.home_visits_due, sc.students, sc.screened
     FROM units u
     LEFT JOIN case_counts cc ON cc.unit = u.path
     LEFT JOIN risk_counts rc ON rc.unit = u.path
     LEFT JOIN outcome_counts oc ON oc.unit = u.path
     LEFT JOIN task_counts tc ON tc.unit = u.path
     LEFT JOIN screening_counts sc ON sc.unit = u.path`,
    [
      [...orgPaths],
      bounds.start,
      bounds.end,
      bounds.as_of,
      bounds.semester,
      [...REPORT_RISK_LEVELS],
      REPORTED_PROCESS_KEY,
      [...REFERRAL_ELEMENT_IDS],
      [...HOME_VISIT_ELEMENT_IDS],
      REFERRAL_OUTCOME_ELEMENT_ID,
      [...REFERRAL_OUTCOMES],
    ],
  );
  const byPath = new Map(rows.map((row) => [row.path, row]));
  return orgPaths.map((path) => detailOf(byPath.get(path) ?? {}));
}

function detailOf(row: Record<string, string | null>): MonthlyReportDetail {
  const count = (value: string | null | undefined) => Number(value ?? 0);
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
    newCases: count(row.new_cases),
    closedCases: count(row.closed_cases),
    openAtMonthEnd: count(row.open_at_month_end),
    overdueOpenTasks: count(row.overdue_open_tasks),
    referrals: count(row.referrals),
    homeVisitsDone: count(row.home_visits_done),
    homeVisitsDue: count(row.home_visits_due),
    referralOutcomes: {
      admitted: outcomes.admitted ?? 0,
      outpatient: outcomes.outpatient ?? 0,
      'not-needed': outcomes['not-needed'] ?? 0,
      unknown: outcomes.unknown ?? 0,
    },
    screening: { students: count(row.students), screened: count(row.screened) },
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
