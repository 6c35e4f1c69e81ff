import * as argon2 from 'argon2';
import { Client } from 'pg';

/**
 * The data of the (h) list-scale bench, written in SQL (generate_series), never row by row:
 * a city with one district, `schools` schools of three grades of four classes, a psychology
 * teacher per school and a class teacher per class, one student per case, and `cases` cases of
 * the shipped `crisis-care` (4 in 5, six user tasks each) and `concern-intake` (1 in 5, one task)
 * definitions: 200,000 cases give exactly 1,000,000 tasks.
 *
 * Distribution (by a hash of the case number, so the same on every run):
 * - 88 % completed, 2 % cancelled, 10 % active, started over the last two years (active ones over
 *   the last three months);
 * - of the active cases, 3 in 10 have made no progress for 8–58 days (`updated_at`), the others
 *   within the last 6 days; an active case's last task is open, assigned to the school's
 *   psychology teacher in one case out of two, offered to them otherwise;
 * - every task is due 5 days after it opened, so the open tasks of the stuck cases and about one
 *   in six of the others are overdue (~8,300 of 1,000,000);
 * - 1 case in 1,000 (active) has an open incident;
 * - the audit chain of each case: `instance.started`, the start event entered and left, and each
 *   task's element entered and left (terminated for the cancelled case's last task, no exit yet
 *   for an open one): 13 entries per crisis-care case, 5 per concern-intake case;
 * - `element_passage_stat` as the projection writes it for those passages.
 *
 * Rows go in in the order the application would have last written them (a case by its last
 * progress, a task by its closing or opening, the audit by time), so the heap keeps recent work
 * together as it does in use: seeded in case order, the open tasks were spread over every page
 * of a million-row table, which no database in use looks like.
 */

export interface SeedOptions {
  cases: number;
  schools: number;
  /** The two users the bench signs in as, with these passwords. */
  supervisor: { username: string; password: string };
  psychTeacher: { username: string; password: string };
  /** `process_definition.id` of each deployed key. */
  definitions: { crisisCare: string; concernIntake: string };
}

export interface SeedCounts {
  cases: number;
  tasks: number;
  openTasks: number;
  overdueTasks: number;
  stuckCases: number;
  auditEvents: number;
  seconds: number;
}

/** The tables seeded in bulk, whose secondary indexes are dropped while they fill and rebuilt after. */
const BULK_TABLES = ['process_instance', 'user_task', 'audit_event', 'student', 'task_candidate'];

/** Crisis-care's tasks, in the order a case meets them here. */
const CRISIS_TASKS = [
  ['initial-assessment', '初步风险评估'],
  ['notify-guardian', '通知监护人'],
  ['support-plan', '制定支持计划'],
  ['counselling-session', '心理辅导'],
  ['monitoring-check-in', '跟踪回访'],
  ['closure-review', '结案评审'],
] as const;

export async function seedListScale(ownerUrl: string, options: SeedOptions): Promise<SeedCounts> {
  const began = performance.now();
  const db = new Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    await db.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'`);
    await seedOrgTree(db, options);
    const indexes = await dropSecondaryIndexes(db);
    await seedCases(db, options);
    await seedTasks(db);
    await seedAudit(db);
    for (const { indexdef } of indexes) await db.query(indexdef);
    await db.query(`DROP TABLE bench_task; DROP TABLE bench_case`);
    await db.query(`VACUUM ANALYZE`);
    const [counts] = (
      await db.query<Omit<SeedCounts, 'seconds'>>(`
        SELECT (SELECT count(*) FROM process_instance)::int AS cases,
               (SELECT count(*) FROM user_task)::int AS tasks,
               (SELECT count(*) FROM user_task WHERE state = 'open')::int AS "openTasks",
               (SELECT count(*) FROM user_task WHERE state = 'open' AND due_at < now())::int AS "overdueTasks",
               (SELECT count(*) FROM process_instance
                 WHERE state = 'active' AND updated_at < now() - interval '7 days')::int AS "stuckCases",
               (SELECT count(*) FROM audit_event)::int AS "auditEvents"`)
    ).rows;
    return { ...counts!, seconds: (performance.now() - began) / 1000 };
  } finally {
    await db.end();
  }
}

/** A school's number in its code: two digits at least (s01), all of them from 100 on (s100). */
const SCHOOL_NUMBER = `CASE WHEN n < 100 THEN lpad(n::text, 2, '0') ELSE n::text END`;

