import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client, Pool } from 'pg';
import { monthlyReportDetails, previousReportMonth, screeningSemesterStart } from '../libs/persistence/src';
import { call, login } from '../test/support/api-client';
import { createMigratedDatabase } from '../test/support/databases';
import { seedTestAdmin } from '../test/support/test-admin';
import { type ApiOnly, startApiOnly } from './support/api-only';
import { CapturingDataSource, explain, timeAlternately } from './support/captured-sql';
import { intFromEnv } from './support/env';
import { seedListScale } from './support/list-scale-seed';
import { deployShipped } from './pathway-throughput';
import { type BenchResult, type Measure, measure, ratio } from './support/report';
import { elapsedMs, percentile } from './support/stats';

/**
 * (j) The monthly report (月报, issue 12) of a district of 200 schools and 50,000 cases:
 * GET /api/reports/monthly for the district (every school's row, the rollup, suppression, who
 * submitted) and for one school, each beside the bare SQL aggregate its counts come from
 * (monthlyReportDetails' one statement, captured from the function itself and run with pg),
 * timed alternately in the same run. Also, once: the same counts taken one school at a time,
 * as the report first did.
 *
 * Data: the (h) list-scale seed (cases, tasks, students, audit chains; bench/support/
 * list-scale-seed.ts) with what the report counts besides: a third of the support plans made
 * referrals and half the counselling sessions home visits, the hospital's answer to each
 * referral three days later, and one screening per school this semester covering 95 % of its
 * students.
 */

const SUPERVISOR = { username: 'bench-supervisor', password: 'bench-supervisor-passphrase-1' };
const PSYCH = { username: 'bench-psych-s01', password: 'bench-psych-passphrase-s01' };
const PLANS_PATH = '.data/bench-monthly-report-plans.txt';
const BIG_TABLES = new Set(['user_task', 'process_instance', 'audit_event', 'student', 'screening_result']);

