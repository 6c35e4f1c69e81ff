import type { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createDataSource } from '../../libs/persistence/src';
import {
  buildWorld,
  call,
  createPerson,
  eventually,
  type Person,
  unique,
  type World,
} from '../support/api-client';
import { chain, diagram, flow, userTask } from '../support/bpmn-xml';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

/**
 * What the staff inbox and the supervisor console read besides the lists themselves
 * (docs/api.md: Cases in context, Inbox counts, Saved views, Finding a student): the student and
 * the case by name on every task and case, the tab counts, saved views per user, and the student
 * search of "raise a concern", each within the caller's scope.
 */
let stack: Stack;
let world: World;
let db: DataSource;
let peerA: Person;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
  peerA = await createPerson(stack, world.adminToken, 'peerMonitor', world.units.classA, '心理委员');
  db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
  await db.initialize();
});
afterAll(async () => {
  await db?.destroy();
  await stack?.close();
});

const api = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
  call(stack.baseUrl, method, path, {
    token,
    ...(body === undefined ? {} : { body }),
    ...(headers ? { headers } : {}),
  });

async function ok(method: string, path: string, token: string, body?: unknown): Promise<any> {
  const response = await api(method, path, token, body);
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function student(classId: string, studentNo: string, name: string): Promise<string> {
  return (await ok('POST', '/api/students', world.adminToken, { orgUnitId: classId, studentNo, name })).id;
}

/** Deploys a process named `name` whose tasks run at once (in parallel). */
async function deploy(key: string, name: string, tasks: string[]): Promise<void> {
  const xml = diagram(
    key,
    `<bpmn:startEvent id="start" />
     <bpmn:parallelGateway id="fork" />
     ${tasks.join('\n')}
     ${tasks.map((_, i) => `<bpmn:endEvent id="end${i}" />`).join('')}`,
    {
      flows: [
        flow('start', 'fork'),
        ...tasks.flatMap((task, i) => chain('fork', /id="([^"]+)"/.exec(task)![1]!, `end${i}`)),
      ],
    },
  ).replace(`<bpmn:process id="${key}"`, `<bpmn:process id="${key}" name="${name}"`);
  await ok('POST', '/api/definitions', world.adminToken, { xml });
}

async function start(
  definitionKey: string,
  token: string,
  placement: Record<string, string>,
): Promise<string> {
  return (await ok('POST', '/api/instances', token, { definitionKey, ...placement })).id;
}

async function openTasks(instanceId: string, count: number, token: string): Promise<any[]> {
  return eventually(async () => {
    const list = await api('GET', `/api/tasks?instanceId=${instanceId}&state=open`, token);
    return list.body.items?.length === count ? (list.body.items as any[]) : undefined;
  });
}

const schedule = (due: string) => `<zeebe:taskSchedule dueDate="${due}" />`;

/** Today's date in Shanghai, and an instant late on it (23:59 there). */
function lateTodayInShanghai(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return `${today}T23:59:00+08:00`;
}

describe('the student and the case on every task and case (GET /api/tasks, /api/tasks/:id, /api/instances)', () => {
  it('names the student, the process and the unit for those who see the case, and nothing of the student for a peer', async () => {
    // given a student's case in school A with a task offered to the psychology teachers and one to
    // the class's peer monitors
    const tag = unique();
    const key = `inbox-ctx-${tag}`;
    await deploy(key, `危机关护-${tag}`, [
      userTask('assess', { groups: 'psychTeacher', name: '初步风险评估' }),
      userTask('watch', { groups: 'peerMonitor', name: '同伴关注' }),
    ]);
    const name = `王小明${tag}`;
    const studentNo = `N${tag}`;
    const studentId = await student(world.units.classA, studentNo, name);
    const caseId = await start(key, world.psychA.token, { studentId });
    await openTasks(caseId, 2, world.psychA.token);

    // when the psychology teacher reads the inbox
    const list = await ok('GET', `/api/tasks?definitionKey=${key}&sort=dueAt`, world.psychA.token);
    // then every task shows the student and the case by name
    expect(list.items).toHaveLength(2);
    for (const task of list.items) {
      expect(task.student).toEqual({ id: studentId, name, studentNo, className: 'Class 2' });
      expect(task.instance).toEqual({
        id: caseId,
        businessKey: `sa-${studentNo}`,
        definitionKey: key,
        definitionName: `危机关护-${tag}`,
        orgUnitId: world.units.classA,
        orgUnitName: 'Class 2',
        orgPath: expect.stringMatching(/\/sa\/g7\/k2$/),
      });
    }
    // and the task page and the case list say the same
    const assess = list.items.find((t: any) => t.elementId === 'assess');
    const detail = await ok('GET', `/api/tasks/${assess.id}`, world.psychA.token);
    expect(detail.student).toEqual({ id: studentId, name, studentNo, className: 'Class 2' });
    expect(detail.instance.definitionName).toBe(`危机关护-${tag}`);
    const cases = await ok('GET', `/api/instances?definitionKey=${key}`, world.psychA.token);
    expect(cases.items).toEqual([
      expect.objectContaining({
        id: caseId,
        definitionName: `危机关护-${tag}`,
        orgUnitName: 'Class 2',
        student: { id: studentId, name, studentNo, className: 'Class 2' },
      }),
    ]);
    const caseDetail = await ok('GET', `/api/instances/${caseId}`, world.psychA.token);
    expect(caseDetail.student).toEqual({ id: studentId, name, studentNo, className: 'Class 2' });
    expect(caseDetail.openTasks.map((t: any) => t.elementId).sort()).toEqual(['assess', 'watch']);

    // when the peer monitor, who holds a task but does not see the case, reads their inbox
    const peer = await eventually(async () => {
      const found = await api('GET', `/api/tasks?definitionKey=${key}`, peerA.token);
      return found.body.items?.length === 1 ? found.body : undefined;
    });
    // then their task shows the process and the unit, but no student and no case key
    expect(peer.items[0]).toMatchObject({
      elementId: 'watch',
      student: null,
      instance: { id: caseId, businessKey: null, definitionName: `危机关护-${tag}`, orgUnitName: 'Class 2' },
    });
    const peerDetail = await ok('GET', `/api/tasks/${peer.items[0].id}`, peerA.token);
    expect(peerDetail.student).toBeNull();
    expect(JSON.stringify(peer)).not.toContain(name);
    expect(JSON.stringify(peerDetail)).not.toContain(studentNo);
    // nor does their CSV export: the row is there, without the case key that holds the number
    const peerCsv = await fetch(`${stack.baseUrl}/api/tasks?definitionKey=${key}&format=csv`, {
      headers: { Authorization: `Bearer ${peerA.token}` },
    });
    expect(peerCsv.status).toBe(200);
    const csv = await peerCsv.text();
    expect(csv).toContain(peer.items[0].id);
    expect(csv).not.toContain(studentNo);

    // and another school's psychology teacher sees none of it
    const other = await ok('GET', `/api/tasks?definitionKey=${key}`, world.psychB.token);
    expect(other.items).toEqual([]);
    const otherCases = await ok('GET', `/api/instances?definitionKey=${key}`, world.psychB.token);
    expect(otherCases.items).toEqual([]);
    expect((await api('GET', `/api/tasks/${assess.id}`, world.psychB.token)).status).toBe(404);
  });

  it('shows no student on a sealed case in lists (its task page with a reason does) nor on a purged case', async () => {
    // given a student's case with an open task, then sealed as the seal-case step seals it
    const tag = unique();
    const key = `inbox-sealed-${tag}`;
    await deploy(key, `封存-${tag}`, [userTask('assess', { groups: 'psychTeacher' })]);
    const studentNo = `S${tag}`;
    const studentId = await student(world.units.classA, studentNo, `封存${tag}`);
    const caseId = await start(key, world.psychA.token, { studentId });
    const [task] = await openTasks(caseId, 1, world.psychA.token);
    expect(task.student).toMatchObject({ id: studentId });
    await db.query(`UPDATE process_instance SET sealed_at = now() WHERE id = $1`, [caseId]);
    // when / then: the lists name no student
    const tasks = await ok('GET', `/api/tasks?definitionKey=${key}`, world.psychA.token);
    expect(tasks.items.map((t: any) => t.student)).toEqual([null]);
    const cases = await ok('GET', `/api/instances?definitionKey=${key}`, world.psychA.token);
    expect(cases.items.map((c: any) => c.student)).toEqual([null]);
    // the task page needs a reason, and then shows the student
    expect((await api('GET', `/api/tasks/${task.id}`, world.psychA.token)).status).toBe(403);
    const withReason = await ok(
      'GET',
      `/api/tasks/${task.id}?reason=${encodeURIComponent('复核')}`,
      world.psychA.token,
    );
    expect(withReason.student).toMatchObject({ id: studentId, studentNo });
    // once purged, nowhere
    await db.query(`UPDATE process_instance SET purged_at = now() WHERE id = $1`, [caseId]);
    const purged = await ok(
      'GET',
      `/api/tasks/${task.id}?reason=${encodeURIComponent('复核')}`,
      world.psychA.token,
    );
    expect(purged.student).toBeNull();
    const purgedCase = await ok(
      'GET',
      `/api/instances/${caseId}?reason=${encodeURIComponent('复核')}`,
      world.psychA.token,
    );
    expect(purgedCase.student).toBeNull();
  });

  it('reads a page of many tasks in a fixed number of queries, whatever its size (no query per task)', async () => {
    // given ten students' cases
    const tag = unique();
    const key = `inbox-many-${tag}`;
    await deploy(key, `批量-${tag}`, [userTask('assess', { groups: 'psychTeacher' })]);
    for (let i = 0; i < 10; i++) {
      await start(key, world.psychA.token, {
        studentId: await student(world.units.classA, `M${tag}${i}`, `学生${i}`),
      });
    }
    await eventually(async () => {
      const list = await api('GET', `/api/tasks?definitionKey=${key}&limit=50`, world.psychA.token);
      return list.body.items?.length === 10 ? true : undefined;
    });
    // when the page is read, counting the statements this process sends PostgreSQL (the api
    // runs in it; an idle worker sends none)
    const readPage = async (limit: number) => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const list = await ok('GET', `/api/tasks?definitionKey=${key}&limit=${limit}`, world.psychA.token);
        return {
          items: list.items.length,
          statements: spy.mock.calls.length,
          students: list.items.filter((t: any) => t.student).length,
        };
      } finally {
        spy.mockRestore();
      }
    };
    const one = await readPage(1);
    const ten = await readPage(10);
    // then every item has its student, and ten items cost no more queries than one
    expect(one.statements).toBeGreaterThan(0);
    expect([one.students, ten.students]).toEqual([1, 10]);
    expect(ten.statements).toBeLessThanOrEqual(one.statements + 2);
    expect(ten.statements).toBeLessThanOrEqual(8);
  });
});

