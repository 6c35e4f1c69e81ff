import type { DataSource } from 'typeorm';
import {
  backfillStudentNameIndex,
  createDataSource,
  encryptJson,
  studentNameIndex,
} from '../../libs/persistence/src';
import { buildWorld, call, eventually, unique, type World } from '../support/api-client';
import { chain, diagram, flow, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

/**
 * The inbox's and the console's lists (docs/api.md, Searching, sorting and exporting lists;
 * Statistics of a diagram): `sort=`, `candidateGroup=`, `q=` over task names, student numbers and
 * names (blind index), CSV exports of tasks and cases, and a definition's per-element statistics,
 * each within the caller's scope.
 */
let stack: Stack;
let world: World;
let db: DataSource;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
  db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
  await db.initialize();
});
afterAll(async () => {
  await db?.destroy();
  await stack?.close();
});

const api = (method: string, path: string, body?: unknown, token?: string) =>
  call(stack.baseUrl, method, path, {
    token: token ?? world.adminToken,
    ...(body === undefined ? {} : { body }),
  });

async function deploy(xml: string): Promise<string> {
  const deployed = await api('POST', '/api/definitions', { xml });
  if (deployed.status !== 201) throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);
  return deployed.body.id as string;
}

async function student(classId: string, studentNo: string, name: string): Promise<string> {
  const created = await api('POST', '/api/students', { orgUnitId: classId, studentNo, name });
  if (created.status !== 201) throw new Error(`student: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id as string;
}

async function start(
  definitionKey: string,
  token: string,
  extra: { studentId?: string; orgUnitId?: string; variables?: Record<string, unknown> },
): Promise<string> {
  const started = await api('POST', '/api/instances', { definitionKey, ...extra }, token);
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  return started.body.id as string;
}

/** The ids of the open tasks of a case, once `count` are open. */
async function openTasks(instanceId: string, count: number, token: string): Promise<any[]> {
  return eventually(async () => {
    const list = await api('GET', `/api/tasks?instanceId=${instanceId}&state=open`, undefined, token);
    return list.body.items.length === count ? (list.body.items as any[]) : undefined;
  });
}

/** Every item of a list, page after page of `limit`, following nextCursor. */
async function allPages(path: string, limit: number, token: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const response = await api(
      'GET',
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      undefined,
      token,
    );
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('more than 20 pages');
}

/** A CSV answer as text, with its headers. */
async function csv(path: string, token: string, accept = 'text/csv') {
  const response = await fetch(`${stack.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    disposition: response.headers.get('content-disposition') ?? '',
    truncated: response.headers.get('x-export-truncated'),
    bytes,
    text: bytes.toString('utf8'),
  };
}

/** RFC 4180 records of a CSV text (after its BOM): quoted fields may hold commas, quotes and line breaks. */
function records(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (quoted && c === '"' && next === '"') {
      field += '"';
      i += 2;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && next === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
    i += 1;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Three tasks at once: `first` due soonest, `later` due later, `whenever` with no due date. */
function threeTasks(key: string, tag: string): string {
  const schedule = (due: string) => `<zeebe:taskSchedule dueDate="${due}" />`;
  const priority = (p: number) => `<zeebe:priorityDefinition priority="${p}" />`;
  return diagram(
    key,
    `<bpmn:startEvent id="start" />
     <bpmn:parallelGateway id="fork" />
     ${userTask('first', { groups: 'psychTeacher', name: `访谈-${tag}`, extensions: schedule('2031-01-01T00:00:00Z') + priority(20) })}
     ${userTask('later', { groups: 'classTeacher', name: `家访-${tag}`, extensions: schedule('2031-02-01T00:00:00Z') + priority(90) })}
     ${userTask('whenever', { groups: 'psychTeacher', name: `随访-${tag}`, extensions: priority(20) })}
     <bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" /><bpmn:endEvent id="e3" />`,
    {
      flows: [
        flow('start', 'fork'),
        ...chain('fork', 'first', 'e1'),
        ...chain('fork', 'later', 'e2'),
        ...chain('fork', 'whenever', 'e3'),
      ],
    },
  );
}

describe('GET /api/tasks sort= and candidateGroup=', () => {
  it('orders by due date (none last), by priority (highest first) and by creation, paging each without gaps', async () => {
    // given one case with three tasks
    const tag = unique();
    const key = `lists-sort-${tag}`;
    await deploy(threeTasks(key, tag));
    const instanceId = await start(key, world.psychA.token, { orgUnitId: world.units.classA });
    const tasks = await openTasks(instanceId, 3, world.psychA.token);
    const id = (elementId: string) => tasks.find((t) => t.elementId === elementId).id as string;
    // the two priority-20 tasks tie: the tie-break is the id, in the order's direction
    const tied = [id('first'), id('whenever')].sort().reverse();

    // when / then: every order, one page of all and one row per page, agree
    const byDue = [id('first'), id('later'), id('whenever')];
    const byPriority = [id('later'), ...tied];
    for (const [sort, expected] of [
      ['dueAt', byDue],
      ['priority', byPriority],
    ] as const) {
      const whole = await api(
        'GET',
        `/api/tasks?instanceId=${instanceId}&sort=${sort}`,
        undefined,
        world.psychA.token,
      );
      expect([sort, whole.body.items.map((t: any) => t.id)]).toEqual([sort, expected]);
      const paged = await allPages(`/api/tasks?instanceId=${instanceId}&sort=${sort}`, 1, world.psychA.token);
      expect([sort, paged.map((t) => t.id)]).toEqual([sort, expected]);
    }
    const byCreation = await allPages(
      `/api/tasks?instanceId=${instanceId}&sort=createdAt`,
      1,
      world.psychA.token,
    );
    expect(byCreation.map((t) => t.id).sort()).toEqual(tasks.map((t) => t.id).sort());

    // and a cursor of one order is refused by another, naming the field
    const first = await api(
      'GET',
      `/api/tasks?instanceId=${instanceId}&sort=dueAt&limit=1`,
      undefined,
      world.psychA.token,
    );
    const mixed = await api(
      'GET',
      `/api/tasks?instanceId=${instanceId}&sort=priority&cursor=${first.body.nextCursor}`,
      undefined,
      world.psychA.token,
    );
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
    const unknown = await api('GET', `/api/tasks?sort=name`, undefined, world.psychA.token);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('sort');
  });

  it('candidateGroup= keeps the tasks offered to that group', async () => {
    // given
    const tag = unique();
    const key = `lists-group-${tag}`;
    await deploy(threeTasks(key, tag));
    const instanceId = await start(key, world.psychA.token, { orgUnitId: world.units.classA });
    const tasks = await openTasks(instanceId, 3, world.psychA.token);
    // when
    const psych = await api(
      'GET',
      `/api/tasks?instanceId=${instanceId}&candidateGroup=psychTeacher`,
      undefined,
      world.psychA.token,
    );
    const teachers = await api(
      'GET',
      `/api/tasks?instanceId=${instanceId}&candidateGroup=classTeacher`,
      undefined,
      world.psychA.token,
    );
    const nobody = await api(
      'GET',
      `/api/tasks?instanceId=${instanceId}&candidateGroup=principal`,
      undefined,
      world.psychA.token,
    );
    // then
    const ids = (elementIds: string[]) =>
      tasks
        .filter((t) => elementIds.includes(t.elementId))
        .map((t) => t.id)
        .sort();
    expect(psych.body.items.map((t: any) => t.id).sort()).toEqual(ids(['first', 'whenever']));
    expect(teachers.body.items.map((t: any) => t.id)).toEqual(ids(['later']));
    expect(nobody.body.items).toEqual([]);
  });
});

describe('GET /api/tasks q=', () => {
  it("finds a task by its name, its student's number (prefix) and exact full name, never another school's", async () => {
    // given the same name in two schools, each with a case
    const tag = unique();
    const key = `lists-q-${tag}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />${userTask('assess', { groups: 'psychTeacher', name: `初步风险评估-${tag}` })}<bpmn:endEvent id="end" />`,
        { flows: chain('start', 'assess', 'end') },
      ),
    );
    const name = `欧阳 明${tag}`;
    const numberA = `QA${tag}77`;
    const numberB = `QB${tag}77`;
    const studentA = await student(world.units.classA, numberA, name);
    const studentB = await student(world.units.classB, numberB, name);
    const caseA = await start(key, world.psychA.token, { studentId: studentA });
    const caseB = await start(key, world.psychB.token, { studentId: studentB });
    const [taskA] = await openTasks(caseA, 1, world.psychA.token);
    const [taskB] = await openTasks(caseB, 1, world.psychB.token);
    const search = async (q: string, token = world.psychA.token) => {
      const found = await api('GET', `/api/tasks?q=${encodeURIComponent(q)}`, undefined, token);
      expect(found.status).toBe(200);
      return (found.body.items as any[]).map((t) => t.id);
    };

    // when / then: the task's name, any part of it, any case
    expect(await search(`风险评估-${tag}`)).toEqual([taskA.id]);
    expect(await search(`风险评估-${tag}`, world.psychB.token)).toEqual([taskB.id]);
    // the student's number by prefix, case-insensitively
    expect(await search(`qa${tag}`)).toEqual([taskA.id]);
    expect(await search(numberA)).toEqual([taskA.id]);
    expect(await search(`${tag}77`)).toEqual([]);
    // the exact full name, however spaced or with full-width letters
    expect(await search(name)).toEqual([taskA.id]);
    expect(await search(` 欧阳明${tag.toUpperCase()} `)).toEqual([taskA.id]);
    expect(
      await search(`欧阳明${tag}`.replace(/[0-9a-f]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))),
    ).toEqual([taskA.id]);
    expect(await search(name, world.psychB.token)).toEqual([taskB.id]);
    // but no part of a name (a blind index matches whole names only)
    expect(await search(`欧阳`)).not.toContain(taskA.id);
    // and never another school's student
    expect(await search(numberB)).toEqual([]);
    // LIKE's wildcards are literal
    expect(await search('%')).not.toContain(taskA.id);
    expect(await search('_')).not.toContain(taskA.id);
    const tooLong = await api('GET', `/api/tasks?q=${'x'.repeat(101)}`, undefined, world.psychA.token);
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('q');
  });

  it('finds students written before the name index by the backfill the api runs at its start', async () => {
    // given a student row written without its index (as before the column existed)
    const tag = unique();
    const key = `lists-backfill-${tag}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />${userTask('assess', { groups: 'psychTeacher' })}<bpmn:endEvent id="end" />`,
        {
          flows: chain('start', 'assess', 'end'),
        },
      ),
    );
    const name = `李旧${tag}`;
    const studentId = await student(world.units.classA, `OLD${tag}`, name);
    await db.query(`UPDATE student SET name_index = NULL, sensitive = $2 WHERE id = $1`, [
      studentId,
      encryptJson(stack.config.dataKey, { name }),
    ]);
    const caseId = await start(key, world.psychA.token, { studentId });
    const [task] = await openTasks(caseId, 1, world.psychA.token);
    const byName = async () =>
      (
        (await api('GET', `/api/tasks?q=${encodeURIComponent(name)}`, undefined, world.psychA.token)).body
          .items as any[]
      ).map((t) => t.id);
    expect(await byName()).toEqual([]);
    // when the backfill runs (as at the api's start), twice
    const { written } = await backfillStudentNameIndex(db.manager, stack.config.dataKey, 2);
    const { written: again } = await backfillStudentNameIndex(db.manager, stack.config.dataKey, 2);
    // then the student is found by name, and the second run had nothing to do
    expect(written).toBeGreaterThanOrEqual(1);
    expect(again).toBe(0);
    const [row] = await db.query(`SELECT name_index FROM student WHERE id = $1`, [studentId]);
    expect(row.name_index).toBe(studentNameIndex(stack.config.dataKey, name));
    expect(await byName()).toEqual([task.id]);
  });
});

