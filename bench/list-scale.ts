import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Pool } from 'pg';
import { DefinitionStatisticsRepository } from '../apps/api/src/definitions/definition-statistics.repository';
import { InstancesRepository } from '../apps/api/src/instances/instances.repository';
import { TasksRepository } from '../apps/api/src/tasks/tasks.repository';
import { inScope } from '../libs/persistence/src';
import { login } from '../test/support/api-client';
import { createMigratedDatabase } from '../test/support/databases';
import { seedTestAdmin } from '../test/support/test-admin';
import { type ApiOnly, startApiOnly } from './support/api-only';
import { type CapturedQuery, CapturingDataSource, explain, timeAlternately } from './support/captured-sql';
import { intFromEnv } from './support/env';
import { seedListScale } from './support/list-scale-seed';
import { deployShipped } from './pathway-throughput';
import { type BenchResult, type Measure, measure, ratio } from './support/report';
import { elapsedMs, percentile } from './support/stats';

/**
 * (h) The supervisor console's and the inbox's lists at scale (issue 11): 1,000,000 tasks over
 * 200,000 cases seeded in SQL, then GET /api/tasks?overdue=true&limit=50,
 * GET /api/instances?stuckDays=7&limit=50 and GET /api/definitions/:id/statistics through the
 * real api, each beside the bare SQL its repository issues (captured from the repository itself,
 * run with pg on the same database), measured alternately in the same run, for a district
 * supervisor (every school) and a school's psychology teacher (one school of fifty).
 */

const PLANS_PATH = '.data/bench-list-scale-plans.txt';
/** Tables that must never be read by a sequential scan in these queries. */
const BIG_TABLES = new Set(['user_task', 'process_instance', 'audit_event']);

const SUPERVISOR = { username: 'bench-supervisor', password: 'bench-supervisor-passphrase-1' };
const PSYCH = { username: 'bench-psych-s01', password: 'bench-psych-passphrase-s01' };

interface Scenario {
  label: string;
  user: 'supervisor' | 'psych';
  path: string;
  /** The repository's queries for this request; run concurrently when more than one (as the api does). */
  sql: CapturedQuery[];
}

