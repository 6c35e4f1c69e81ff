import { Client } from 'pg';
import { temporalPayloadCodec } from '../../libs/config/src';
import { CALENDAR_CHANGED_SIGNAL, workflowIdForInstance } from '../../libs/contracts/src';
import type { CaseCalendar } from '../../libs/domain/src';
import {
  buildWorld,
  call,
  callOk,
  createPerson,
  deploySingleTask,
  eventually,
  openTaskOf,
  type Person,
  type World,
} from '../support/api-client';
import { decodeHistoryPayloads } from '../support/history-payloads';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

/**
 * School calendars over HTTP (issue 10, docs/calendars.md#editing-a-calendar): a unit's own
 * calendar, inherited below it until a lower unit has its own, removed back to inheriting; who
 * may write (principals and district staff at or above the unit), who may read (whoever sees the
 * unit), and a body refused field by field in the caller's language.
 */
let stack: Stack;
let world: World;
let principalA: Person;
let principalB: Person;
let supervisor: Person;

beforeAll(async () => {
  stack = await startStack();
  world = await buildWorld(stack);
  principalA = await createPerson(stack, world.adminToken, 'principal', world.units.schoolA, '王校长');
  principalB = await createPerson(stack, world.adminToken, 'principal', world.units.schoolB);
  supervisor = await createPerson(stack, world.adminToken, 'districtSupervisor', world.units.district);
});
afterAll(async () => {
  await stack?.close();
});

