import { callOk, eventually, type Person } from '../support/api-client';
import {
  buildPathwaySchool,
  complete,
  deployShippedPathway,
  historyOf,
  type OpenTask,
  openTasks,
  type PathwaySchool,
  pathwayApi,
  type Role,
  registerStudent,
  taskAt,
} from '../support/pathway';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(240_000);

/**
 * The shipped crisis-care pathway (processes/crisis-care.bpmn, docs/pathway.md) driven only
 * through the HTTP API, as its users drive it: one test per branch and requirement (issue 10,
 * item 8). Deadlines are shortened per case with the `deadlines` start variable where a test
 * must wait for one; elsewhere the standard deadlines are asserted as they are computed.
 */
let stack: Stack;
let school: PathwaySchool;

beforeAll(async () => {
  stack = await startStack();
  school = await buildPathwaySchool(stack, stack.adminPassword);
  await deployShippedPathway(stack, school.adminToken);
});
afterAll(async () => {
  await stack?.close();
});

const api = (method: string, path: string, who: Person | string, body?: unknown) =>
  pathwayApi(stack)(method, path, who, body);

const people = () => school.people;

const NOTES = '学生自述近期情绪低落、睡眠差，需要持续关注。';
const assessment = (riskLevel: string, extra: Record<string, unknown> = {}) => ({
  riskLevel,
  assessmentNotes: NOTES,
  ...extra,
});
const FORMS = {
  supervision: {
    supervisedBy: '班主任 陈',
    studentWhereabouts: 'counsellingRoom',
    supervisionNotes: '学生在心理辅导室，由班主任陪同。',
  },
  guardianContact: {
    guardianReached: true,
    contactMethod: 'phone',
    contactNotes: '已电话联系母亲，母亲正赶来学校。',
  },
  referral: { hospital: '市精神卫生中心', referralDate: '2026-12-05', escortedBy: 'staffAndGuardian' },
  guardianMeeting: {
    meetingDate: '2026-12-07',
    attendees: '母亲、班主任、心理教师',
    planAgreed: true,
    meetingNotes: '与家长商定转介就医及在校关注方案。',
  },
  supportPlan: {
    supportPlan: '每周一次个体辅导，班主任每日关注情绪变化，家长每周反馈睡眠情况。',
    sessionCount: 2,
  },
  session: { attended: true, riskTrend: 'improved', sessionNotes: '本次辅导学生情绪较稳定。' },
  homeVisit: {
    visitDate: '2026-12-06',
    visitors: '班主任 陈',
    visitMethod: 'home',
    visitNotes: '家访了解家庭支持情况。',
  },
  checkIn: { concernRaised: false, checkInNotes: '本月表现平稳。' },
  closure: { approved: true, closureComments: '干预目标达成，同意结案。' },
  emergency: { externalAgencies: ['police', 'medical'], responseNotes: '已联系派出所和急救中心，学生安全。' },
  escalation: { escalationAction: 'urged', escalationNotes: '已督促心理教师立即评估。' },
  readiness: { ready: true, readinessNotes: '出院小结显示病情稳定，可以返校。' },
  returnMeeting: {
    meetingDate: '2026-12-10',
    guardianAttended: true,
    medicationGuidance: '按医嘱每日早晚服药，由家长督促。',
    meetingNotes: '与家长商定返校安排。',
  },
  followUp: (relapse: boolean) => ({
    relapse,
    medicationAdherence: 'regular',
    followUpNotes: relapse ? '学生再次出现自伤念头。' : '本周情况稳定。',
  }),
  referralFollowUp: { contacted: 'family', followUpNotes: '家长表示已预约门诊。' },
};