async function seedOrgTree(db: Client, options: SeedOptions): Promise<void> {
  await db.query(`
    INSERT INTO org_unit (parent_id, kind, name, code, org_path)
      SELECT id, 'city', '江城市', 'c1', '/root/c1' FROM org_unit WHERE org_path = '/root';
    INSERT INTO org_unit (parent_id, kind, name, code, org_path)
      SELECT id, 'district', '江南区', 'd1', '/root/c1/d1' FROM org_unit WHERE org_path = '/root/c1';
    INSERT INTO org_unit (parent_id, kind, name, code, org_path)
      SELECT d.id, 'school', '江南区第' || n || '中学', 's' || ${SCHOOL_NUMBER},
             d.org_path || '/s' || ${SCHOOL_NUMBER}
        FROM org_unit d, generate_series(1, ${options.schools}) n WHERE d.org_path = '/root/c1/d1';
    INSERT INTO org_unit (parent_id, kind, name, code, org_path)
      SELECT s.id, 'grade', n || '年级', 'g' || n, s.org_path || '/g' || n
        FROM org_unit s, generate_series(7, 9) n WHERE s.kind = 'school';
    INSERT INTO org_unit (parent_id, kind, name, code, org_path)
      SELECT g.id, 'class', n || '班', 'k' || n, g.org_path || '/k' || n
        FROM org_unit g, generate_series(1, 4) n WHERE g.kind = 'grade';

    INSERT INTO app_user (username, password_hash, display_name)
      SELECT 'psych-' || code, 'none', '心理老师 ' || code FROM org_unit WHERE kind = 'school';
    INSERT INTO role_assignment (user_id, role, org_unit_id)
      SELECT u.id, 'psychTeacher', s.id FROM org_unit s JOIN app_user u ON u.username = 'psych-' || s.code
       WHERE s.kind = 'school';
    INSERT INTO app_user (username, password_hash, display_name)
      SELECT 'teacher' || replace(substr(org_path, 12), '/', '-'), 'none', '班主任' FROM org_unit WHERE kind = 'class';
    INSERT INTO role_assignment (user_id, role, org_unit_id)
      SELECT u.id, 'classTeacher', k.id FROM org_unit k
        JOIN app_user u ON u.username = 'teacher' || replace(substr(k.org_path, 12), '/', '-')
       WHERE k.kind = 'class';
  `);
  // The two users the bench signs in as: the district's supervisor, and the first school's
  // psychology teacher (who holds and is offered that school's open tasks).
  const supervisor = await db.query<{ id: string }>(
    `INSERT INTO app_user (username, password_hash, display_name) VALUES ($1, $2, '区督导') RETURNING id`,
    [options.supervisor.username, await argon2.hash(options.supervisor.password)],
  );
  await db.query(
    `INSERT INTO role_assignment (user_id, role, org_unit_id)
       SELECT $1, 'districtSupervisor', id FROM org_unit WHERE org_path = '/root/c1/d1'`,
    [supervisor.rows[0]!.id],
  );
  await db.query(`UPDATE app_user SET username = $1, password_hash = $2 WHERE username = 'psych-s01'`, [
    options.psychTeacher.username,
    await argon2.hash(options.psychTeacher.password),
  ]);
}

/** Drops the bulk tables' indexes that back no constraint; returns their definitions to rebuild. */
async function dropSecondaryIndexes(db: Client): Promise<{ indexname: string; indexdef: string }[]> {
  const { rows } = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [BULK_TABLES],
  );
  for (const { indexname } of rows) await db.query(`DROP INDEX ${indexname}`);
  return rows;
}

