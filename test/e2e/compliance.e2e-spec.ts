import { Client } from 'pg';
import { call, callOk, createPerson, eventually, type Person, unique } from '../support/api-client';
import { chain, diagram, message, userTask } from '../support/bpmn-xml';
import {
  buildPathwaySchool,
  complete,
  deployShippedPathway,
  type PathwaySchool,
  pathwayApi,
  registerStudent,
  taskAt,
} from '../support/pathway';
import { readPdf } from '../support/pdf-text';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(300_000);

/**
 * The compliance review (倒查追责, docs/compliance.md) on the real stack: a crisis-care case whose
 * initial assessment is done late, after its escalation timer fired, reads as such line by line,
 * each line citing audit entries that exist and whose chain verifies; the PDF files it; the
 * district view lists the late step for the schools in scope only; other schools, lesser roles
 * and sealed files without a reason are refused.
 */
let stack: Stack;
let school: PathwaySchool;
let pg: Client;
/** A second school in the same district, with a late case of its own. */
let sibling: { id: string; class: string; principal: Person; psychTeacher: Person; classTeacher: Person };
let late: { id: string; caseKey: string };
let siblingLate: { id: string; caseKey: string };

const api = (method: string, path: string, who: Person | string, body?: unknown) =>
  pathwayApi(stack)(method, path, who, body);

const NOTES = '学生自述近期情绪低落、睡眠差，需要持续关注。';
const sealedKey = `compliance-sealed-${unique()}`;

/** A small case: a task due in an hour → seal → wait for retention → purge (ADR 0020). */
const sealedXml = diagram(
  sealedKey,
  `<bpmn:startEvent id="start" />
   ${userTask('assess', {
     name: '复核评估',
     groups: 'psychTeacher',
     extensions: '<zeebe:taskSchedule dueDate="=now() + duration(&quot;PT1H&quot;)" />',
   })}
   <bpmn:serviceTask id="seal-file" name="封存档案"><bpmn:extensionElements><zeebe:taskDefinition type="seal-case" /></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:intermediateCatchEvent id="retention"><bpmn:messageEventDefinition messageRef="m-retention" /></bpmn:intermediateCatchEvent>
   <bpmn:serviceTask id="purge-file" name="消档"><bpmn:extensionElements><zeebe:taskDefinition type="purge-case" /></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:endEvent id="end" />`,
  {
    roots: message('m-retention', `retention-over-${sealedKey}`, '=caseKey'),
    flows: chain('start', 'assess', 'seal-file', 'retention', 'purge-file', 'end'),
  },
);

/** A crisis-care case of a new student of `classId` whose assessment is due in 3 s. */
async function openLateCase(classId: string, teacher: Person): Promise<{ id: string; caseKey: string }> {
  const student = await registerStudent(stack, school, { orgUnitId: classId });
  const started = await api('POST', '/api/instances', teacher, {
    definitionKey: 'crisis-care',
    studentId: student.id,
    variables: {
      source: 'teacher',
      concern: '课堂上发现该生手臂有划痕，情绪低落。',
      deadlines: { initialAssessment: 'PT3S', escalatedAssessment: 'PT1H' },
    },
  });
  expect([started.status, started.body.detail]).toEqual([201, undefined]);
  return { id: started.body.id as string, caseKey: student.caseKey };
}

/** Waits until the assessment's escalation timer fired (the principal's task opened), then assesses. */
async function assessLate(
  instanceId: string,
  psychTeacher: Person,
  principal: Person,
  riskLevel: string,
): Promise<void> {
  const assess = await taskAt(stack, instanceId, 'initial-assessment', psychTeacher);
  await taskAt(stack, instanceId, 'escalated-assessment', principal, 60_000);
  await complete(stack, psychTeacher, assess, { riskLevel, assessmentNotes: NOTES });
}

const review = (who: Person, id: string, query = '', headers: Record<string, string> = {}) =>
  call(stack.baseUrl, 'GET', `/api/instances/${id}/compliance${query}`, { token: who.token, headers });