describe('CSV exports', () => {
  it('GET /api/tasks as text/csv: the same scoped list, BOM, header, RFC 4180 quoting, formulas defused', async () => {
    // given a case at school A whose task names need quoting and defusing, and one at school B
    const tag = unique();
    const key = `lists-csv-${tag}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         <bpmn:parallelGateway id="fork" />
         ${userTask('quoted', { groups: 'psychTeacher', name: `评估, "第一次"-${tag}` })}
         ${userTask('formula', { groups: 'psychTeacher', name: `@HYPERLINK("x")-${tag}` })}
         <bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />`,
        {
          flows: [flow('start', 'fork'), ...chain('fork', 'quoted', 'e1'), ...chain('fork', 'formula', 'e2')],
        },
      ),
    );
    const number = `CSV${tag}`;
    const studentId = await student(world.units.classA, number, `秘密名字${tag}`);
    const caseA = await start(key, world.psychA.token, { studentId });
    const caseB = await start(key, world.psychB.token, { orgUnitId: world.units.classB });
    const tasksA = await openTasks(caseA, 2, world.psychA.token);
    const [taskB] = await openTasks(caseB, 2, world.psychB.token);

    // when
    const exported = await csv(`/api/tasks?state=open&sort=dueAt`, world.psychA.token);
    const asFormat = await csv(
      `/api/tasks?instanceId=${caseA}&format=csv`,
      world.psychA.token,
      'application/json',
    );

    // then a UTF-8 file with a BOM and a header, as a download
    expect(exported.status).toBe(200);
    expect(exported.contentType).toMatch(/^text\/csv; charset=utf-8/);
    expect(exported.disposition).toMatch(/^attachment; filename="tasks-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...exported.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(exported.truncated).toBeNull();
    const rows = records(exported.text);
    const header = rows[0]!;
    expect(header).toEqual([
      'id',
      'name',
      'elementId',
      'state',
      'assignee',
      'candidateGroups',
      'dueAt',
      'priority',
      'createdAt',
      'instanceId',
      'businessKey',
      'definitionKey',
      'orgUnit',
      'studentNo',
    ]);
    const byId = new Map(
      rows.slice(1).map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]),
    );
    // the same rows as the JSON list (scope included), nothing of school B
    const listed = await allPages('/api/tasks?state=open&sort=dueAt', 500, world.psychA.token);
    expect(rows.slice(1).map((r) => r[0])).toEqual(listed.map((t) => t.id));
    expect(byId.has(taskB.id)).toBe(false);
    // quoted as RFC 4180 says, a formula defused with a leading '
    const quoted = byId.get(tasksA.find((t) => t.elementId === 'quoted').id)!;
    const formula = byId.get(tasksA.find((t) => t.elementId === 'formula').id)!;
    expect(quoted).toMatchObject({
      name: `评估, "第一次"-${tag}`,
      state: 'open',
      candidateGroups: 'psychTeacher',
      instanceId: caseA,
      businessKey: `sa-${number}`,
      definitionKey: key,
      orgUnit: 'Class 2',
      studentNo: number,
    });
    expect(exported.text).toContain(`"评估, ""第一次""-${tag}"`);
    expect(formula.name).toBe(`'@HYPERLINK("x")-${tag}`);
    // no sealed value, no code path
    expect(exported.text).not.toContain(`秘密名字${tag}`);
    expect(exported.text).not.toContain('v1:');
    expect(exported.text).not.toMatch(/\/root\//);
    // format=csv answers the same, whatever Accept says
    expect(asFormat.status).toBe(200);
    expect(
      records(asFormat.text)
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(tasksA.map((t) => t.id).sort());
    // the export is recorded, naming the filters but not their values, and the case exported
    const [logged] = await db.query(
      `SELECT detail FROM access_log WHERE user_id = $1 AND action = 'task.export' ORDER BY id DESC LIMIT 1`,
      [world.psychA.id],
    );
    expect(logged.detail).toEqual({
      instances: [caseA],
      rows: 2,
      truncated: false,
      filters: ['format', 'instanceId'],
    });
    // and school B's export holds its own task, not A's
    const exportedB = await csv(`/api/tasks?state=open`, world.psychB.token);
    expect(exportedB.text).toContain(taskB.id);
    for (const t of tasksA) expect(exportedB.text).not.toContain(t.id);
  });

  it('GET /api/instances as text/csv: the scoped, filtered cases with unit names and counts', async () => {
    // given
    const tag = unique();
    const key = `lists-csv-cases-${tag}`;
    await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />${userTask('assess', { groups: 'psychTeacher', extensions: '<zeebe:taskSchedule dueDate="2020-01-01T00:00:00Z" />' })}<bpmn:endEvent id="end" />`,
        { flows: chain('start', 'assess', 'end') },
      ),
    );
    const number = `-CASE${tag}`;
    const studentId = await student(world.units.classA, number, `某${tag}`);
    const caseA = await start(key, world.psychA.token, { studentId });
    const caseB = await start(key, world.psychB.token, { orgUnitId: world.units.classB });
    await openTasks(caseA, 1, world.psychA.token);
    // when
    const exported = await csv(`/api/instances?definitionKey=${key}`, world.psychA.token);
    // then
    expect(exported.status).toBe(200);
    expect(exported.disposition).toMatch(/^attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(exported.text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = records(exported.text);
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(row).toMatchObject({
      id: caseA,
      definitionKey: key,
      version: '1',
      state: 'active',
      orgUnit: 'Class 2',
      // a number starting with '-' is defused like a formula
      studentNo: `'${number}`,
      businessKey: `sa-${number}`,
      overdueTasks: '1',
      openIncidents: '0',
      activeElements: 'assess',
    });
    expect(exported.text).not.toContain(caseB);
    const exportedB = await csv(`/api/instances?definitionKey=${key}&format=csv`, world.psychB.token);
    expect(exportedB.text).toContain(caseB);
    expect(exportedB.text).not.toContain(caseA);
    const [logged] = await db.query(
      `SELECT detail FROM access_log WHERE user_id = $1 AND action = 'instance.export' ORDER BY id DESC LIMIT 1`,
      [world.psychB.id],
    );
    expect(logged.detail).toMatchObject({ rows: 1, truncated: false, filters: ['definitionKey', 'format'] });
  });
});