async function seedCases(db: Client, options: SeedOptions): Promise<void> {
  await db.query(
    `CREATE TABLE bench_case AS
     WITH klass AS (
       SELECT (row_number() OVER (ORDER BY k.org_path) - 1)::int AS n, k.id, k.org_path, u.id AS psych_id
         FROM org_unit k
         JOIN org_unit s ON k.org_path LIKE s.org_path || '/%' AND s.kind = 'school'
         JOIN role_assignment ra ON ra.org_unit_id = s.id AND ra.role = 'psychTeacher'
         JOIN app_user u ON u.id = ra.user_id
        WHERE k.kind = 'class'
     ), picked AS (
       SELECT i, abs(hashint4(i)) % 1000 AS h, random() AS r1, random() AS r2
         FROM generate_series(1, $1::int) i
     ), shaped AS (
       SELECT p.*, k.id AS org_unit_id, k.org_path, k.psych_id,
              CASE WHEN p.i % 5 = 0 THEN 'concern-intake' ELSE 'crisis-care' END AS definition_key,
              CASE WHEN p.h < 100 THEN 'active' WHEN p.h < 120 THEN 'cancelled' ELSE 'completed' END AS state,
              p.h < 100 AND p.h % 10 < 3 AS stuck
         FROM picked p JOIN klass k ON k.n = p.i % (SELECT count(*) FROM klass)
     ), timed AS (
       SELECT s.*,
              CASE WHEN s.state <> 'active' THEN now() - make_interval(days => 30) - s.r1 * interval '700 days'
                   WHEN s.stuck THEN now() - make_interval(days => 8) - s.r1 * interval '50 days'
                   ELSE now() - s.r1 * interval '6 days' END AS progress_at
         FROM shaped s
     )
     SELECT i, h, md5('case-' || i)::uuid AS id, definition_key, state, stuck, org_unit_id, org_path, psych_id,
            CASE WHEN state = 'active' THEN progress_at - r2 * interval '60 days'
                 ELSE progress_at - interval '1 day' - r2 * interval '59 days' END AS started_at,
            progress_at,
            CASE WHEN definition_key = 'crisis-care' THEN 6 ELSE 1 END AS ntasks
       FROM timed`,
    [options.cases],
  );
  await db.query(`
    INSERT INTO student (id, org_unit_id, org_path, student_no, sensitive, name_index, created_at)
      SELECT md5('student-' || i)::uuid, org_unit_id, org_path, 'S' || lpad(i::text, 7, '0'),
             'sealed:' || md5('name-' || i), md5('index-' || (i % 5000)), started_at
        FROM bench_case`);
  await db.query(
    `INSERT INTO process_instance (id, definition_id, definition_key, definition_version, business_key,
                                   org_unit_id, org_path, student_id, state, variables, active_elements,
                                   workflow_id, last_step, started_by, started_at, ended_at, updated_at)
       SELECT c.id, CASE WHEN c.definition_key = 'crisis-care' THEN $1::uuid ELSE $2::uuid END,
              c.definition_key, 1, 'CASE-' || lpad(c.i::text, 7, '0'), c.org_unit_id, c.org_path,
              md5('student-' || c.i)::uuid, c.state,
              jsonb_build_object('source', 'teacher', 'riskLevel', (ARRAY['low','moderate','high'])[1 + c.h % 3],
                                 'concern', 'sealed:' || md5('concern-' || c.i), 'assessmentNotes',
                                 'sealed:' || md5('notes-' || c.i) || md5('more-' || c.i)),
              CASE WHEN c.state = 'active' THEN
                jsonb_build_array(jsonb_build_object('elementId',
                  CASE WHEN c.definition_key = 'crisis-care' THEN 'closure-review' ELSE 'assess-risk' END,
                  'since', c.progress_at))
                ELSE '[]'::jsonb END,
              'case-' || c.id, 1 + 2 * c.ntasks, c.psych_id, c.started_at,
              CASE WHEN c.state <> 'active' THEN c.progress_at END, c.progress_at
         FROM bench_case c ORDER BY c.progress_at`,
    [options.definitions.crisisCare, options.definitions.concernIntake],
  );
  await db.query(`
    INSERT INTO incident (id, instance_id, element_id, org_path, message, state, created_at)
      SELECT md5('incident-' || i)::uuid, id, 'notify-principal', org_path,
             'The message service did not answer', 'open', progress_at
        FROM bench_case WHERE state = 'active' AND h = 7`);
}