async function download(who: Person, path: string, accept: string) {
  const response = await fetch(`${stack.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${who.token}`, accept, 'accept-language': 'zh-CN' },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    disposition: response.headers.get('content-disposition') ?? '',
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** Today and a week ago as YYYY-MM-DD in Asia/Shanghai (the period of the district view). */
function shanghaiDay(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  stack = await startStack();
  school = await buildPathwaySchool(stack, stack.adminPassword);
  await deployShippedPathway(stack, school.adminToken);
  const deployed = await call(stack.baseUrl, 'POST', '/api/definitions', {
    token: school.adminToken,
    body: { xml: sealedXml },
  });
  if (deployed.status !== 201) throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);
  pg = new Client({ connectionString: process.env.CAREPATH_TEST_DATABASE_URL });
  await pg.connect();

  const unit = async (parentId: string, kind: string, code: string, name: string) =>
    (await callOk(stack.baseUrl, 'POST', '/api/org-units', school.adminToken, { parentId, kind, code, name }))
      .id as string;
  const siblingSchool = await unit(school.units.district, 'school', `sb${unique()}`, '第二中学');
  const siblingClass = await unit(
    await unit(siblingSchool, 'grade', 'g8', '八年级'),
    'class',
    'k1',
    '八年级1班',
  );
  sibling = {
    id: siblingSchool,
    class: siblingClass,
    principal: await createPerson(stack, school.adminToken, 'principal', siblingSchool, '校长 孙'),
    psychTeacher: await createPerson(stack, school.adminToken, 'psychTeacher', siblingSchool, '心理教师 钱'),
    classTeacher: await createPerson(stack, school.adminToken, 'classTeacher', siblingClass, '班主任 郑'),
  };

  const { people } = school;
  // School A: the assessment done after its escalation fired; then the guardian reached at once.
  late = await openLateCase(school.units.class, people.classTeacher);
  await assessLate(late.id, people.psychTeacher, people.principal, 'high');
  const guardian = await taskAt(stack, late.id, 'notify-guardian', people.classTeacher);
  await complete(stack, people.classTeacher, guardian, {
    guardianReached: true,
    contactMethod: 'phone',
    contactNotes: '已电话联系母亲，母亲正赶来学校。',
  });
  await taskAt(stack, late.id, 'guardian-meeting', people.psychTeacher);

  // The sibling school: a late assessment too.
  siblingLate = await openLateCase(sibling.class, sibling.classTeacher);
  await assessLate(siblingLate.id, sibling.psychTeacher, sibling.principal, 'low');
});
afterAll(async () => {
  await pg?.end();
  await stack?.close();
});