export async function listScale(): Promise<BenchResult> {
  const began = performance.now();
  const cases = intFromEnv('BENCH_LIST_CASES', 200_000);
  const schools = intFromEnv('BENCH_LIST_SCHOOLS', 50);
  const requests = intFromEnv('BENCH_LIST_REQUESTS', 60);
  const database = await createMigratedDatabase('carepath_bench_lists');
  let stack: ApiOnly | undefined;
  // A plan gone wrong fails the run instead of hanging it.
  const pool = new Pool({ connectionString: database.appUrl, max: 10, statement_timeout: 60_000 });
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
    console.log(
      `  seeded ${seeded.cases} cases, ${seeded.tasks} tasks (${seeded.openTasks} open, ${seeded.overdueTasks} overdue), ` +
        `${seeded.stuckCases} stuck cases, ${seeded.auditEvents} audit entries in ${seeded.seconds.toFixed(0)} s`,
    );

    const users = await pool.query<{ username: string; id: string }>(
      `SELECT username, id FROM app_user WHERE username = ANY($1)`,
      [[SUPERVISOR.username, PSYCH.username]],
    );
    const idOf = (name: string) => users.rows.find((row) => row.username === name)!.id;
    const userIds = { supervisor: idOf(SUPERVISOR.username), psych: idOf(PSYCH.username) };
    const tokens = {
      supervisor: await login(stack.baseUrl, SUPERVISOR.username, SUPERVISOR.password),
      psych: await login(stack.baseUrl, PSYCH.username, PSYCH.password),
    };

    capture = await CapturingDataSource.open(database.appUrl);
    const tasks = new TasksRepository(capture.dataSource);
    const instances = new InstancesRepository(capture.dataSource, stack.config);
    const statistics = new DefinitionStatisticsRepository(capture.dataSource);
    const scenarios: Scenario[] = [];
    for (const user of ['supervisor', 'psych'] as const) {
      const who = user === 'supervisor' ? 'district supervisor' : 'psychology teacher';
      scenarios.push(
        {
          label: `overdue tasks, ${who}`,
          user,
          path: '/api/tasks?overdue=true&limit=50',
          sql: await capture.queriesOf(() => tasks.list(userIds[user], { overdue: true }, { limit: 50 })),
        },
        {
          label: `stuck cases, ${who}`,
          user,
          path: '/api/instances?stuckDays=7&limit=50',
          sql: await capture.queriesOf(() => instances.list(userIds[user], { stuckDays: 7 }, { limit: 50 })),
        },
        {
          label: `crisis-care statistics, ${who}`,
          user,
          path: `/api/definitions/${crisisCare}/statistics`,
          sql: await capture.queriesOf(() => statistics.of(userIds[user], crisisCare)),
        },
      );
    }

    // Each bare query explained once, before timing: which indexes, any sequential scan of a big table.
    const plans: string[] = [];
    const planNotes: string[] = [];
    for (const scenario of scenarios) {
      for (const [n, query] of scenario.sql.entries()) {
        const { text, summary, seqScans } = await explain(pool, query, BIG_TABLES);
        const name = scenario.sql.length > 1 ? `${scenario.label} (query ${n + 1})` : scenario.label;
        plans.push(
          `== ${name}\n${query.text}\n-- parameters: ${JSON.stringify(query.parameters)}\n${text}\n`,
        );
        const warning = seqScans.length > 0 ? ` WARNING: Seq Scan on ${seqScans.join(', ')}` : '';
        planNotes.push(`plan of ${name}: ${summary}${warning}`);
        if (warning) console.warn(`  ${name}:${warning}`);
      }
    }
    mkdirSync(dirname(PLANS_PATH), { recursive: true });
    writeFileSync(PLANS_PATH, plans.join('\n'));

    const figures: Measure[] = [];
    const ratios: Measure[] = [];
    const former = await formerPassages(pool, userIds.supervisor, crisisCare);
    figures.push(
      measure('former passages query (audit pairing), district supervisor, once', former ?? Number.NaN, 'ms'),
    );
    for (const scenario of scenarios) {
      const timings = await timeAlternately(
        stack,
        pool,
        tokens[scenario.user],
        scenario.path,
        scenario.sql,
        requests,
      );
      const apiP50 = percentile(timings.api, 50);
      const apiP95 = percentile(timings.api, 95);
      const sqlP50 = percentile(timings.sql, 50);
      const sqlP95 = percentile(timings.sql, 95);
      const isStatistics = scenario.path.endsWith('/statistics');
      figures.push(
        measure(`${scenario.label}: api p50`, apiP50, 'ms'),
        measure(
          `${scenario.label}: api p95`,
          apiP95,
          'ms',
          isStatistics ? { op: '<=', bound: 200 } : undefined,
        ),
        measure(`${scenario.label}: bare SQL p50`, sqlP50, 'ms'),
        measure(`${scenario.label}: bare SQL p95`, sqlP95, 'ms'),
      );
      ratios.push(
        ratio(`${scenario.label}: api / bare SQL p50`, apiP50, sqlP50, { op: '<=', bound: 5 }),
        ratio(`${scenario.label}: api / bare SQL p95`, apiP95, sqlP95, { op: '<=', bound: 5 }),
      );
    }

    return {
      id: 'list-scale',
      title: '(h) Overdue and stuck lists and diagram statistics at 1,000,000 tasks',
      parameters: {
        cases: seeded.cases,
        tasks: seeded.tasks,
        openTasks: seeded.openTasks,
        overdueTasks: seeded.overdueTasks,
        stuckCases: seeded.stuckCases,
        auditEvents: seeded.auditEvents,
        schools,
        requests,
        seedSeconds: Math.round(seeded.seconds),
      },
      figures,
      ratios,
      notes: [
        `Each request and its bare SQL alternate (ABBA), ${requests} timed of each after 5 untimed; the bare SQL is what the repository sent (captured through a TypeORM logger), run with pg as the app role on the same database; the statistics' four queries run concurrently, as the api runs them.`,
        'The api also signs the caller in from the token and loads their roles; the cases list adds its per-case counts (two queries on the page’s 50 ids), which the bare SQL does not.',
        `Full plans (EXPLAIN ANALYZE, BUFFERS) in ${PLANS_PATH}.`,
        `The statistics' passages before element_passage_stat (the audit chain's entries and exits paired by a self-join of a CTE), run once for the supervisor: ${former === null ? `did not finish within ${FORMER_TIMEOUT_MS / 1000} s` : `${former.toFixed(0)} ms`}.`,
        ...planNotes,
      ],
      seconds: elapsedMs(began) / 1000,
    };
  } finally {
    await capture?.close();
    await pool.end();
    await stack?.close();
    // BENCH_LIST_KEEP=1 keeps the seeded database for looking at plans; drop it yourself after.
    if (process.env.BENCH_LIST_KEEP === '1') console.log(`  kept database ${database.ownerUrl}`);
    else await database.drop();
  }
}

const FORMER_TIMEOUT_MS = 30_000;

/**
 * The passages query of GET /api/definitions/:id/statistics before migration 1764810000000, as
 * it was: every entry and exit of the definition's cases in scope, numbered, then the CTE joined
 * to itself. Its scope estimate (one case in a hundred) makes the planner join the two CTE scans
 * by a nested loop, quadratic in the cases seen. Run once; null when it outlasts the timeout.
 */
async function formerPassages(pool: Pool, userId: string, definitionId: string): Promise<number | null> {
  const client = await pool.connect();
  try {
    await client.query(`SET statement_timeout = ${FORMER_TIMEOUT_MS}`);
    const start = performance.now();
    await client.query(
      `WITH passage AS (
         SELECT e.instance_id, e.element_id, e.type, e.at,
                row_number() OVER (PARTITION BY e.instance_id, e.element_id, e.type = 'element.entered'
                                   ORDER BY e.seq) AS n
           FROM process_instance i JOIN audit_event e ON e.instance_id = i.id
          WHERE e.type IN ('element.entered', 'element.left', 'element.terminated')
            AND e.element_id IS NOT NULL AND i.definition_id = $2 AND ${inScope('i.org_path').replaceAll(':scopeUserId', '$1')}
       )
       SELECT entering.element_id AS "elementId", count(*)::int AS completed,
              round(avg(extract(epoch FROM leaving.at - entering.at) * 1000))::float8 AS "avgDurationMs"
         FROM passage entering
         JOIN passage leaving ON leaving.instance_id = entering.instance_id AND leaving.element_id = entering.element_id
                          AND leaving.n = entering.n AND leaving.type <> 'element.entered'
        WHERE entering.type = 'element.entered' AND leaving.type = 'element.left'
        GROUP BY entering.element_id`,
      [userId, definitionId],
    );
    return elapsedMs(start);
  } catch (error) {
    if ((error as { code?: string }).code === '57014') return null;
    throw error;
  } finally {
    await client.query('RESET statement_timeout');
    client.release();
  }
}