export async function monthlyReport(): Promise<BenchResult> {
  const began = performance.now();
  const cases = intFromEnv('BENCH_MONTHLY_CASES', 50_000);
  const schools = intFromEnv('BENCH_MONTHLY_SCHOOLS', 200);
  const requests = intFromEnv('BENCH_MONTHLY_REQUESTS', 40);
  const month = previousReportMonth(new Date());
  const database = await createMigratedDatabase('carepath_bench_monthly');
  let stack: ApiOnly | undefined;
  const pool = new Pool({ connectionString: database.appUrl, max: 4, statement_timeout: 60_000 });
  let capture: CapturingDataSource | undefined;
  try {
    await seedTestAdmin(database.ownerUrl);
    stack = await startApiOnly(database.appUrl);
    const adminToken = await login(stack.baseUrl, 'admin', stack.adminPassword);
    const deployed = await deployShipped(stack, adminToken, ['crisis-care', 'concern-intake']);
    const crisisCare = deployed.get('crisis-care');
    const concernIntake = deployed.get('concern-intake');
    if (!crisisCare || !concernIntake) throw new Error('crisis-care and concern-intake must deploy');
    const seeded = await seedListScale(database.ownerUrl, {
      cases,
      schools,
      supervisor: SUPERVISOR,
      psychTeacher: PSYCH,
      definitions: { crisisCare, concernIntake },
    });
    const extras = await seedReportExtras(database.ownerUrl, month);
    console.log(
      `  seeded ${seeded.cases} cases, ${seeded.tasks} tasks, ${seeded.auditEvents} audit entries in ` +
        `${seeded.seconds.toFixed(0)} s; ${extras.referrals} referrals, ${extras.homeVisits} home visits, ` +
        `${extras.screened} screening results`,
    );

    const units = await pool.query<{ id: string; org_path: string; kind: string; code: string }>(
      `SELECT id, org_path, kind, code FROM org_unit WHERE kind IN ('district', 'school') ORDER BY org_path`,
    );
    const district = units.rows.find((unit) => unit.kind === 'district')!;
    const firstSchool = units.rows.find((unit) => unit.code === 's01')!;
    const schoolPaths = units.rows.filter((unit) => unit.kind === 'school').map((unit) => unit.org_path);
    const tokens = {
      supervisor: await login(stack.baseUrl, SUPERVISOR.username, SUPERVISOR.password),
      psych: await login(stack.baseUrl, PSYCH.username, PSYCH.password),
    };

    capture = await CapturingDataSource.open(database.appUrl);
    const manager = capture.dataSource.manager;
    const scenarios = [
      {
        label: `district of ${schoolPaths.length} schools, district supervisor`,
        token: tokens.supervisor,
        path: `/api/reports/monthly?orgUnitId=${district.id}&month=${month}`,
        sql: await capture.queriesOf(() => monthlyReportDetails(manager, schoolPaths, month)),
      },
      {
        label: 'one school, its psychology teacher',
        token: tokens.psych,
        path: `/api/reports/monthly?orgUnitId=${firstSchool.id}&month=${month}`,
        sql: await capture.queriesOf(() => monthlyReportDetails(manager, [firstSchool.org_path], month)),
      },
    ];

    // The district's answer must be the report of these data, not an error or an empty district.
    const answer = await call(stack.baseUrl, 'GET', scenarios[0]!.path, { token: tokens.supervisor });
    if (answer.status !== 200 || answer.body.schools.length !== schoolPaths.length)
      throw new Error(
        `the district report answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`,
      );
    const rollup = answer.body.rollup.counts;

    const notes: string[] = [];
    const plans: string[] = [];
    for (const scenario of scenarios) {
      const { text, summary, seqScans } = await explain(pool, scenario.sql[0]!, BIG_TABLES);
      plans.push(`== ${scenario.label}\n${text}\n`);
      const warning = seqScans.length > 0 ? ` (sequential scan of ${seqScans.join(', ')})` : '';
      notes.push(`plan, ${scenario.label}: ${summary}${warning}`);
    }

    mkdirSync(dirname(PLANS_PATH), { recursive: true });
    writeFileSync(PLANS_PATH, plans.join('\n'));
    notes.push(`Full plans (EXPLAIN ANALYZE, BUFFERS) in ${PLANS_PATH}.`);

    const figures: Measure[] = [];
    const ratios: Measure[] = [];
    for (const scenario of scenarios) {
      const timings = await timeAlternately(
        stack,
        pool,
        scenario.token,
        scenario.path,
        scenario.sql,
        requests,
      );
      const apiP50 = percentile(timings.api, 50);
      const apiP95 = percentile(timings.api, 95);
      const sqlP50 = percentile(timings.sql, 50);
      const sqlP95 = percentile(timings.sql, 95);
      figures.push(
        measure(`${scenario.label}: api p50`, apiP50, 'ms'),
        measure(`${scenario.label}: api p95`, apiP95, 'ms'),
        measure(`${scenario.label}: bare SQL aggregate p50`, sqlP50, 'ms'),
        measure(`${scenario.label}: bare SQL aggregate p95`, sqlP95, 'ms'),
      );
      ratios.push(
        ratio(`${scenario.label}: api / bare SQL p50`, apiP50, sqlP50, { op: '<=', bound: 2 }),
        ratio(`${scenario.label}: api / bare SQL p95`, apiP95, sqlP95, { op: '<=', bound: 2 }),
      );
    }

    // The counts one school at a time (the report's first shape), three times, the median.
    const oneByOne: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const start = performance.now();
      for (const path of schoolPaths) await monthlyReportDetails(manager, [path], month);
      oneByOne.push(elapsedMs(start));
    }
    figures.push(
      measure(
        'the district one school at a time (200 statements), median of 3',
        percentile(oneByOne, 50),
        'ms',
      ),
    );

    return {
      id: 'monthly-report',
      title: `(j) Monthly report of a district of ${schoolPaths.length} schools and ${seeded.cases} cases`,
      parameters: {
        cases: seeded.cases,
        tasks: seeded.tasks,
        schools: schoolPaths.length,
        month,
        requests,
        referrals: extras.referrals,
        homeVisits: extras.homeVisits,
        screeningResults: extras.screened,
        seedSeconds: Math.round(seeded.seconds),
      },
      figures,
      ratios,
      notes: [
        `The district's rollup for ${month}: ${rollup.newCases} new, ${rollup.closedCases} closed, ${rollup.openAtMonthEnd} open, ${rollup.overdueOpenTasks} overdue tasks, ${rollup.referrals} referrals, ${rollup.homeVisitsDone}/${rollup.homeVisitsDue} home visits, coverage ${rollup.screeningCoverage}.`,
        `Each request and its bare SQL alternate (ABBA), ${requests} timed of each after 5 untimed. The bare SQL is the counts' one statement; the api also signs the caller in, finds the unit and its schools in scope, reads the submissions and suppresses small counts.`,
        ...notes,
      ],
      seconds: elapsedMs(began) / 1000,
    };
  } finally {
    await capture?.close();
    await pool.end();
    await stack?.close();
    // BENCH_MONTHLY_KEEP=1 keeps the seeded database for looking at plans; drop it yourself after.
    if (process.env.BENCH_MONTHLY_KEEP === '1') console.log(`  kept database ${database.ownerUrl}`);
    else await database.drop();
  }
}