const api = (
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => call(stack.baseUrl, method, path, { token, headers, ...(body === undefined ? {} : { body }) });
const calendarOf = (unitId: string) => `/api/org-units/${unitId}/calendar`;

const autumn = {
  timezone: 'Asia/Shanghai',
  terms: [{ name: '2026 秋季学期', start: '2026-09-01', end: '2027-01-22' }],
  holidays: ['2026-11-20', '2026-11-19'],
  workdays: ['2026-11-28'],
};

async function query<T>(sql: string, params: unknown[]): Promise<T[]> {
  const pg = new Client({ connectionString: process.env.CAREPATH_TEST_DATABASE_URL });
  await pg.connect();
  try {
    return (await pg.query(sql, params)).rows as T[];
  } finally {
    await pg.end();
  }
}

describe('a unit’s calendar: own, inherited, removed', () => {
  it('with none anywhere above, a unit has the national default', async () => {
    const read = await api('GET', calendarOf(world.units.classB), world.adminToken);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      orgUnitId: world.units.classB,
      source: 'national',
      sourceUnitId: null,
      sourceUnitName: null,
      timezone: 'Asia/Shanghai',
      terms: [],
      holidays: [],
      workdays: [],
      updatedAt: null,
      mayEdit: true,
    });
    expect(typeof read.body.version).toBe('string');
    expect(Array.isArray(read.body.nationalHolidays)).toBe(true);
  });

  it('a principal sets the school’s calendar; its classes inherit it; a grade’s own calendar wins below the grade', async () => {
    // given a calendar for school A
    const national = await api('GET', calendarOf(world.units.classA), world.classTeacherA.token);
    const stored = await api('PUT', calendarOf(world.units.schoolA), principalA.token, autumn);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      orgUnitId: world.units.schoolA,
      source: 'own',
      sourceUnitId: world.units.schoolA,
      sourceUnitName: 'School A',
      terms: autumn.terms,
      // sorted, as stored
      holidays: ['2026-11-19', '2026-11-20'],
      workdays: ['2026-11-28'],
      updatedBy: '王校长',
      mayEdit: true,
      refresh: { cases: 0, signalled: 0, pending: 0 },
    });
    // then the class teacher reads it at the class, inherited, and may not edit it
    const inherited = await api('GET', calendarOf(world.units.classA), world.classTeacherA.token);
    expect(inherited.body).toMatchObject({
      source: 'inherited',
      sourceUnitId: world.units.schoolA,
      sourceUnitName: 'School A',
      holidays: ['2026-11-19', '2026-11-20'],
      mayEdit: false,
    });
    expect(inherited.body.version).toBe(stored.body.version);
    expect(inherited.body.version).not.toBe(national.body.version);
    // and a district supervisor's calendar for the grade applies below the grade only
    const grade = await api('PUT', calendarOf(world.units.gradeA), supervisor.token, {
      terms: [],
      holidays: ['2026-12-01'],
      workdays: [],
    });
    expect(grade.status).toBe(200);
    expect((await api('GET', calendarOf(world.units.classA), principalA.token)).body).toMatchObject({
      source: 'inherited',
      sourceUnitId: world.units.gradeA,
      holidays: ['2026-12-01'],
      mayEdit: true,
    });
    expect((await api('GET', calendarOf(world.units.schoolA), principalA.token)).body.source).toBe('own');
    // when the grade's is removed, the class inherits the school's again
    const removed = await api('DELETE', calendarOf(world.units.gradeA), principalA.token);
    expect(removed.status).toBe(204);
    expect((await api('GET', calendarOf(world.units.classA), principalA.token)).body).toMatchObject({
      sourceUnitId: world.units.schoolA,
    });
    // a DELETE where there is none is still 204 (idempotent)
    expect((await api('DELETE', calendarOf(world.units.gradeA), principalA.token)).status).toBe(204);
  });

  it('a PUT replaces the whole calendar, and every change is in access_log with who and which unit', async () => {
    const unit = world.units.schoolA;
    await api('PUT', calendarOf(unit), principalA.token, autumn);
    const replaced = await api('PUT', calendarOf(unit), principalA.token, {
      timezone: 'Asia/Urumqi',
      terms: [],
      holidays: [],
      workdays: [],
    });
    expect(replaced.body).toMatchObject({ timezone: 'Asia/Urumqi', terms: [], holidays: [] });
    await api('DELETE', calendarOf(unit), principalA.token);
    const log = await query<{ action: string; user_id: string; detail: Record<string, unknown> }>(
      `SELECT action, user_id, detail FROM access_log
        WHERE resource_type = 'orgUnit' AND resource_id = $1 AND action LIKE 'calendar.%' ORDER BY id`,
      [unit],
    );
    expect(log.slice(-3).map((row) => row.action)).toEqual([
      'calendar.set',
      'calendar.set',
      'calendar.delete',
    ]);
    expect(log.slice(-3).every((row) => row.user_id === principalA.id)).toBe(true);
    expect(log.at(-2)?.detail).toMatchObject({ timezone: 'Asia/Urumqi', replaced: true, terms: 0 });
    expect(log.at(-1)?.detail).toMatchObject({ hadOwn: true });
    expect((await api('GET', calendarOf(unit), principalA.token)).body.source).toBe('national');
  });
});

describe('who may write and read', () => {
  it('another school’s principal neither reads nor writes school A’s calendar (404, nothing changes)', async () => {
    await api('PUT', calendarOf(world.units.schoolA), principalA.token, autumn);
    const before = await api('GET', calendarOf(world.units.schoolA), principalA.token);
    for (const unit of [world.units.schoolA, world.units.classA]) {
      expect((await api('GET', calendarOf(unit), principalB.token)).status).toBe(404);
      expect((await api('PUT', calendarOf(unit), principalB.token, autumn)).status).toBe(404);
      expect((await api('DELETE', calendarOf(unit), principalB.token)).status).toBe(404);
    }
    expect((await api('GET', calendarOf(world.units.schoolA), principalA.token)).body).toEqual(before.body);
  });

  it('a class teacher and a psychology teacher read but may not write (403)', async () => {
    for (const person of [world.classTeacherA, world.psychA]) {
      expect((await api('GET', calendarOf(world.units.classA), person.token)).status).toBe(200);
      const refused = await api('PUT', calendarOf(world.units.classA), person.token, autumn);
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toMatch(/principal/);
      expect((await api('DELETE', calendarOf(world.units.classA), person.token)).status).toBe(403);
    }
  });

  it('a principal may not write above their school (the district), nor an unknown or malformed unit', async () => {
    // The district is not visible to a school's principal: 404, as any unit they do not see.
    expect((await api('PUT', calendarOf(world.units.district), principalA.token, autumn)).status).toBe(404);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await api('GET', calendarOf(unknown), world.adminToken)).status).toBe(404);
    expect((await api('GET', '/api/org-units/not-a-uuid/calendar', world.adminToken)).status).toBe(400);
  });
});

