import { Client } from 'pg';
import { call, callOk, createPerson, eventually, type Person, unique } from '../support/api-client';
import {
  buildPathwaySchool,
  complete,
  deployShippedPathway,
  type PathwaySchool,
  pathwayApi,
  registerStudent,
  taskAt,
} from '../support/pathway';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(300_000);

/**
 * GET /api/reports/monthly (docs/api.md#monthly-report) on the real stack: the numbers of a
 * school are those of the cases this test creates, driven through the shipped pathway; the
 * district sees every school with small counts suppressed and which schools have submitted;
 * another school's staff see nothing of it.
 */
let stack: Stack;
let school: PathwaySchool;
let other: { id: string; psychTeacher: Person; classTeacher: Person; class: string };
/** The month the cases are created in, as the report counts it (Asia/Shanghai). */
const month = shanghaiMonth(new Date());

const api = (method: string, path: string, who: Person | string, body?: unknown) =>
  pathwayApi(stack)(method, path, who, body);

function shanghaiMonth(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

const report = (who: Person, unitId: string, extra = '', headers: Record<string, string> = {}) =>
  call(stack.baseUrl, 'GET', `/api/reports/monthly?orgUnitId=${unitId}&month=${month}${extra}`, {
    token: who.token,
    headers,
  });

async function csvOf(
  who: Person,
  unitId: string,
): Promise<{ status: number; type: string; lines: string[][] }> {
  const response = await fetch(`${stack.baseUrl}/api/reports/monthly?orgUnitId=${unitId}&month=${month}`, {
    headers: { authorization: `Bearer ${who.token}`, accept: 'text/csv' },
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    lines: text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(',')),
  };
}

const NOTES = '学生自述近期情绪低落、睡眠差，需要持续关注。';

/** A crisis-care case of a new student of `classId`, opened by its class teacher. */
async function openCase(
  classId: string,
  teacher: Person,
  variables: Record<string, unknown> = {},
): Promise<{ id: string; caseKey: string }> {
  const student = await registerStudent(stack, school, { orgUnitId: classId });
  const started = await api('POST', '/api/instances', teacher, {
    definitionKey: 'crisis-care',
    studentId: student.id,
    variables: { source: 'teacher', concern: '近两周多次缺勤，情绪低落。', ...variables },
  });
  expect([started.status, started.body.detail]).toEqual([201, undefined]);
  return { id: started.body.id as string, caseKey: student.caseKey };
}

async function assess(instanceId: string, riskLevel: string): Promise<void> {
  const task = await taskAt(stack, instanceId, 'initial-assessment', school.people.psychTeacher);
  await complete(stack, school.people.psychTeacher, task, { riskLevel, assessmentNotes: NOTES });
}

const expectedHomeVisitsDue = { count: 0 };

beforeAll(async () => {
  stack = await startStack();
  school = await buildPathwaySchool(stack, stack.adminPassword);
  await deployShippedPathway(stack, school.adminToken);
  const unit = async (parentId: string, kind: string, code: string, name: string) =>
    (await callOk(stack.baseUrl, 'POST', '/api/org-units', school.adminToken, { parentId, kind, code, name }))
      .id as string;
  const otherSchool = await unit(school.units.district, 'school', `sb${unique()}`, '第二中学');
  const otherClass = await unit(await unit(otherSchool, 'grade', 'g8', '八年级'), 'class', 'k1', '八年级1班');
  other = {
    id: otherSchool,
    class: otherClass,
    psychTeacher: await createPerson(stack, school.adminToken, 'psychTeacher', otherSchool, '心理教师 孙'),
    classTeacher: await createPerson(stack, school.adminToken, 'classTeacher', otherClass, '班主任 钱'),
  };

  const { people } = school;
  // School A: five new cases this month.
  // 1: high → guardian, meeting, referral completed, the hospital answers "outpatient"
  const high = await openCase(school.units.class, people.classTeacher);
  await assess(high.id, 'high');
  const guardian = await taskAt(stack, high.id, 'notify-guardian', people.classTeacher);
  await complete(stack, people.classTeacher, guardian, {
    guardianReached: true,
    contactMethod: 'phone',
    contactNotes: '已电话联系母亲，母亲正赶来学校。',
  });
  const meeting = await taskAt(stack, high.id, 'guardian-meeting', people.psychTeacher);
  await complete(stack, people.psychTeacher, meeting, {
    meetingDate: '2026-12-07',
    attendees: '母亲、班主任、心理教师',
    planAgreed: true,
    meetingNotes: '与家长商定转介就医及在校关注方案。',
  });
  const referral = await taskAt(stack, high.id, 'referral', people.psychTeacher);
  await complete(stack, people.psychTeacher, referral, {
    hospital: '市精神卫生中心',
    referralDate: '2026-12-05',
    escortedBy: 'staffAndGuardian',
  });
  // once the case waits at the catch, the hospital answers "outpatient" (sent once: a message
  // sent early would be buffered and counted later as a second answer)
  await eventually(async () => {
    const read = await api('GET', `/api/instances/${high.id}`, people.psychTeacher);
    const waiting = (read.body.activeElements ?? []) as { elementId: string }[];
    return waiting.some((element) => element.elementId === 'referral-outcome') ? true : undefined;
  }, 30_000);
  const published = (
    await api('POST', '/api/messages', people.psychTeacher, {
      name: 'referral-outcome',
      correlationKey: high.caseKey,
      variables: { outcome: 'outpatient' },
    })
  ).body;
  expect(published.correlatedInstances).toEqual([high.id]);
  await taskAt(stack, high.id, 'reassessment', people.psychTeacher);
  // 2: moderate, 3: low
  const moderate = await openCase(school.units.class, people.classTeacher);
  await assess(moderate.id, 'moderate');
  await taskAt(stack, moderate.id, 'support-plan', people.psychTeacher);
  const low = await openCase(school.units.class, people.classTeacher);
  await assess(low.id, 'low');
  // 4: cancelled the day it opened (closed); 5: not assessed, its assessment past due
  const cancelled = await openCase(school.units.class, people.classTeacher);
  await taskAt(stack, cancelled.id, 'initial-assessment', people.psychTeacher);
  expect(
    (await api('POST', `/api/instances/${cancelled.id}/cancel`, people.principal, { reason: '重复上报' }))
      .status,
  ).toBe(202);
  const late = await openCase(school.units.class, people.classTeacher, {
    deadlines: { initialAssessment: 'PT1S' },
  });
  await taskAt(stack, late.id, 'initial-assessment', people.psychTeacher);
  // the high branch's home visit (the moderate one's opens after the support plan), counted as
  // due when it falls due this month
  const visit = await taskAt(stack, high.id, 'home-visit', people.classTeacher);
  expectedHomeVisitsDue.count = shanghaiMonth(new Date(visit.dueAt!)) === month ? 1 : 0;
  await eventually(async () => {
    const read = await api('GET', `/api/instances/${cancelled.id}`, people.principal);
    return read.body.state === 'cancelled' ? true : undefined;
  });
  // School B: one new case, not assessed.
  await openCase(other.class, other.classTeacher);
  // the late assessment's due time has passed
  await new Promise((resolve) => setTimeout(resolve, 1500));
});
afterAll(async () => {
  await stack?.close();
});

describe('GET /api/reports/monthly', () => {
  it("gives a school's psychology teacher the exact numbers of the cases created at the school", async () => {
    const answer = await report(school.people.psychTeacher, school.units.school);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      orgUnit: { id: school.units.school, kind: 'school' },
      month,
      rollup: null,
    });
    expect(answer.body.schools).toHaveLength(1);
    const [row] = answer.body.schools;
    expect(row).toMatchObject({
      orgUnitId: school.units.school,
      exact: true,
      suppressed: [],
      submitted: false,
    });
    expect(row.counts).toEqual({
      newCases: 5,
      closedCases: 1,
      openAtMonthEnd: 4,
      byRiskLevel: { low: 1, moderate: 1, high: 1, imminent: 0, unknown: 1 },
      overdueOpenTasks: 1,
      referrals: 1,
      referralOutcomes: { admitted: 0, outpatient: 1, notNeeded: 0, unknown: 0 },
      homeVisitsDone: 0,
      homeVisitsDue: expectedHomeVisitsDue.count,
      // students registered at the school, none screened this semester
      screeningCoverage: 0,
    });
    // the other school's psychology teacher reads their own school exactly too
    const theirs = await report(other.psychTeacher, other.id);
    expect(theirs.body.schools[0].counts).toMatchObject({ newCases: 1, openAtMonthEnd: 1, closedCases: 0 });
    expect(theirs.body.schools[0].counts.byRiskLevel).toMatchObject({ unknown: 1 });
  });

  it('gives the district every school and the rollup, counts of 1 to 4 suppressed and what would reveal them', async () => {
    const answer = await report(school.people.districtSupervisor, school.units.district);
    expect(answer.status).toBe(200);
    const ours = answer.body.schools.find((s: any) => s.orgUnitId === school.units.school);
    const theirs = answer.body.schools.find((s: any) => s.orgUnitId === other.id);
    expect(answer.body.schools).toHaveLength(2);
    expect([ours.exact, theirs.exact]).toEqual([false, false]);
    // 5 new cases at ours, 1 at theirs: theirs is small; ours (5) would give it away from the
    // rollup's 6, so it is hidden too; the rollup shows 6
    expect(theirs.counts.newCases).toBeNull();
    expect(theirs.suppressed).toContainEqual({ field: 'newCases', reason: 'small' });
    expect(ours.counts.newCases).toBeNull();
    expect(ours.suppressed).toContainEqual({ field: 'newCases', reason: 'complementary' });
    expect(answer.body.rollup.counts.newCases).toBe(6);
    // open at the month's end: 4 and 1, both small; the rollup's 5 is shown
    expect([ours.counts.openAtMonthEnd, theirs.counts.openAtMonthEnd]).toEqual([null, null]);
    expect(answer.body.rollup.counts.openAtMonthEnd).toBe(5);
    // nothing shown to the district is between 1 and 4
    for (const row of [ours, theirs, answer.body.rollup]) {
      const shown = numbersOf(row.counts).filter((n): n is number => n !== null);
      expect(shown.filter((n) => n >= 1 && n <= 4)).toEqual([]);
    }
    expect(answer.body.rollup.counts.referrals).toBeNull();
    expect(ours.counts.byRiskLevel.high).toBeNull();
  });

  it("answers another school's staff 404, the same as for a unit that does not exist, and a class teacher 403", async () => {
    const intruder = await report(other.psychTeacher, school.units.school);
    const unknown = await report(other.psychTeacher, '00000000-0000-4000-8000-000000000000');
    expect(intruder.status).toBe(404);
    expect(intruder.body).toEqual(unknown.body);
    expect(intruder.body.errors).toEqual([expect.objectContaining({ path: 'orgUnitId' })]);
    expect((await report(other.psychTeacher, school.units.district)).status).toBe(404);
    expect((await report(school.people.classTeacher, school.units.school)).status).toBe(403);
  });

  it("names a bad month or unit in the caller's language", async () => {
    const zh = await call(
      stack.baseUrl,
      'GET',
      `/api/reports/monthly?orgUnitId=${school.units.school}&month=2026-13`,
      {
        token: school.people.psychTeacher.token,
        headers: { 'accept-language': 'zh-CN' },
      },
    );
    expect(zh.status).toBe(400);
    expect(zh.body.errors).toEqual([{ path: 'month', message: expect.stringContaining('格式为 YYYY-MM') }]);
    const en = await call(stack.baseUrl, 'GET', `/api/reports/monthly?orgUnitId=nope&month=${month}`, {
      token: school.people.psychTeacher.token,
      headers: { 'accept-language': 'en' },
    });
    expect(en.status).toBe(400);
    expect(en.body.errors).toEqual([{ path: 'orgUnitId', message: expect.stringContaining('UUID') }]);
    const current = await report(school.people.psychTeacher, school.units.school, '', {
      'accept-language': 'en',
    });
    expect(current.status).toBe(200);
    const next = await call(
      stack.baseUrl,
      'GET',
      `/api/reports/monthly?orgUnitId=${school.units.school}&month=2999-01`,
      {
        token: school.people.psychTeacher.token,
      },
    );
    expect([next.status, next.body.errors?.[0]?.path]).toEqual([400, 'month']);
    const klass = await report(school.people.psychTeacher, school.units.class);
    expect([klass.status, klass.body.errors?.[0]?.path]).toEqual([400, 'orgUnitId']);
  });

  it('answers CSV with a header row and the same numbers, "<5" and "*" where the district sees none', async () => {
    const json = (await report(school.people.psychTeacher, school.units.school)).body.schools[0];
    const own = await csvOf(school.people.psychTeacher, school.units.school);
    expect(own.status).toBe(200);
    expect(own.type).toContain('text/csv');
    const [header, row] = own.lines;
    expect(header!.slice(0, 4)).toEqual(['row', 'orgUnitId', 'name', 'month']);
    const cell = (line: string[], field: string) => line[header!.indexOf(field)];
    expect(cell(row!, 'newCases')).toBe('5');
    expect(cell(row!, 'closedCases')).toBe('1');
    expect(cell(row!, 'byRiskLevel.high')).toBe(String(json.counts.byRiskLevel.high));
    expect(cell(row!, 'overdueOpenTasks')).toBe('1');
    expect(cell(row!, 'referralOutcomes.outpatient')).toBe('1');
    expect(own.lines).toHaveLength(2);

    const district = await csvOf(school.people.districtSupervisor, school.units.district);
    const [, ...rows] = district.lines;
    const ours = rows.find((line) => line[1] === school.units.school)!;
    const theirs = rows.find((line) => line[1] === other.id)!;
    const rollup = rows.find((line) => line[0] === 'rollup')!;
    expect([cell(ours, 'newCases'), cell(theirs, 'newCases'), cell(rollup, 'newCases')]).toEqual([
      '*',
      '<5',
      '6',
    ]);
    expect(cell(rollup, 'openAtMonthEnd')).toBe('5');
  });

  it("shows the district which schools submitted: ours once its psychology teacher completes the month's review", async () => {
    const { people } = school;
    const started = await api('POST', '/api/instances', people.psychTeacher, {
      definitionKey: 'monthly-report',
      orgUnitId: school.units.school,
      variables: { month },
    });
    expect([started.status, started.body.detail]).toEqual([201, undefined]);
    const review = await taskAt(stack, started.body.id, 'review-report', people.psychTeacher, 60_000);
    const before = await report(people.districtSupervisor, school.units.district);
    expect(before.body.schools.map((s: any) => s.submitted)).toEqual([false, false]);

    await complete(stack, people.psychTeacher, review, {
      dataChecked: true,
      reportNotes: '本月工作正常开展。',
    });
    const after = await eventually(async () => {
      const read = await report(people.districtSupervisor, school.units.district);
      return read.body.schools.some((s: any) => s.submitted) ? read.body : undefined;
    });
    const ours = after.schools.find((s: any) => s.orgUnitId === school.units.school);
    const theirs = after.schools.find((s: any) => s.orgUnitId === other.id);
    expect(ours).toMatchObject({ submitted: true, submittedBy: '心理教师 李' });
    expect(Date.parse(ours.submittedAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(theirs).toMatchObject({ submitted: false, submittedAt: null, submittedBy: null });
  });
});

describe('screening coverage', () => {
  it("counts the school's students with a result imported this semester, and the district's share of them all", async () => {
    // given: a second student at the other school, and a PHQ-9 screening of that student alone
    const studentNo = `2026${unique()}`;
    await callOk(stack.baseUrl, 'POST', '/api/students', school.adminToken, {
      orgUnitId: other.class,
      studentNo,
      name: '王小明',
    });
    const phq9 = { '1': 0, '2': 1, '3': 0, '4': 1, '5': 0, '6': 0, '7': 0, '8': 0, '9': 0 };
    const imported = await api('POST', '/api/screenings', other.psychTeacher, {
      instrument: 'phq-9',
      orgUnitId: other.id,
      rows: [{ studentNo, items: phq9 }],
    });
    expect([imported.status, imported.body.rows, imported.body.rejected]).toEqual([201, 1, []]);

    // then: one of the other school's two students is screened; none of ours
    const theirs = await report(other.psychTeacher, other.id);
    expect(theirs.body.schools[0].counts.screeningCoverage).toBe(0.5);
    const district = (await report(school.people.districtSupervisor, school.units.district)).body;
    const row = (id: string) => district.schools.find((s: any) => s.orgUnitId === id);
    expect(row(other.id).counts.screeningCoverage).toBe(0.5);
    expect(row(school.units.school).counts.screeningCoverage).toBe(0);
    const pg = new Client({ connectionString: process.env.CAREPATH_TEST_DATABASE_URL });
    await pg.connect();
    try {
      const { rows } = await pg.query(
        `SELECT count(*)::int AS n FROM student s JOIN org_unit d ON d.id = $1
         WHERE starts_with(s.org_path, d.org_path || '/')`,
        [school.units.district],
      );
      expect(district.rollup.counts.screeningCoverage).toBeCloseTo(1 / rows[0].n, 4);
    } finally {
      await pg.end();
    }
    // and the CSV carries the same share
    const csv = await csvOf(other.psychTeacher, other.id);
    const [header, line] = csv.lines;
    expect(line![header!.indexOf('screeningCoverage')]).toBe('0.5');
  });
});

describe('auditing the report', () => {
  it('records who read which unit for which month, without the numbers', async () => {
    const reader = school.people.principal;
    expect((await report(reader, school.units.school)).status).toBe(200);
    const pg = new Client({ connectionString: process.env.CAREPATH_TEST_DATABASE_URL });
    await pg.connect();
    try {
      const rows = await pg.query(
        `SELECT action, resource_type, resource_id, detail FROM access_log WHERE user_id = $1 ORDER BY id`,
        [reader.id],
      );
      expect(rows.rows).toContainEqual({
        action: 'report.monthly.read',
        resource_type: 'orgUnit',
        resource_id: school.units.school,
        detail: { month, format: 'json' },
      });
    } finally {
      await pg.end();
    }
  });
});

function numbersOf(value: unknown): (number | null)[] {
  if (value === null || typeof value === 'number') return [value];
  if (typeof value === 'object') return Object.values(value as object).flatMap(numbersOf);
  return [];
}