/**
 * What the report counts beyond the list-scale seed, in SQL: referrals, home visits, the
 * hospital's answers, and a screening per school since the semester began.
 */
async function seedReportExtras(
  ownerUrl: string,
  month: string,
): Promise<{ referrals: number; homeVisits: number; screened: number }> {
  const db = new Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    await db.query(`
      UPDATE user_task SET element_id = 'referral', name = '转介'
       WHERE element_id = 'support-plan' AND abs(hashtext(id::text)) % 3 = 0;
      UPDATE user_task SET element_id = 'home-visit', name = '家访'
       WHERE element_id = 'counselling-session' AND abs(hashtext(id::text)) % 2 = 0;
      UPDATE process_instance SET variables = variables || jsonb_build_object('outcome',
               (ARRAY['admitted', 'outpatient', 'not-needed'])[1 + abs(hashtext(id::text)) % 3])
       WHERE id IN (SELECT instance_id FROM user_task WHERE element_id = 'referral');
      INSERT INTO audit_event (instance_id, seq, at, type, element_id, data, hash)
        SELECT instance_id, 100, ended_at + interval '3 days', 'element.left', 'referral-outcome', '{}'::jsonb,
               md5(instance_id::text || 'outcome') || md5('outcome' || instance_id::text)
          FROM user_task WHERE element_id = 'referral' AND state = 'completed';`);
    // One screening per school, imported ten days into the semester of the report's month.
    await db.query(
      `INSERT INTO screening (id, org_unit_id, org_path, instrument, content_hash, key_id, wrapped_key,
                              row_count, flagged_count, rejected_count, created_by, created_at)
         SELECT md5('screening-' || s.id)::uuid, s.id, s.org_path, 'phq-9', md5('content-' || s.id),
                'bench-' || s.id, '\\x00'::bytea, 0, 0, 0, (SELECT id FROM app_user WHERE username = 'admin'),
                (($1::text || '-11')::timestamp AT TIME ZONE 'Asia/Shanghai')
           FROM org_unit s WHERE s.kind = 'school'`,
      [screeningSemesterStart(month)],
    );
    await db.query(`
      INSERT INTO screening_result (screening_id, student_id, row_number, score, band, flagged, reasons, answers)
        SELECT md5('screening-' || sc.id)::uuid, st.id, 1, 4, 'minimal', false, '[]'::jsonb, 'v2:bench'
          FROM student st JOIN org_unit sc ON sc.kind = 'school' AND starts_with(st.org_path, sc.org_path || '/')
         WHERE abs(hashtext(st.id::text)) % 20 <> 0;
      ANALYZE`);
    const [counts] = (
      await db.query<{ referrals: number; home_visits: number; screened: number }>(`
        SELECT (SELECT count(*) FROM user_task WHERE element_id = 'referral')::int AS referrals,
               (SELECT count(*) FROM user_task WHERE element_id = 'home-visit')::int AS home_visits,
               (SELECT count(*) FROM screening_result)::int AS screened`)
    ).rows;
    return { referrals: counts!.referrals, homeVisits: counts!.home_visits, screened: counts!.screened };
  } finally {
    await db.end();
  }
}