describe('a body refused field by field', () => {
  const refused = async (body: unknown, language = 'en') => {
    const answer = await api('PUT', calendarOf(world.units.classB), principalB.token, body, {
      'accept-language': language,
    });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/problem\+json/);
    return answer.body as { detail: string; errors: { path: string; code: string; message: string }[] };
  };
  const paths = (problem: { errors: { path: string; code: string }[] }) =>
    problem.errors.map((e) => `${e.path} ${e.code}`);

  it('names each wrong date, term and zone', async () => {
    const problem = await refused({
      timezone: 'Mars/Olympus',
      terms: [
        { name: '秋季', start: '2026-09-01', end: '2027-01-22' },
        { name: '春季', start: '2027-03-01', end: '2027-02-28' },
        { name: '重叠', start: '2027-01-10', end: '2027-01-30' },
        { name: '', start: '2027/09/01', end: '2027-02-30' },
      ],
      holidays: ['2026-10-01', 'tomorrow', 20261001, '1999-01-01'],
      workdays: ['2026-10-01'],
    });
    expect(paths(problem)).toEqual(
      expect.arrayContaining([
        'timezone timezone',
        'terms.1.end endBeforeStart',
        'terms.2 termsOverlap',
        'terms.3.name termName',
        'terms.3.start date',
        'terms.3.end date',
        'holidays.1 date',
        'holidays.2 notString',
        'holidays.3 dateYear',
      ]),
    );
    expect(problem.detail).toMatch(/^The calendar has \d+ problems: /);
    expect(problem.errors.find((e) => e.path === 'terms.2')?.message).toBe(
      'This term overlaps term "秋季" (terms.0)',
    );
  });

  it('refuses unknown fields, missing lists, too many entries and a date both off and on', async () => {
    expect(paths(await refused({ terms: [], holidays: [], workdays: [], colour: 'red' }))).toEqual([
      'colour unknownField',
    ]);
    expect(
      paths(
        await refused({
          terms: [{ name: 'x', start: '2026-09-01', end: '2026-09-02', note: 1 }],
          holidays: [],
          workdays: [],
        }),
      ),
    ).toEqual(['terms.0.note unknownField']);
    expect(paths(await refused({ terms: [] }))).toEqual(['holidays required', 'workdays required']);
    expect(paths(await refused({ terms: {}, holidays: 'x', workdays: [] }))).toEqual([
      'terms notArray',
      'holidays notArray',
    ]);
    const many = Array.from({ length: 401 }, () => '2026-10-01');
    expect(paths(await refused({ terms: [], holidays: many, workdays: [] }))).toEqual(['holidays tooMany']);
    const terms = Array.from({ length: 21 }, (_, i) => ({
      name: `t${i}`,
      start: '2026-09-01',
      end: '2026-09-01',
    }));
    expect(paths(await refused({ terms, holidays: [], workdays: [] }))).toEqual(['terms tooMany']);
    expect(paths(await refused({ terms: [], holidays: ['2026-10-08'], workdays: ['2026-10-08'] }))).toEqual([
      'workdays.0 holidayAndWorkday',
    ]);
    // the whole body has the empty path
    expect(paths(await refused([]))).toEqual([' notObject']);
  });

  it('words the problems in Chinese for a zh-CN reader', async () => {
    const problem = await refused(
      {
        terms: [{ name: '秋季', start: '2026-09-01', end: '2026-08-01' }],
        holidays: ['2026-02-30'],
        workdays: [],
      },
      'zh-CN,zh;q=0.9',
    );
    expect(problem.detail).toMatch(/^校历有 2 处问题/);
    expect(problem.errors.map((e) => e.message)).toEqual([
      '学期结束日期（2026-08-01）早于开始日期（2026-09-01）',
      '“2026-02-30”不是有效日期（YYYY-MM-DD）',
    ]);
    // and nothing was stored
    expect((await api('GET', calendarOf(world.units.classB), principalB.token)).body.source).toBe('national');
  });
});