describe('GET /api/definitions/:id/statistics', () => {
  it("counts tokens, overdue tasks, incidents and completed passages with their mean duration, over the caller's cases only", async () => {
    // given: a gateway that raises an incident without `score`, then an overdue task
    const key = `lists-stats-${unique()}`;
    const definitionId = await deploy(
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         <bpmn:exclusiveGateway id="risk" default="to-assess" />
         ${userTask('urgent', { groups: 'psychTeacher' })}
         ${userTask('assess', { groups: 'psychTeacher', extensions: '<zeebe:taskSchedule dueDate="2020-01-01T00:00:00Z" />' })}
         <bpmn:endEvent id="end" /><bpmn:endEvent id="end-urgent" />`,
        {
          flows: [
            flow('start', 'risk'),
            flow('risk', 'urgent', { condition: '=score > 7' }),
            flow('risk', 'assess', { id: 'to-assess' }),
            flow('assess', 'end'),
            flow('urgent', 'end-urgent'),
          ],
        },
      ),
    );
    // school A: one case waiting at assess, one that went through it, one stuck at the gateway
    const waiting = await start(key, world.psychA.token, {
      orgUnitId: world.units.classA,
      variables: { score: 1 },
    });
    const done = await start(key, world.psychA.token, {
      orgUnitId: world.units.classA,
      variables: { score: 1 },
    });
    await start(key, world.psychA.token, { orgUnitId: world.units.classA });
    await openTasks(waiting, 1, world.psychA.token);
    const [toComplete] = await openTasks(done, 1, world.psychA.token);
    const opened = Date.parse(toComplete.createdAt);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const completed = await api(
      'POST',
      `/api/tasks/${toComplete.id}/complete`,
      { variables: {} },
      world.psychA.token,
    );
    expect(completed.status).toBe(200);
    const afterCompletion = Date.now();
    // school B: two cases waiting at assess, one stuck at the gateway
    for (const variables of [{ score: 1 }, { score: 1 }, {}])
      await start(key, world.psychB.token, { orgUnitId: world.units.classB, variables });

    // when
    const stats = (token: string) =>
      api('GET', `/api/definitions/${definitionId}/statistics`, undefined, token);
    const ofA = await eventually(async () => {
      const read = await stats(world.psychA.token);
      const end = (read.body.items as any[]).find((i) => i.elementId === 'end');
      const risk = (read.body.items as any[]).find((i) => i.elementId === 'risk');
      return end?.completed === 1 && risk?.incidents === 1 ? read : undefined;
    });
    const ofB = await eventually(async () => {
      const read = await stats(world.psychB.token);
      const assess = (read.body.items as any[]).find((i) => i.elementId === 'assess');
      const risk = (read.body.items as any[]).find((i) => i.elementId === 'risk');
      return assess?.active === 2 && risk?.incidents === 1 ? read : undefined;
    });

    // then school A's counts are A's alone
    expect(ofA.status).toBe(200);
    const a = new Map((ofA.body.items as any[]).map((i) => [i.elementId, i]));
    expect(a.get('start')).toMatchObject({ active: 0, completed: 3, overdue: 0, incidents: 0 });
    expect(a.get('risk')).toMatchObject({ active: 1, incidents: 1, completed: 2 });
    expect(a.get('assess')).toMatchObject({ active: 1, overdue: 1, incidents: 0, completed: 1 });
    expect(a.get('end')).toMatchObject({ active: 0, completed: 1 });
    expect(a.has('urgent')).toBe(false);
    // the time at assess: from its task's opening to its completion
    const duration = a.get('assess').avgDurationMs as number;
    expect(duration).toBeGreaterThanOrEqual(250);
    expect(duration).toBeLessThanOrEqual(afterCompletion - opened + 1000);
    // and B's are B's
    const b = new Map((ofB.body.items as any[]).map((i) => [i.elementId, i]));
    expect(b.get('start')).toMatchObject({ completed: 3 });
    expect(b.get('assess')).toMatchObject({ active: 2, overdue: 2, completed: 0, avgDurationMs: null });
    expect(b.has('end')).toBe(false);
    // an unknown id is a 404, a malformed one a 400
    const unknown = await api(
      'GET',
      `/api/definitions/00000000-0000-4000-8000-000000000000/statistics`,
      undefined,
      world.psychA.token,
    );
    expect(unknown.status).toBe(404);
    const bad = await api('GET', `/api/definitions/not-a-uuid/statistics`, undefined, world.psychA.token);
    expect(bad.status).toBe(400);
  });
});