describe("a case's compliance review", () => {
  it('shows the late assessment with its escalation, its completer and evidence the chain proves', async () => {
    const answer = await review(school.people.principal, late.id);
    expect([answer.status, answer.body.detail]).toEqual([200, undefined]);
    const body = answer.body;
    expect(body).toMatchObject({ instanceId: late.id, businessKey: late.caseKey, chain: { verified: true } });

    const assessment = body.items.find((item: any) => item.elementId === 'initial-assessment');
    expect(assessment).toMatchObject({
      name: '初步风险评估',
      status: 'late',
      actor: { id: school.people.psychTeacher.id, displayName: '心理教师 李' },
      escalations: [expect.objectContaining({ elementId: 'assessment-overdue' })],
    });
    expect(assessment.lateByMs).toBeGreaterThan(0);
    expect(Date.parse(assessment.completedAt) - Date.parse(assessment.dueAt)).toBe(assessment.lateByMs);
    expect(Date.parse(assessment.escalations[0].firedAt)).toBeGreaterThanOrEqual(
      Date.parse(assessment.dueAt),
    );

    // each cited entry is a row of the case's chain, as the api cites it
    expect(assessment.evidence.map((e: any) => e.type)).toEqual([
      'task.opened',
      'timer.fired',
      'task.completed',
    ]);
    const { rows } = await pg.query(
      `SELECT id::text AS id, instance_id, seq, type, hash, data FROM audit_event WHERE id = ANY($1::bigint[]) ORDER BY seq`,
      [assessment.evidence.map((e: any) => e.auditEventId)],
    );
    expect(rows.map((row) => [row.id, row.seq, row.type, row.hash])).toEqual(
      assessment.evidence.map((e: any) => [e.auditEventId, e.seq, e.type, e.hash]),
    );
    expect(rows.every((row) => row.instance_id === late.id)).toBe(true);
    // the chain itself holds the due date the line reads
    expect(rows[0].data).toMatchObject({ taskId: assessment.taskId, dueAt: assessment.dueAt });
    const verified = await callOk(
      stack.baseUrl,
      'GET',
      `/api/instances/${late.id}/history/verify`,
      school.people.principal.token,
    );
    expect(verified.valid).toBe(true);

    // the guardian was reached in time; the principal's escalation task was withdrawn; the meeting is open
    const byElement = new Map(body.items.map((item: any) => [item.elementId, item]));
    expect(byElement.get('notify-guardian')).toMatchObject({
      status: 'onTime',
      lateByMs: 0,
      actor: { id: school.people.classTeacher.id },
      escalations: [],
    });
    expect(byElement.get('escalated-assessment')).toMatchObject({ status: 'cancelled', actor: null });
    expect(byElement.get('guardian-meeting')).toMatchObject({
      status: 'open',
      completedAt: null,
      actor: null,
    });

    const { rows: logged } = await pg.query(
      `SELECT action FROM access_log WHERE user_id = $1 AND resource_id = $2 AND action = 'instance.compliance.read'`,
      [school.people.principal.id, late.id],
    );
    expect(logged.length).toBeGreaterThan(0);
  });

  it('is refused to another school’s principal as an unknown case, and to a teacher of the case', async () => {
    const other = await review(sibling.principal, late.id);
    const unknown = await review(sibling.principal, '00000000-0000-4000-8000-000000000000');
    expect([other.status, unknown.status]).toEqual([404, 404]);
    expect(other.body.detail.replace(late.id, 'ID')).toBe(
      unknown.body.detail.replace('00000000-0000-4000-8000-000000000000', 'ID'),
    );
    const teacher = await review(school.people.psychTeacher, late.id);
    expect(teacher.status).toBe(403);
    const district = await review(school.people.districtSupervisor, late.id);
    expect(district.status).toBe(200);
  });

  it('files a PDF with the case key, in the CJK font, on numbered pages', async () => {
    const pdf = await download(
      school.people.principal,
      `/api/instances/${late.id}/compliance?format=pdf`,
      '*/*',
    );
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    expect(pdf.disposition).toContain('.pdf');
    const content = readPdf(pdf.bytes);
    expect(content.pages).toBe(1);
    expect(content.text).toContain(late.caseKey);
    expect(content.text).toContain('初步风险评估');
    expect(content.text).toContain('心理教师 李');
    expect(content.text).toContain('第 1 / 1 页');
    // the Accept header asks for it as well
    const accepted = await download(
      school.people.principal,
      `/api/instances/${late.id}/compliance`,
      'application/pdf',
    );
    expect([accepted.status, accepted.type]).toEqual([200, 'application/pdf']);
    const outsider = await download(
      sibling.principal,
      `/api/instances/${late.id}/compliance?format=pdf`,
      '*/*',
    );
    expect(outsider.status).toBe(404);
  });

  it('asks a reason of a sealed case, and still answers once the case is purged', async () => {
    const student = await registerStudent(stack, school);
    const started = await api('POST', '/api/instances', school.people.classTeacher, {
      definitionKey: sealedKey,
      studentId: student.id,
      variables: {},
    });
    expect([started.status, started.body.detail]).toEqual([201, undefined]);
    const id = started.body.id as string;
    const assess = await taskAt(stack, id, 'assess', school.people.psychTeacher);
    await complete(stack, school.people.psychTeacher, assess, {});
    const refused = await eventually(async () => {
      const read = await review(school.people.principal, id);
      return read.status === 403 ? read : undefined;
    }, 30_000);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    const reason = `?reason=${encodeURIComponent('区教育局倒查')}`;
    const sealed = await review(school.people.principal, id, reason);
    expect(sealed.status).toBe(200);
    expect(sealed.body.items).toEqual([
      expect.objectContaining({
        elementId: 'assess',
        name: '复核评估',
        status: 'onTime',
        actor: expect.objectContaining({ id: school.people.psychTeacher.id }),
      }),
    ]);

    const sent = await api('POST', '/api/messages', school.people.psychTeacher, {
      name: `retention-over-${sealedKey}`,
      correlationKey: student.caseKey,
    });
    expect(sent.body.correlatedInstances).toEqual([id]);
    await eventually(async () => {
      const { rows } = await pg.query(`SELECT purged_at FROM process_instance WHERE id = $1`, [id]);
      return rows[0].purged_at ? true : undefined;
    }, 30_000);
    const purged = await review(school.people.principal, id, reason);
    expect(purged.status).toBe(200);
    expect(purged.body.purgedAt).not.toBeNull();
    expect(purged.body.chain.verified).toBe(true);
    expect(purged.body.items[0]).toMatchObject({
      status: 'onTime',
      actor: { id: school.people.psychTeacher.id, displayName: '心理教师 李' },
    });
  });
});