describe('GET /api/tasks/counts', () => {
  it('counts the open tasks the caller sees per tab, with the list’s filters, never another school’s', async () => {
    // given a case with an overdue task, one due later today (Shanghai), one due in 2031 for class teachers
    const tag = unique();
    const key = `inbox-counts-${tag}`;
    await deploy(key, `计数-${tag}`, [
      userTask('late', { groups: 'psychTeacher', extensions: schedule('2020-01-01T00:00:00Z') }),
      userTask('today', { groups: 'psychTeacher', extensions: schedule(lateTodayInShanghai()) }),
      userTask('later', { groups: 'classTeacher', extensions: schedule('2031-01-01T00:00:00Z') }),
    ]);
    const studentNo = `C${tag}`;
    const studentId = await student(world.units.classA, studentNo, `计数${tag}`);
    const caseId = await start(key, world.psychA.token, { studentId });
    const tasks = await openTasks(caseId, 3, world.psychA.token);
    const counts = async (token: string, query = `definitionKey=${key}`) => {
      const response = await api('GET', `/api/tasks/counts?${query}`, token);
      expect(response.status).toBe(200);
      return response.body;
    };

    // when / then: before anyone claims
    expect(await counts(world.psychA.token)).toEqual({
      assignedToMe: 0,
      claimable: 2,
      overdue: 1,
      dueToday: 1,
      all: 3,
    });
    expect(await counts(world.classTeacherA.token)).toEqual({
      assignedToMe: 0,
      claimable: 1,
      overdue: 1,
      dueToday: 1,
      all: 3,
    });
    // after the psychology teacher claims the late one
    const late = tasks.find((t) => t.elementId === 'late');
    await ok('POST', `/api/tasks/${late.id}/claim`, world.psychA.token);
    expect(await counts(world.psychA.token)).toEqual({
      assignedToMe: 1,
      claimable: 1,
      overdue: 1,
      dueToday: 1,
      all: 3,
    });
    // they match the list's own filters
    const list = await ok('GET', `/api/tasks?definitionKey=${key}&state=open`, world.psychA.token);
    expect(list.items).toHaveLength(3);
    const mine = await ok('GET', `/api/tasks?definitionKey=${key}&assignee=me`, world.psychA.token);
    expect(mine.items).toHaveLength(1);
    const overdue = await ok('GET', `/api/tasks?definitionKey=${key}&overdue=true`, world.psychA.token);
    expect(overdue.items).toHaveLength(1);
    const claimable = await ok(
      'GET',
      `/api/tasks?definitionKey=${key}&candidate=me&assignee=none`,
      world.psychA.token,
    );
    expect(claimable.items.map((task: { elementId: string }) => task.elementId)).toEqual(['today']);
    const dueToday = await ok('GET', `/api/tasks?definitionKey=${key}&dueToday=true`, world.psychA.token);
    expect(dueToday.items.map((task: { elementId: string }) => task.elementId)).toEqual(['today']);
    // narrowed by q (the student's number) and by student, as the list is
    expect((await counts(world.psychA.token, `definitionKey=${key}&q=${studentNo}`)).all).toBe(3);
    expect((await counts(world.psychA.token, `q=${studentNo}`)).all).toBe(3);
    expect((await counts(world.psychA.token, `studentId=${studentId}`)).all).toBe(3);
    expect((await counts(world.psychA.token, `definitionKey=${key}&q=nobody-${tag}`)).all).toBe(0);
    // and another school counts none of them
    expect(await counts(world.psychB.token)).toEqual({
      assignedToMe: 0,
      claimable: 0,
      overdue: 0,
      dueToday: 0,
      all: 0,
    });
    expect((await counts(world.psychB.token, `q=${studentNo}`)).all).toBe(0);
    for (const tab of ['candidate=me&assignee=none', 'dueToday=true', 'overdue=true']) {
      const other = await ok('GET', `/api/tasks?definitionKey=${key}&${tab}`, world.psychB.token);
      expect({ tab, items: other.items }).toEqual({ tab, items: [] });
    }
    expect((await counts(world.psychB.token, `studentId=${studentId}`)).all).toBe(0);
  });

  it("counts 'due today' by the date in the timezone of the school's calendar", async () => {
    // given a school whose calendar keeps Pago Pago's time (UTC-11, 19 hours behind Shanghai) and a
    // case there with tasks due every four hours from 36 hours ago to 36 hours ahead
    const tag = unique();
    const unit = async (parentId: string, kind: string, code: string) =>
      (await ok('POST', '/api/org-units', world.adminToken, { parentId, kind, code, name: `${kind} ${tag}` }))
        .id;
    const school = await unit(world.units.district, 'school', `tz${tag}`);
    const grade = await unit(school, 'grade', 'g1');
    const klass = await unit(grade, 'class', 'k1');
    const teacher = await createPerson(stack, world.adminToken, 'psychTeacher', school);
    const timezone = 'Pacific/Pago_Pago';
    await ok('PUT', `/api/org-units/${school}/calendar`, world.adminToken, {
      timezone,
      terms: [],
      holidays: [],
      workdays: [],
    });
    const now = Date.now();
    const dues = Array.from({ length: 19 }, (_, i) => new Date(now + (i * 4 - 36) * 3_600_000));
    const key = `inbox-tz-${tag}`;
    await deploy(
      key,
      `时区-${tag}`,
      dues.map((due, i) =>
        userTask(`t${i}`, { groups: 'psychTeacher', extensions: schedule(due.toISOString()) }),
      ),
    );
    const caseId = await start(key, teacher.token, { orgUnitId: klass });
    await openTasks(caseId, 19, teacher.token);
    // when
    const counts = await ok('GET', `/api/tasks/counts?definitionKey=${key}`, teacher.token);
    // then "today" is Pago Pago's today, which Shanghai's today is not
    const dateIn = (zone: string, at: Date | number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(at);
    const dueTodayIn = (zone: string) => dues.filter((due) => dateIn(zone, due) === dateIn(zone, now)).length;
    expect(dueTodayIn(timezone)).not.toBe(0);
    expect(counts.dueToday).toBe(dueTodayIn(timezone));
    // and the list's "due today" filter holds the same tasks
    const listed = await ok('GET', `/api/tasks?definitionKey=${key}&dueToday=true&limit=50`, teacher.token);
    expect(listed.items).toHaveLength(dueTodayIn(timezone));
    for (const task of listed.items as { dueAt: string }[]) {
      expect(dateIn(timezone, new Date(task.dueAt))).toBe(dateIn(timezone, now));
    }
    expect(dues.filter((due) => dateIn(timezone, due) === dateIn(timezone, now))).not.toEqual(
      dues.filter((due) => dateIn('Asia/Shanghai', due) === dateIn('Asia/Shanghai', now)),
    );
    expect(counts.overdue).toBe(dues.filter((due) => due.getTime() < Date.now()).length);
    expect(counts.all).toBe(19);
  });

  it('refuses a bad filter, naming it (400)', async () => {
    for (const [query, field] of [
      ['studentId=12', 'studentId'],
      ['instanceId=x', 'instanceId'],
      [`q=${'x'.repeat(101)}`, 'q'],
      [`definitionKey=${'k'.repeat(201)}`, 'definitionKey'],
      ['sort=dueAt', 'sort'],
    ]) {
      const response = await api('GET', `/api/tasks/counts?${query}`, world.psychA.token);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    for (const [query, field] of [
      ['assignee=nobody', 'assignee'],
      ['dueToday=today', 'dueToday'],
    ]) {
      const response = await api('GET', `/api/tasks?${query}`, world.psychA.token);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    expect((await call(stack.baseUrl, 'GET', '/api/tasks/counts')).status).toBe(401);
  });
});

describe('GET and PUT /api/me/preferences/:key', () => {
  it("saves a user's view, gives it back to them alone, and audits the write", async () => {
    const view = {
      tab: 'overdue',
      sort: 'dueAt',
      definitionKey: 'crisis-care',
      columns: ['student', 'dueAt'],
    };
    // before anything is saved
    const empty = await ok('GET', '/api/me/preferences/inbox', world.psychA.token);
    expect(empty).toEqual({ key: 'inbox', value: null, updatedAt: null });
    // when the teacher saves a view, then replaces it
    const saved = await ok('PUT', '/api/me/preferences/inbox', world.psychA.token, { value: view });
    expect(saved).toEqual({ key: 'inbox', value: view, updatedAt: expect.any(String) });
    const replaced = { ...view, tab: 'assignedToMe' };
    await ok('PUT', '/api/me/preferences/inbox', world.psychA.token, { value: replaced });
    // then they read the latest back, and the console's key is separate
    expect((await ok('GET', '/api/me/preferences/inbox', world.psychA.token)).value).toEqual(replaced);
    expect((await ok('GET', '/api/me/preferences/console', world.psychA.token)).value).toBeNull();
    // and another user (even of the same school) reads and overwrites only their own
    expect((await ok('GET', '/api/me/preferences/inbox', world.classTeacherA.token)).value).toBeNull();
    await ok('PUT', '/api/me/preferences/inbox', world.psychB.token, { value: { tab: 'all' } });
    expect((await ok('GET', '/api/me/preferences/inbox', world.psychA.token)).value).toEqual(replaced);
    expect((await ok('GET', '/api/me/preferences/inbox', world.psychB.token)).value).toEqual({ tab: 'all' });
    // the write is in the access log, without the view itself
    const logged = await db.query(
      `SELECT detail FROM access_log WHERE user_id = $1 AND action = 'preference.write' ORDER BY at DESC LIMIT 1`,
      [world.psychA.id],
    );
    expect(logged[0].detail).toMatchObject({ key: 'inbox' });
  });

  it('refuses an unknown key, a value that is no object, a value over 8 KB and extra fields, naming the field (400)', async () => {
    const refused = async (key: string, body: unknown, field: string, language?: string) => {
      const response = await api(
        'PUT',
        `/api/me/preferences/${key}`,
        world.psychA.token,
        body,
        language ? { 'accept-language': language } : undefined,
      );
      expect({ key, body: JSON.stringify(body).slice(0, 80), status: response.status }).toEqual({
        key,
        body: JSON.stringify(body).slice(0, 80),
        status: 400,
      });
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(field);
      return response.body;
    };
    await refused('secrets', { value: {} }, 'key');
    expect((await api('GET', '/api/me/preferences/secrets', world.psychA.token)).body.errors[0].path).toBe(
      'key',
    );
    for (const value of [null, [1, 2], 'inbox', 12, true]) await refused('inbox', { value }, 'value');
    await refused('inbox', {}, 'value');
    await refused('inbox', { value: {}, owner: world.psychB.id }, 'owner');
    const large = { note: 'x'.repeat(8 * 1024) };
    const english = await refused('inbox', { value: large }, 'value');
    expect(english.detail).toContain('8192 bytes');
    const chinese = await refused('inbox', { value: large }, 'value', 'zh-CN');
    expect(chinese.detail).toContain('不得超过');
    // just under the limit is taken
    const fits = { note: 'x'.repeat(8 * 1024 - 20) };
    expect(
      (await api('PUT', '/api/me/preferences/console', world.psychA.token, { value: fits })).status,
    ).toBe(200);
    expect((await call(stack.baseUrl, 'GET', '/api/me/preferences/inbox')).status).toBe(401);
  });
});

describe('GET /api/students?q= (raise a concern)', () => {
  it("finds students in the caller's scope by number prefix or exact full name, with their open cases, and audits the read", async () => {
    // given one name in both schools, and a case for school A's student
    const tag = unique();
    const key = `inbox-raise-${tag}`;
    await deploy(key, `关注-${tag}`, [userTask('assess', { groups: 'psychTeacher' })]);
    const name = `欧阳 雪${tag}`;
    const numberA = `RA${tag}01`;
    const numberB = `RB${tag}01`;
    const a = await student(world.units.classA, numberA, name);
    const a2 = await student(world.units.classA, `RA${tag}02`, `别人${tag}`);
    const b = await student(world.units.classB, numberB, name);
    const caseId = await start(key, world.psychA.token, { studentId: a });
    const search = async (q: string, token = world.psychA.token) => {
      const response = await api('GET', `/api/students?q=${encodeURIComponent(q)}`, token);
      expect(response.status).toBe(200);
      return response.body.items as any[];
    };

    // when / then: by number prefix, case-insensitively, ordered by number
    const byPrefix = await search(`ra${tag}`);
    expect(byPrefix.map((s) => s.id)).toEqual([a, a2]);
    expect(byPrefix[0]).toEqual({
      id: a,
      name,
      studentNo: numberA,
      className: 'Class 2',
      orgUnitId: world.units.classA,
      openCases: [{ instanceId: caseId, definitionKey: key }],
    });
    expect(byPrefix[1].openCases).toEqual([]);
    // by exact full name, however spaced
    expect((await search(`欧阳雪${tag}`)).map((s) => s.id)).toEqual([a]);
    // never by part of a name
    expect(await search('欧阳')).toEqual([]);
    // school B's teacher finds only school B's student, by name, and never A's by number
    expect((await search(name, world.psychB.token)).map((s) => s.id)).toEqual([b]);
    expect(await search(numberA, world.psychB.token)).toEqual([]);
    expect(await search(`RA${tag}`, world.psychB.token)).toEqual([]);
    expect((await search(name, world.psychB.token))[0].openCases).toEqual([]);
    // and school A's teacher never finds school B's
    expect(await search(numberB)).toEqual([]);
    // a peer monitor sees no students at all
    expect(await search(numberA, peerA.token)).toEqual([]);
    // the read is recorded with the students found, never with what was typed
    const [logged] = await db.query(
      `SELECT detail FROM access_log WHERE user_id = $1 AND action = 'student.search' ORDER BY at DESC LIMIT 1`,
      [world.psychA.id],
    );
    expect(logged.detail).toEqual({ students: [] });
    await search(numberA);
    const [again] = await db.query(
      `SELECT detail::text AS detail FROM access_log WHERE user_id = $1 AND action = 'student.search' ORDER BY at DESC LIMIT 1`,
      [world.psychA.id],
    );
    expect(JSON.parse(again.detail)).toEqual({ students: [a] });
    expect(again.detail).not.toContain(numberA);
  });

  it('keeps to at most 20 students and refuses a missing, blank or too long q and a bad limit, naming the field (400)', async () => {
    const tag = unique();
    for (let i = 0; i < 22; i++)
      await student(world.units.classA, `L${tag}${String(i).padStart(2, '0')}`, `学生${i}`);
    const all = await ok('GET', `/api/students?q=L${tag}`, world.psychA.token);
    expect(all.items).toHaveLength(20);
    const five = await ok('GET', `/api/students?q=L${tag}&limit=5`, world.psychA.token);
    expect(five.items.map((s: any) => s.studentNo)).toEqual([0, 1, 2, 3, 4].map((i) => `L${tag}0${i}`));
    for (const [query, field] of [
      ['', 'q'],
      ['q=', 'q'],
      ['q=%20%20', 'q'],
      [`q=${'x'.repeat(101)}`, 'q'],
      [`q=L${tag}&limit=21`, 'limit'],
      [`q=L${tag}&limit=0`, 'limit'],
      [`q=L${tag}&limit=x`, 'limit'],
      [`q=L${tag}&orgPath=/`, 'orgPath'],
    ]) {
      const response = await api('GET', `/api/students?${query}`, world.psychA.token);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    // LIKE's wildcards are literal
    expect((await ok('GET', `/api/students?q=${encodeURIComponent('%')}`, world.psychA.token)).items).toEqual(
      [],
    );
    expect((await ok('GET', `/api/students?q=_`, world.psychA.token)).items).toEqual([]);
  });
});

describe('GET /api/users (the picker for assigning)', () => {
  it('lists users by role and unit within the caller’s scope, never another school’s', async () => {
    const principalA = await createPerson(
      stack,
      world.adminToken,
      'principal',
      world.units.schoolA,
      '张校长',
    );
    const found = await ok(
      'GET',
      `/api/users?role=psychTeacher&orgUnitId=${world.units.schoolA}`,
      principalA.token,
    );
    expect(found.items.map((u: any) => u.id)).toContain(world.psychA.id);
    expect(found.items.map((u: any) => u.id)).not.toContain(world.psychB.id);
    expect(found.items[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        username: expect.any(String),
        displayName: expect.any(String),
        roles: expect.any(Array),
      }),
    );
    const byName = await ok(
      'GET',
      `/api/users?q=${encodeURIComponent(world.psychB.username)}`,
      principalA.token,
    );
    expect(byName.items).toEqual([]);
    const bad = await api('GET', '/api/users?role=king', principalA.token);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('role');
  });
});