async function seedTasks(db: Client): Promise<void> {
  const element = CRISIS_TASKS.map(([id], n) => `WHEN ${n} THEN '${id}'`).join(' ');
  const name = CRISIS_TASKS.map(([, title], n) => `WHEN ${n} THEN '${title}'`).join(' ');
  await db.query(`
    CREATE TABLE bench_task AS
    SELECT md5('task-' || c.i || '-' || p)::uuid AS id, c.id AS instance_id, c.i, c.h, p, c.ntasks,
           c.org_path, c.psych_id, c.state AS case_state,
           CASE WHEN c.definition_key = 'crisis-care' THEN CASE p ${element} END ELSE 'assess-risk' END AS element_id,
           CASE WHEN c.definition_key = 'crisis-care' THEN CASE p ${name} END ELSE '评估风险' END AS name,
           CASE WHEN p < c.ntasks - 1 THEN 'completed'
                WHEN c.state = 'active' THEN 'open'
                WHEN c.state = 'cancelled' THEN 'cancelled'
                ELSE 'completed' END AS state,
           CASE WHEN c.state = 'active' AND p = c.ntasks - 1 THEN c.progress_at
                ELSE c.started_at + (c.progress_at - c.started_at) * p / c.ntasks END AS created_at,
           CASE WHEN c.state = 'active' AND p = c.ntasks - 1 THEN NULL
                WHEN c.state = 'active' THEN c.started_at + (c.progress_at - c.started_at) * (p + 1) / c.ntasks
                ELSE c.started_at + (c.progress_at - c.started_at) * (p + 1) / c.ntasks END AS ended_at
      FROM bench_case c CROSS JOIN LATERAL generate_series(0, c.ntasks - 1) p`);
  await db.query(`
    INSERT INTO user_task (id, instance_id, element_id, name, org_path, assignee_id, candidate_groups,
                           due_at, priority, state, form_id, created_at, ended_at, ended_by)
      SELECT id, instance_id, element_id, name, org_path,
             CASE WHEN state <> 'open' OR h % 2 = 0 THEN psych_id END, '{psychTeacher}',
             created_at + interval '5 days', CASE WHEN p = 0 THEN 80 ELSE 50 END, state,
             CASE WHEN p = 0 THEN 'risk-assessment' END, created_at, ended_at,
             CASE WHEN state = 'completed' THEN psych_id END
        FROM bench_task ORDER BY coalesce(ended_at, created_at)`);
  await db.query(`
    INSERT INTO task_candidate (task_id, user_id)
      SELECT id, psych_id FROM bench_task WHERE state = 'open'`);
}

async function seedAudit(db: Client): Promise<void> {
  await db.query(`
    INSERT INTO audit_event (instance_id, seq, at, type, element_id, actor, data, hash)
      SELECT instance_id, seq, at, type, element_id, actor, data, md5(instance_id::text || seq) || md5(seq || instance_id::text)
        FROM (
          SELECT c.id AS instance_id, e.seq, c.started_at AS at, e.type, e.element_id, e.actor, e.data
            FROM bench_case c
            CROSS JOIN LATERAL (VALUES
              (1, 'instance.started', NULL, 'psych', jsonb_build_object('definitionKey', c.definition_key)),
              (2, 'element.entered', CASE WHEN c.definition_key = 'crisis-care' THEN 'case-opened' ELSE 'concern-raised' END, NULL, '{}'::jsonb),
              (3, 'element.left', CASE WHEN c.definition_key = 'crisis-care' THEN 'case-opened' ELSE 'concern-raised' END, NULL, '{}'::jsonb)
            ) AS e(seq, type, element_id, actor, data)
          UNION ALL
          SELECT t.instance_id, 4 + 2 * t.p, t.created_at, 'element.entered', t.element_id, NULL, '{}'::jsonb
            FROM bench_task t
          UNION ALL
          SELECT t.instance_id, 5 + 2 * t.p, t.ended_at,
                 CASE WHEN t.state = 'cancelled' THEN 'element.terminated' ELSE 'element.left' END,
                 t.element_id, CASE WHEN t.state = 'completed' THEN 'psych' END, '{}'::jsonb
            FROM bench_task t WHERE t.state <> 'open'
        ) entry
       ORDER BY at`);
  // What the projection writes as those passages close (element-passages.ts): per definition,
  // class and element, the completed passages and their summed duration (start events: none).
  await db.query(`
    INSERT INTO element_passage_stat (definition_id, org_path, element_id, completed, total_ms)
      SELECT i.definition_id, i.org_path, p.element_id, count(*), sum(extract(epoch FROM p.left_at - p.entered_at) * 1000)
        FROM (SELECT instance_id, org_path, element_id, created_at AS entered_at, ended_at AS left_at
                FROM bench_task WHERE state = 'completed'
              UNION ALL
              SELECT c.id, c.org_path, CASE WHEN c.definition_key = 'crisis-care' THEN 'case-opened' ELSE 'concern-raised' END,
                     c.started_at, c.started_at
                FROM bench_case c) p
        JOIN process_instance i ON i.id = p.instance_id
       GROUP BY i.definition_id, i.org_path, p.element_id`);
}