/** Opens a crisis-care case for a new student as their class teacher would (R1: a teacher's concern). */
async function openCase(
  variables: Record<string, unknown> = {},
): Promise<{ id: string; caseKey: string; studentId: string }> {
  const student = await registerStudent(stack, school);
  const started = await api('POST', '/api/instances', people().classTeacher, {
    definitionKey: 'crisis-care',
    studentId: student.id,
    variables: { source: 'teacher', concern: '课堂上发现该生手臂有划痕，情绪低落。', ...variables },
  });
  expect([started.status, started.body.detail]).toEqual([201, undefined]);
  expect(started.body).toMatchObject({ businessKey: student.caseKey, orgUnitId: school.units.class });
  return { id: started.body.id, caseKey: student.caseKey, studentId: student.id };
}

/** `role` takes the open task at `elementId` of the case from their inbox and completes it with `data`. */
async function act(
  instanceId: string,
  elementId: string,
  role: Role,
  data: Record<string, unknown>,
): Promise<void> {
  const who = people()[role];
  await complete(stack, who, await taskAt(stack, instanceId, elementId, who), data);
}

/** The class teacher's three monthly check-ins of the low branch, each completed as it opens. */
async function checkInThreeTimes(instanceId: string): Promise<void> {
  for (let month = 1; month <= 3; month += 1) {
    const checkIn = await eventually(async () =>
      (await openTasks(stack, school, instanceId)).find((t) => t.elementId === 'monitoring-check-in'),
    );
    await expectOfferedTo(checkIn, 'classTeacher', people().classTeacher);
    expect(Date.parse(checkIn.dueAt!)).toBeGreaterThan(Date.parse(checkIn.createdAt) + 4 * 24 * HOUR);
    await complete(stack, people().classTeacher, checkIn, FORMS.checkIn);
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The task's due time lies `ms` after it opened (a little slack for the clock of the step). */
function expectDueIn(task: OpenTask, ms: number): void {
  expect(task.dueAt).not.toBeNull();
  const delta = Date.parse(task.dueAt!) - Date.parse(task.createdAt);
  expect(Math.abs(delta - ms)).toBeLessThan(5_000);
}

/** The task is offered to exactly this group, and the group's holder sees it as a candidate. */
async function expectOfferedTo(task: OpenTask, group: string, holder: Person): Promise<void> {
  expect(task.candidateGroups).toEqual([group]);
  const inbox = await api('GET', '/api/tasks?candidate=me&state=open&limit=500', holder);
  expect((inbox.body.items as OpenTask[]).map((t) => t.id)).toContain(task.id);
}

async function publish(
  name: string,
  correlationKey: string,
  variables: Record<string, unknown> = {},
  who?: Person,
) {
  const sent = await api('POST', '/api/messages', who ?? people().psychTeacher, {
    name,
    correlationKey,
    variables,
  });
  expect(sent.status).toBe(200);
  return sent.body as { correlatedInstances: string[] };
}

async function notificationsOf(who: Person, instanceId: string): Promise<{ title: string }[]> {
  const list = await api('GET', '/api/notifications', who);
  return (list.body.items as { title: string; instanceId: string }[]).filter(
    (n) => n.instanceId === instanceId,
  );
}

const elementsOf = async (instanceId: string) =>
  (await callOk(stack.baseUrl, 'GET', `/api/instances/${instanceId}`, school.adminToken)).activeElements.map(
    (e: { elementId: string }) => e.elementId,
  ) as string[];

describe('crisis-care: the imminent branch (R6, R8)', () => {
  it('supervises the student and notifies guardian and principal at once, refers in 2 h and waits for the hospital', async () => {
    const c = await openCase();
    // the psychology teacher assesses within 24 h
    const assess = await taskAt(stack, c.id, 'initial-assessment', people().psychTeacher);
    await expectOfferedTo(assess, 'psychTeacher', people().psychTeacher);
    expectDueIn(assess, 24 * HOUR);
    await complete(stack, people().psychTeacher, assess, assessment('imminent', { guardianInformed: false }));

    // supervision (15 min) and the guardian call (1 h) for the class teacher, a notice to the principal
    const supervise = await taskAt(stack, c.id, 'supervise-student', people().classTeacher);
    await expectOfferedTo(supervise, 'classTeacher', people().classTeacher);
    expectDueIn(supervise, 15 * MINUTE);
    const guardian = await taskAt(stack, c.id, 'notify-guardian', people().classTeacher);
    expectDueIn(guardian, HOUR);
    await eventually(async () =>
      (await notificationsOf(people().principal, c.id)).length > 0 ? true : undefined,
    );
    const notices = await notificationsOf(people().principal, c.id);
    // content-free (R10): the element's title, nothing of the concern
    expect(notices.map((n) => n.title).join()).not.toContain('划痕');

    await complete(stack, people().classTeacher, supervise, FORMS.supervision);
    await complete(stack, people().classTeacher, guardian, FORMS.guardianContact);
    const referral = await taskAt(stack, c.id, 'emergency-referral', people().psychTeacher);
    expectDueIn(referral, 2 * HOUR);
    await complete(stack, people().psychTeacher, referral, FORMS.referral);

    // the hospital's feedback: admitted → waiting for the discharge
    await eventually(async () => ((await elementsOf(c.id)).includes('referral-outcome') ? true : undefined));
    expect(
      (await publish('referral-outcome', c.caseKey, { outcome: 'admitted' })).correlatedInstances,
    ).toEqual([c.id]);
    await eventually(async () => ((await elementsOf(c.id)).includes('await-discharge') ? true : undefined));

    const history = await historyOf(stack, school, c.id);
    const completedBy = (elementId: string) =>
      history.find((e) => e.type === 'task.completed' && e.elementId === elementId)?.actor;
    expect(completedBy('initial-assessment')).toBe(people().psychTeacher.username);
    expect(completedBy('supervise-student')).toBe(people().classTeacher.username);
    expect(completedBy('notify-guardian')).toBe(people().classTeacher.username);
    expect(completedBy('emergency-referral')).toBe(people().psychTeacher.username);
    expect(history).toContainEqual(
      expect.objectContaining({ type: 'message.correlated', elementId: 'referral-outcome' }),
    );
    expect(history).toContainEqual(
      expect.objectContaining({ type: 'job.completed', elementId: 'notify-principal' }),
    );
  });
});

describe('crisis-care: the high branch (R5, R6)', () => {
  it('meets the guardian, refers, reminds weekly until the hospital answers, and visits the home', async () => {
    const c = await openCase({ deadlines: { referralReminder: 'PT3S' } });
    const assess = await taskAt(stack, c.id, 'initial-assessment', people().psychTeacher);
    await complete(stack, people().psychTeacher, assess, assessment('high', { guardianInformed: true }));

    const guardian = await taskAt(stack, c.id, 'notify-guardian', people().classTeacher);
    await expectOfferedTo(guardian, 'classTeacher', people().classTeacher);
    await complete(stack, people().classTeacher, guardian, FORMS.guardianContact);
    const meeting = await taskAt(stack, c.id, 'guardian-meeting', people().psychTeacher);
    expect(Date.parse(meeting.dueAt!)).toBeGreaterThan(Date.parse(meeting.createdAt) + 2 * 24 * HOUR);
    await complete(stack, people().psychTeacher, meeting, FORMS.guardianMeeting);

    // referral (5 school days) and the home visit (20 school days) in parallel
    const referral = await taskAt(stack, c.id, 'referral', people().psychTeacher);
    const visit = await taskAt(stack, c.id, 'home-visit', people().classTeacher);
    expect(Date.parse(visit.dueAt!)).toBeGreaterThan(Date.parse(referral.dueAt!));
    await complete(stack, people().psychTeacher, referral, FORMS.referral);

    // no answer from the hospital: the reminder opens a follow-up for the psychology teacher
    const followUp = await taskAt(stack, c.id, 'referral-follow-up', people().psychTeacher, 60_000);
    await expectOfferedTo(followUp, 'psychTeacher', people().psychTeacher);
    await complete(stack, people().psychTeacher, followUp, FORMS.referralFollowUp);

    // the hospital answers: outpatient care → reassessment
    expect(
      (await publish('referral-outcome', c.caseKey, { outcome: 'outpatient' })).correlatedInstances,
    ).toEqual([c.id]);
    const reassessment = await taskAt(stack, c.id, 'reassessment', people().psychTeacher);
    await expectOfferedTo(reassessment, 'psychTeacher', people().psychTeacher);
    await complete(stack, people().classTeacher, visit, FORMS.homeVisit);

    const history = await historyOf(stack, school, c.id);
    expect(
      history.filter((e) => e.type === 'timer.fired' && e.elementId === 'referral-reminder').length,
    ).toBeGreaterThan(0);
    expect(history).toContainEqual(
      expect.objectContaining({
        type: 'task.completed',
        elementId: 'home-visit',
        actor: people().classTeacher.username,
      }),
    );
  });
});

describe('crisis-care: the moderate branch (R4, R5)', () => {
  it('writes a support plan, holds the sessions one after another, visits the home and reassesses to low', async () => {
    const c = await openCase();
    await act(c.id, 'initial-assessment', 'psychTeacher', assessment('moderate'));
    const plan = await taskAt(stack, c.id, 'support-plan', people().psychTeacher);
    await complete(stack, people().psychTeacher, plan, FORMS.supportPlan);

    // two weekly sessions, in sequence, each due 7 days after it opens; the home visit meanwhile
    const visit = await taskAt(stack, c.id, 'home-visit', people().classTeacher);
    const held: string[] = [];
    for (let session = 1; session <= 2; session += 1) {
      // one session open at a time (sequential), each a new task
      const open = await eventually(async () => {
        const tasks = (await openTasks(stack, school, c.id)).filter(
          (t) => t.elementId === 'counselling-session',
        );
        return tasks.length === 1 && !held.includes(tasks[0]!.id) ? tasks[0] : undefined;
      });
      expectDueIn(open, 7 * 24 * HOUR);
      await complete(stack, people().psychTeacher, open, FORMS.session);
      held.push(open.id);
    }
    await complete(stack, people().classTeacher, visit, FORMS.homeVisit);
    const reassessment = await taskAt(stack, c.id, 'reassessment', people().psychTeacher);
    await complete(stack, people().psychTeacher, reassessment, assessment('low'));
    // low now: the class teacher's monthly monitoring takes over
    await eventually(async () => ((await elementsOf(c.id)).includes('check-in-due') ? true : undefined));

    const instance = await callOk(
      stack.baseUrl,
      'GET',
      `/api/instances/${c.id}`,
      people().psychTeacher.token,
    );
    expect(instance.variables.riskLevel).toBe('low');
    const history = await historyOf(stack, school, c.id);
    expect(
      history.filter((e) => e.type === 'task.completed' && e.elementId === 'counselling-session'),
    ).toHaveLength(2);
  });
});

describe('crisis-care: the low branch (R5)', () => {
  it('has the class teacher check in monthly, three times, then reassesses', async () => {
    const c = await openCase({ deadlines: { checkInInterval: 'PT1S' } });
    await act(c.id, 'initial-assessment', 'psychTeacher', assessment('low'));
    await checkInThreeTimes(c.id);
    await taskAt(stack, c.id, 'reassessment', people().psychTeacher);
    const history = await historyOf(stack, school, c.id);
    expect(
      history.filter((e) => e.type === 'task.completed' && e.elementId === 'monitoring-check-in'),
    ).toHaveLength(3);
    expect(history.filter((e) => e.type === 'timer.fired' && e.elementId === 'check-in-due')).toHaveLength(3);
  });
});

describe('crisis-care: return to school (R7)', () => {
  it('after discharge runs the return, forms the care group, and a relapse sends the case back to reassessment', async () => {
    const c = await openCase({ deadlines: { weeklyFollowUp: 'PT1S', monthlyFollowUp: 'PT1S' } });
    await act(c.id, 'initial-assessment', 'psychTeacher', assessment('imminent'));
    await act(c.id, 'supervise-student', 'classTeacher', FORMS.supervision);
    await act(c.id, 'notify-guardian', 'classTeacher', FORMS.guardianContact);
    await act(c.id, 'emergency-referral', 'psychTeacher', FORMS.referral);
    await eventually(async () => ((await elementsOf(c.id)).includes('referral-outcome') ? true : undefined));
    await publish('referral-outcome', c.caseKey, { outcome: 'admitted' });
    await eventually(async () => ((await elementsOf(c.id)).includes('await-discharge') ? true : undefined));
    await publish('discharged', c.caseKey, { dischargeAdvice: '出院后继续门诊随访' });

    // the return-to-school case runs as the student's, at the class
    const child = await eventually(async () => {
      const list = await callOk(
        stack.baseUrl,
        'GET',
        '/api/instances?definitionKey=return-to-school&state=active',
        school.adminToken,
      );
      return (list.items as { id: string; parentId: string; studentId: string }[]).find(
        (i) => i.parentId === c.id,
      );
    });
    expect(child.studentId).toBe(c.studentId);
    await act(child.id, 'readiness-assessment', 'psychTeacher', FORMS.readiness);
    const meeting = await taskAt(stack, child.id, 'return-meeting', people().classTeacher);
    await expectOfferedTo(meeting, 'classTeacher', people().classTeacher);
    await complete(stack, people().classTeacher, meeting, FORMS.returnMeeting);
    // the care group: class teacher, psychology teacher and the peer monitor, told content-free
    await eventually(async () =>
      (await notificationsOf(people().peerMonitor, child.id)).length > 0 ? true : undefined,
    );
    const first = await taskAt(stack, child.id, 'follow-up', people().classTeacher);
    await complete(stack, people().classTeacher, first, FORMS.followUp(false));
    const second = await eventually(async () =>
      (await openTasks(stack, school, child.id)).find(
        (t) => t.elementId === 'follow-up' && t.id !== first.id,
      ),
    );
    // a relapse at the second follow-up
    await complete(stack, people().classTeacher, second, FORMS.followUp(true));
    const reassessment = await taskAt(stack, c.id, 'reassessment', people().psychTeacher);
    await expectOfferedTo(reassessment, 'psychTeacher', people().psychTeacher);
    const childHistory = await historyOf(stack, school, child.id);
    expect(childHistory).toContainEqual(
      expect.objectContaining({ type: 'job.completed', elementId: 'form-care-group' }),
    );
    const history = await historyOf(stack, school, c.id);
    expect(history).toContainEqual(expect.objectContaining({ type: 'error.thrown' }));
  });
});

describe('crisis-care: closure, seal and purge (R10)', () => {
  it('seals the file once the principal approves, and purges it after the retention period, the chain still verifying', async () => {
    const c = await openCase({ retentionPeriod: 'PT4S', deadlines: { checkInInterval: 'PT1S' } });
    await act(c.id, 'initial-assessment', 'psychTeacher', assessment('low'));
    await checkInThreeTimes(c.id);
    const reassessment = await taskAt(stack, c.id, 'reassessment', people().psychTeacher);
    await complete(stack, people().psychTeacher, reassessment, assessment('low', { recommendClosure: true }));
    const closure = await taskAt(stack, c.id, 'closure-review', people().principal);
    await expectOfferedTo(closure, 'principal', people().principal);
    await complete(stack, people().principal, closure, FORMS.closure);

    // sealed: reads need a reason
    const sealed = await eventually(async () => {
      const read = await api('GET', `/api/instances/${c.id}`, people().principal);
      return read.status === 403 ? read : undefined;
    });
    expect(sealed.contentType).toContain('application/problem+json');
    const withReason = await api(
      'GET',
      `/api/instances/${c.id}?reason=${encodeURIComponent('区教育局倒查')}`,
      people().principal,
    );
    expect(withReason.status).toBe(200);

    // purged after the retention period: content gone, the minimal record and the chain remain
    const purged = await eventually(async () => {
      const read = await api(
        'GET',
        `/api/instances/${c.id}?reason=${encodeURIComponent('复核')}`,
        people().principal,
      );
      // purged, and the case's workflow at its end event after the purge
      return read.body.purgedAt && read.body.state === 'completed' ? read.body : undefined;
    }, 60_000);
    expect(purged.variables).toBeNull();
    expect(purged.state).toBe('completed');
    const verify = await callOk(
      stack.baseUrl,
      'GET',
      `/api/instances/${c.id}/history/verify`,
      people().districtSupervisor.token,
    );
    expect(verify.valid).toBe(true);
    const history = await callOk(
      stack.baseUrl,
      'GET',
      `/api/instances/${c.id}/history?limit=500&reason=${encodeURIComponent('复核')}`,
      people().districtSupervisor.token,
    );
    expect(history.items).toContainEqual(
      expect.objectContaining({
        type: 'task.completed',
        elementId: 'closure-review',
        actor: people().principal.username,
      }),
    );
  });
});

describe('crisis-care: an acute crisis in the middle of the moderate branch (R8)', () => {
  it('cancels the open work, brings in the principal and the guardian within 15 minutes, and continues as imminent', async () => {
    const c = await openCase();
    await act(c.id, 'initial-assessment', 'psychTeacher', assessment('moderate'));
    await act(c.id, 'support-plan', 'psychTeacher', FORMS.supportPlan);
    const session = await taskAt(stack, c.id, 'counselling-session', people().psychTeacher);

    // a class teacher reports an acute crisis for the student
    const sent = await publish('acute-crisis', c.caseKey, {}, people().classTeacher);
    expect(sent.correlatedInstances).toEqual([c.id]);

    const emergency = await taskAt(stack, c.id, 'emergency-response', people().principal);
    await expectOfferedTo(emergency, 'principal', people().principal);
    expectDueIn(emergency, 15 * MINUTE);
    const guardian = await taskAt(stack, c.id, 'notify-guardian', people().classTeacher);
    expectDueIn(guardian, 15 * MINUTE);
    // the session that was open is gone
    expect((await openTasks(stack, school, c.id)).map((t) => t.id)).not.toContain(session.id);
    await complete(stack, people().principal, emergency, FORMS.emergency);
    const instance = await callOk(stack.baseUrl, 'GET', `/api/instances/${c.id}`, people().principal.token);
    expect(instance.variables).toMatchObject({
      riskLevel: 'imminent',
      externalAgencies: ['police', 'medical'],
    });
    // the imminent branch runs: the student is supervised
    await taskAt(stack, c.id, 'supervise-student', people().classTeacher);

    const history = await historyOf(stack, school, c.id);
    expect(history).toContainEqual(
      expect.objectContaining({ type: 'message.correlated', elementId: 'acute-crisis-reported' }),
    );
    expect(history).toContainEqual(
      expect.objectContaining({ type: 'element.terminated', elementId: 'counselling-session' }),
    );
  });

  it('opens a case at the imminent branch for a student without one', async () => {
    const student = await registerStudent(stack, school);
    const sent = await publish('acute-crisis', student.caseKey, {}, people().classTeacher);
    expect(sent.correlatedInstances).toHaveLength(1);
    const [id] = sent.correlatedInstances;
    const instance = await callOk(stack.baseUrl, 'GET', `/api/instances/${id}`, people().principal.token);
    expect(instance).toMatchObject({
      definitionKey: 'crisis-care',
      studentId: student.id,
      businessKey: student.caseKey,
    });
    await taskAt(stack, id!, 'emergency-response', people().principal);
    await taskAt(stack, id!, 'supervise-student', people().classTeacher);
  });
});

describe('crisis-care: a late assessment escalates twice (R2)', () => {
  it('reaches the principal, then the district supervisor, each with a notice, and the escalation closes when the assessment is done', async () => {
    const c = await openCase({ deadlines: { initialAssessment: 'PT3S', escalatedAssessment: 'PT3S' } });
    const assess = await taskAt(stack, c.id, 'initial-assessment', people().psychTeacher);
    expectDueIn(assess, 3_000);

    const escalated = await taskAt(stack, c.id, 'escalated-assessment', people().principal, 60_000);
    await expectOfferedTo(escalated, 'principal', people().principal);
    expectDueIn(escalated, 3_000);
    expect((await notificationsOf(people().principal, c.id)).length).toBeGreaterThan(0);

    const supervisor = await taskAt(
      stack,
      c.id,
      'supervisor-escalation',
      people().districtSupervisor,
      60_000,
    );
    await expectOfferedTo(supervisor, 'districtSupervisor', people().districtSupervisor);
    await eventually(async () =>
      (await notificationsOf(people().districtSupervisor, c.id)).length > 0 ? true : undefined,
    );

    // the assessment done at last: the escalations still open close with it
    await complete(stack, people().psychTeacher, assess, assessment('low'));
    await eventually(async () => {
      const open = (await openTasks(stack, school, c.id)).map((t) => t.elementId);
      return !open.includes('escalated-assessment') && !open.includes('supervisor-escalation')
        ? open
        : undefined;
    });
    const history = await historyOf(stack, school, c.id);
    expect(history.filter((e) => e.type === 'timer.fired').map((e) => e.elementId)).toEqual(
      expect.arrayContaining(['assessment-overdue', 'escalation-overdue']),
    );
  });
});

describe('crisis-care: deadlines in school days (R12)', () => {
  it('counts "3 school days" across a holiday in the school calendar', async () => {
    // given a school calendar with the next two weekdays off
    const today = shanghaiDate(new Date());
    const holidays = nextWeekdays(today, 2);
    const year = Number(today.slice(0, 4));
    const put = await api('PUT', `/api/org-units/${school.units.school}/calendar`, people().principal, {
      terms: [{ name: '本学年', start: `${year - 1}-09-01`, end: `${year + 1}-07-15` }],
      holidays,
      workdays: [],
    });
    expect([put.status, put.body.detail]).toEqual([200, undefined]);
    const c = await openCase();
    await act(c.id, 'initial-assessment', 'psychTeacher', assessment('high'));
    await act(c.id, 'notify-guardian', 'classTeacher', FORMS.guardianContact);
    // when the guardian meeting opens (due in 3 school days)
    const meeting = await taskAt(stack, c.id, 'guardian-meeting', people().psychTeacher);
    // then it ends at the end of the third school day after today, skipping the holidays
    const opened = shanghaiDate(new Date(meeting.createdAt));
    const expected = addWeekdays(opened, 3, new Set([...holidays, ...NATIONAL_DAYS_OFF]));
    expect(meeting.dueAt).toBe(new Date(`${expected}T23:59:59+08:00`).toISOString());
  });
});

// Days off of the national calendar near the test's dates (State Council notices; none in December 2026).
const NATIONAL_DAYS_OFF: string[] = [];

function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 10);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
}

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

function nextWeekdays(from: string, count: number): string[] {
  const days: string[] = [];
  for (let d = nextDay(from); days.length < count; d = nextDay(d)) if (isWeekday(d)) days.push(d);
  return days;
}

function addWeekdays(from: string, n: number, off: Set<string>): string {
  let d = from;
  for (let counted = 0; counted < n;) {
    d = nextDay(d);
    if (isWeekday(d) && !off.has(d)) counted += 1;
  }
  return d;
}