describe('running cases receive a changed calendar', () => {
  /** What the case's workflow started with, and every calendar it was signalled since, decoded. */
  async function calendarsOf(
    instanceId: string,
  ): Promise<{ started: CaseCalendar; signalled: CaseCalendar[] }> {
    const handle = stack.temporal.client.workflow.getHandle(workflowIdForInstance(instanceId));
    const history = await decodeHistoryPayloads(
      await handle.fetchHistory(),
      temporalPayloadCodec(stack.config.dataKey),
    );
    const decode = (data: Uint8Array | null | undefined) =>
      JSON.parse(Buffer.from(data ?? []).toString('utf8'));
    const events = history.events ?? [];
    const input = events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    return {
      started: decode(input?.data).calendar,
      signalled: events
        .map((e) => e.workflowExecutionSignaledEventAttributes)
        .filter((a) => a?.signalName === CALENDAR_CHANGED_SIGNAL.name)
        .map((a) => decode(a?.input?.payloads?.[0]?.data)),
    };
  }

  it('a case starts with its unit’s calendar; a change at the school reaches it, unless a lower unit has its own', async () => {
    // given school B with a calendar, and a case in its class
    await deploySingleTask(stack, world.adminToken);
    const first = await api('PUT', calendarOf(world.units.schoolB), principalB.token, autumn);
    const started = await callOk(stack.baseUrl, 'POST', '/api/instances', world.psychB.token, {
      definitionKey: 'initial-assessment',
      orgUnitId: world.units.classB,
    });
    await openTaskOf(stack, started.id, world.psychB.token);
    expect((await calendarsOf(started.id)).started).toMatchObject({
      sourceUnitId: world.units.schoolB,
      version: first.body.version,
      holidays: expect.arrayContaining(['2026-11-19', '2026-11-20']),
    });

    // when the principal adds a holiday
    const changed = await api('PUT', calendarOf(world.units.schoolB), principalB.token, {
      ...autumn,
      holidays: [...autumn.holidays, '2026-12-24'],
    });
    // then the answer counts the case, and the case receives the new calendar once
    expect(changed.body.refresh.cases).toBeGreaterThanOrEqual(1);
    expect(changed.body.refresh.signalled + changed.body.refresh.pending).toBe(changed.body.refresh.cases);
    const received = await eventually(async () => {
      const { signalled } = await calendarsOf(started.id);
      return signalled.length > 0 ? signalled : undefined;
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ version: changed.body.version, sourceUnitId: world.units.schoolB });
    expect(received[0]!.holidays).toContain('2026-12-24');

    // the same calendar again changes nothing and signals nobody
    const same = await api('PUT', calendarOf(world.units.schoolB), principalB.token, {
      ...autumn,
      holidays: [...autumn.holidays, '2026-12-24'],
    });
    expect(same.body.refresh).toEqual({ cases: 0, signalled: 0, pending: 0 });

    // when the class has its own calendar, the school's changes no longer reach the case
    const own = await api('PUT', calendarOf(world.units.classB), principalB.token, {
      terms: [],
      holidays: [],
      workdays: [],
    });
    await eventually(async () => ((await calendarsOf(started.id)).signalled.length === 2 ? true : undefined));
    const unreached = await api('PUT', calendarOf(world.units.schoolB), principalB.token, autumn);
    expect(unreached.body.refresh.cases).toBe(0);
    // and removing the class's own calendar hands it the school's again
    await api('DELETE', calendarOf(world.units.classB), principalB.token);
    const back = await eventually(async () => {
      const { signalled } = await calendarsOf(started.id);
      return signalled.length === 3 ? signalled : undefined;
    });
    expect(back[1]).toMatchObject({ version: own.body.version, sourceUnitId: world.units.classB });
    expect(back[2]).toMatchObject({ version: unreached.body.version, sourceUnitId: world.units.schoolB });
  });
});