describe('the late steps of a district', () => {
  const lateSteps = (who: Person, unitId: string, extra = '', headers: Record<string, string> = {}) =>
    call(
      stack.baseUrl,
      'GET',
      `/api/reports/late-steps?orgUnitId=${unitId}&from=${shanghaiDay(-7)}&to=${shanghaiDay(1)}${extra}`,
      { token: who.token, headers },
    );

  it('lists the late steps of every school in scope, and only those', async () => {
    const district = await lateSteps(school.people.districtSupervisor, school.units.district);
    expect(district.status).toBe(200);
    const cases = new Set(district.body.items.map((item: any) => item.instanceId));
    expect(cases).toEqual(new Set([late.id, siblingLate.id]));
    expect(district.body.items).toContainEqual(
      expect.objectContaining({
        instanceId: late.id,
        businessKey: late.caseKey,
        orgUnitName: '第一中学',
        elementId: 'initial-assessment',
        escalated: true,
        actor: { id: school.people.psychTeacher.id, displayName: '心理教师 李' },
      }),
    );
    expect(district.body.items.every((item: any) => item.lateByMs > 0)).toBe(true);

    // a principal sees their own school's, not the sibling's; the district is not theirs
    const own = await lateSteps(school.people.principal, school.units.school);
    expect(own.body.items.map((item: any) => item.instanceId)).toEqual([late.id]);
    expect((await lateSteps(school.people.principal, school.units.district)).status).toBe(404);
    expect((await lateSteps(sibling.principal, school.units.school)).status).toBe(404);
    expect((await lateSteps(school.people.psychTeacher, school.units.school)).status).toBe(403);

    const { rows } = await pg.query(
      `SELECT resource_id FROM access_log WHERE user_id = $1 AND action = 'report.late-steps.read'`,
      [school.people.districtSupervisor.id],
    );
    expect(rows.map((row) => row.resource_id)).toContain(school.units.district);
  });

  it('answers CSV, and 400 naming the field for a bad period, in the caller’s language', async () => {
    const csv = await download(
      school.people.districtSupervisor,
      `/api/reports/late-steps?orgUnitId=${school.units.district}&from=${shanghaiDay(-7)}&to=${shanghaiDay(1)}`,
      'text/csv',
    );
    expect([csv.status, csv.type]).toEqual([200, 'text/csv; charset=utf-8']);
    const lines = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'instanceId,businessKey,orgUnitName,elementId,name,dueAt,completedAt,lateByMs,lateBy,actor,escalated',
    );
    expect(
      lines.some((line) => line.startsWith(`${late.id},${late.caseKey},第一中学,initial-assessment`)),
    ).toBe(true);

    const bad = async (query: string) =>
      call(stack.baseUrl, 'GET', `/api/reports/late-steps?orgUnitId=${school.units.district}${query}`, {
        token: school.people.districtSupervisor.token,
        headers: { 'accept-language': 'zh-CN' },
      });
    const noFrom = await bad(`&to=2026-12-01`);
    expect([noFrom.status, noFrom.body.errors?.[0]?.path]).toEqual([400, 'from']);
    expect(noFrom.body.detail).toContain('YYYY-MM-DD');
    const badDay = await bad(`&from=2026-02-30&to=2026-03-01`);
    expect([badDay.status, badDay.body.errors?.[0]?.path]).toEqual([400, 'from']);
    const backwards = await bad(`&from=2026-12-01&to=2026-11-01`);
    expect([backwards.status, backwards.body.errors?.[0]?.path]).toEqual([400, 'to']);
    const tooLong = await bad(`&from=2025-01-01&to=2026-03-01`);
    expect([tooLong.status, tooLong.body.errors?.[0]?.path]).toEqual([400, 'to']);
    expect(tooLong.body.detail).toContain('一年');
  });
});
