import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileProcess, type ProcessModel } from '../../libs/bpmn/src';
import type { Command, JobSpec, Step, UserTaskSpec } from '../../libs/engine/src';
import { Scenario } from '../../libs/engine/src/testing';

/**
 * The routes of the shipped pathway (docs/pathway.md), driven step by step through the engine
 * itself (no Temporal: the same pure steps the workflow takes), so each branch of PATHWAY.md is
 * shown to do what the contract says: the escalation chain and its closing, the four risk
 * branches, the referral's outcome, the return to school and its relapse, an acute crisis at any
 * stage, a new observation, a home-visit campaign, closure, sealing and purging. Every case gets
 * a short deadline for every key, so no school-day calendar is needed here (those standards are
 * the calendar's own tests); the standard deadlines are checked in shipped-pathway.int-spec.ts.
 */
const PROCESSES = join(__dirname, '..', '..', 'processes');
const NOW = '2026-03-02T00:00:00.000Z';
const models = new Map<string, ProcessModel>();

/** Every `deadlines` key the shipped diagrams read, each set to one minute. */
const DEADLINES: Record<string, string> = {};

beforeAll(async () => {
  for (const key of [
    'crisis-care',
    'return-to-school',
    'screening-campaign',
    'monthly-report',
    'home-visit-campaign',
  ]) {
    const xml = readFileSync(join(PROCESSES, `${key}.bpmn`), 'utf8');
    for (const match of xml.matchAll(/deadlines\.([A-Za-z]+)/g)) DEADLINES[match[1]!] = 'PT1M';
    const result = await compileProcess(xml);
    if (!result.ok) throw new Error(`${key}: ${result.errors.map((e) => e.message).join('; ')}`);
    models.set(key, result.model);
  }
});

const deadlinesWithout = (...keys: string[]) =>
  Object.fromEntries(Object.entries(DEADLINES).filter(([key]) => !keys.includes(key)));

function scenario(key: string): Scenario {
  return new Scenario(models.get(key)!, NOW);
}

const commands = (s: Scenario): Command[] => s.steps.flatMap((step: Step) => step.commands);

/** The spec a task was opened with (its candidates and due time). */
function taskSpec(s: Scenario, elementId: string): UserTaskSpec {
  const taskId = s.taskId(elementId);
  const opened = commands(s).find((c) => c.type === 'openUserTask' && c.task.taskId === taskId);
  if (opened?.type !== 'openUserTask') throw new Error(`${elementId} was not opened`);
  return opened.task;
}

function jobSpec(s: Scenario, elementId: string): JobSpec {
  const jobId = s.jobId(elementId);
  const started = commands(s).find((c) => c.type === 'startJob' && c.job.jobId === jobId);
  if (started?.type !== 'startJob') throw new Error(`${elementId} was not started`);
  return started.job;
}

const openTasks = (s: Scenario) =>
  Object.values(s.state.tasks)
    .map((t) => t.elementId)
    .sort();
const openJobs = (s: Scenario) =>
  Object.values(s.state.jobs)
    .map((j) => j.elementId)
    .sort();
const noIncidents = (s: Scenario) => expect(Object.values(s.state.incidents)).toEqual([]);
const plusMinutes = (minutes: number, from = NOW) =>
  new Date(Date.parse(from) + minutes * 60_000).toISOString();
const sameInstant = (value: string | undefined) =>
  value === undefined ? value : new Date(value).toISOString();

const NOTES = '与学生面谈四十分钟，情绪低落。';

describe('crisis-care routes', () => {
  it('escalates an overdue assessment to the principal and the district supervisor, and closes both when it is done', () => {
    const s = scenario('crisis-care');
    s.start({ caseKey: 'S01-0001', source: 'teacher', concern: '多次提到不想活了', deadlines: DEADLINES });
    expect(openTasks(s)).toEqual(['initial-assessment']);
    expect(taskSpec(s, 'initial-assessment')).toMatchObject({
      candidateGroups: ['psychTeacher'],
      formId: 'risk-assessment',
    });
    expect(sameInstant(taskSpec(s, 'initial-assessment').dueAt)).toBe(plusMinutes(1));

    // the assessment is late: the principal is told and gets a task, due in its own time
    s.fireTimer('assessment-overdue');
    expect(jobSpec(s, 'notify-assessment-overdue')).toMatchObject({
      jobType: 'notify',
      headers: { recipients: 'principal' },
    });
    s.completeJob('notify-assessment-overdue');
    expect(openTasks(s)).toEqual(['escalated-assessment', 'initial-assessment']);
    expect(taskSpec(s, 'escalated-assessment').candidateGroups).toEqual(['principal']);

    // the principal is late too: the district supervisor
    s.fireTimer('escalation-overdue');
    expect(jobSpec(s, 'notify-supervisor-overdue').headers).toMatchObject({
      recipients: 'districtSupervisor',
    });
    s.completeJob('notify-supervisor-overdue');
    expect(openTasks(s)).toEqual(['escalated-assessment', 'initial-assessment', 'supervisor-escalation']);
    expect(taskSpec(s, 'supervisor-escalation').candidateGroups).toEqual(['districtSupervisor']);

    // the assessment is done: the escalation tasks close, the imminent branch opens
    s.completeTask('initial-assessment', { riskLevel: 'imminent', assessmentNotes: NOTES });
    expect(openTasks(s)).toEqual(['notify-guardian', 'supervise-student']);
    expect(openJobs(s)).toEqual(['notify-principal']);
    expect(Object.values(s.state.timers).map((t) => t.elementId)).toEqual([]);
    expect(jobSpec(s, 'notify-principal').headers).toMatchObject({ recipients: 'principal' });
    expect(taskSpec(s, 'supervise-student').candidateGroups).toEqual(['classTeacher']);
    noIncidents(s);
  });

  it('takes the imminent branch to an emergency referral, waits for the outcome with weekly reminders, and returns to school after discharge', () => {
    const s = scenario('crisis-care');
    s.start({ caseKey: 'S01-0002', deadlines: deadlinesWithout('notifyGuardian') });
    s.completeTask('initial-assessment', { riskLevel: 'imminent', assessmentNotes: NOTES });
    // imminent without an acute crisis: one hour to reach the guardian, no emergency response
    expect(sameInstant(taskSpec(s, 'notify-guardian').dueAt)).toBe(plusMinutes(60, s.ctx.now));
    s.completeJob('notify-principal');
    s.completeTask('supervise-student', {
      supervisedBy: '王老师',
      studentWhereabouts: 'counsellingRoom',
      supervisionNotes: NOTES,
    });
    expect(openTasks(s)).toEqual(['notify-guardian']);
    s.completeTask('notify-guardian', { guardianReached: true, contactMethod: 'phone', contactNotes: NOTES });
    expect(openTasks(s)).toEqual(['emergency-referral']);
    s.completeTask('emergency-referral', {
      hospital: '市精神卫生中心',
      referralDate: '2026-03-02',
      escortedBy: 'guardian',
    });

    // a week without news: a follow-up for the psychology teacher, the wait goes on
    s.fireTimer('referral-reminder');
    expect(openTasks(s)).toEqual(['referral-follow-up']);
    s.completeTask('referral-follow-up', { contacted: 'family', followUpNotes: NOTES });
    expect(Object.values(s.state.subscriptions).map((sub) => sub.elementId)).toContain('referral-outcome');

    s.correlate('referral-outcome', 'S01-0002', { outcome: 'admitted' });
    expect(Object.values(s.state.subscriptions).map((sub) => sub.elementId)).toContain('await-discharge');
    s.correlate('discharged', 'S01-0002');
    const child = commands(s).find((c) => c.type === 'startChild');
    expect(child?.type === 'startChild' && [child.child.processId, child.child.variables.caseKey]).toEqual([
      'return-to-school',
      'S01-0002',
    ]);
    expect(child?.type === 'startChild' && child.child.catches.codes).toContain('relapse');
    // the child case gets what it needs, not the parent's notes (each case file keeps its own)
    expect(child?.type === 'startChild' && Object.keys(child.child.variables).sort()).toEqual([
      'caseKey',
      'deadlines',
    ]);

    // a relapse in the return to school: reassessment
    s.throwChildError('return-to-school', 'relapse');
    expect(openTasks(s)).toEqual(['reassessment']);
    noIncidents(s);
  });

  it('takes the high branch: guardian within a school day, meeting, referral and a home visit at once', () => {
    const s = scenario('crisis-care');
    s.start({ caseKey: 'S01-0003', deadlines: DEADLINES });
    s.completeTask('initial-assessment', { riskLevel: 'high', assessmentNotes: NOTES });
    expect(openTasks(s)).toEqual(['notify-guardian']);
    s.completeTask('notify-guardian', { guardianReached: true, contactMethod: 'phone', contactNotes: NOTES });
    expect(openTasks(s)).toEqual(['guardian-meeting']);
    s.completeTask('guardian-meeting', {
      meetingDate: '2026-03-03',
      attendees: '母亲',
      planAgreed: true,
      meetingNotes: NOTES,
    });
    expect(openTasks(s)).toEqual(['home-visit', 'referral']);
    expect(taskSpec(s, 'home-visit').candidateGroups).toEqual(['classTeacher']);
    s.completeTask('referral', {
      hospital: '市精神卫生中心',
      referralDate: '2026-03-04',
      escortedBy: 'guardian',
    });
    // outpatient care: back to reassessment, the home visit still open
    s.correlate('referral-outcome', 'S01-0003', { outcome: 'outpatient' });
    expect(openTasks(s)).toEqual(['home-visit', 'reassessment']);
    noIncidents(s);
  });

  it('takes the moderate branch: support plan, then the planned weekly sessions one after another, and a home visit', () => {
    const s = scenario('crisis-care');
    s.start({ caseKey: 'S01-0004', deadlines: DEADLINES });
    s.completeTask('initial-assessment', { riskLevel: 'moderate', assessmentNotes: NOTES });
    expect(openTasks(s)).toEqual(['support-plan']);
    s.completeTask('support-plan', {
      supportPlan: '每周一次个体辅导，班主任每日关注，家长配合作息调整。',
      sessionCount: 2,
    });
    expect(openTasks(s)).toEqual(['counselling-session', 'home-visit']);
    expect(taskSpec(s, 'counselling-session').localVariables).toMatchObject({ sessionNumber: 1 });
    s.completeTask('counselling-session', { attended: true, riskTrend: 'stable', sessionNotes: NOTES });
    expect(taskSpec(s, 'counselling-session').localVariables).toMatchObject({ sessionNumber: 2 });
    s.completeTask('counselling-session', { attended: true, riskTrend: 'improved', sessionNotes: NOTES });
    expect(openTasks(s)).toEqual(['home-visit', 'reassessment']);
    noIncidents(s);
  });

  it('takes the low branch: monthly check-ins that end early on a concern, then reassessment and closure', () => {
    const s = scenario('crisis-care');
    s.start({ caseKey: 'S01-0005', deadlines: DEADLINES, retentionPeriod: 'PT2S' });
    s.completeTask('initial-assessment', { riskLevel: 'low', assessmentNotes: NOTES });
    expect(openTasks(s)).toEqual([]);
    s.fireTimer('check-in-due');
    expect(taskSpec(s, 'monitoring-check-in').candidateGroups).toEqual(['classTeacher']);
    s.completeTask('monitoring-check-in', { concernRaised: false, checkInNotes: NOTES });
    s.fireTimer('check-in-due');
    s.completeTask('monitoring-check-in', { concernRaised: true, checkInNotes: NOTES });
    // the concern ends the monitoring before the third month
    expect(openTasks(s)).toEqual(['reassessment']);
    expect(taskSpec(s, 'reassessment').localVariables).toMatchObject({ reassessing: true });

    // recommended closure, sent back once, then approved
    s.completeTask('reassessment', { riskLevel: 'low', assessmentNotes: NOTES, recommendClosure: true });
    expect(taskSpec(s, 'closure-review').candidateGroups).toEqual(['principal']);
    s.completeTask('closure-review', { approved: false, closureComments: '请再观察一个月' });
    expect(openTasks(s)).toEqual(['reassessment']);
    s.completeTask('reassessment', { riskLevel: 'low', assessmentNotes: NOTES, recommendClosure: true });
    s.completeTask('closure-review', { approved: true, closureComments: '同意结案' });
    expect(openJobs(s)).toEqual(['seal-file']);
    expect(Object.values(s.state.subscriptions)).toEqual([]);
    s.completeJob('seal-file');
    const retention = Object.values(s.state.timers)[0]!;
    expect([retention.elementId, retention.dueAt]).toEqual([
      'retention',
      new Date(Date.parse(s.ctx.now) + 2000).toISOString(),
    ]);
    s.fireTimer('retention');
    expect(openJobs(s)).toEqual(['purge-file']);
    s.completeJob('purge-file');
    expect(s.state.status).toBe('completed');
    noIncidents(s);
  });

  it('takes a reassessment without closure back to the branch of its new risk level', () => {
    const s = scenario('crisis-care');
    s.start({ caseKey: 'S01-0006', deadlines: DEADLINES });
    s.completeTask('initial-assessment', { riskLevel: 'low', assessmentNotes: NOTES });
    s.fireTimer('check-in-due');
    s.completeTask('monitoring-check-in', { concernRaised: true, checkInNotes: NOTES });
    s.completeTask('reassessment', {
      riskLevel: 'moderate',
      assessmentNotes: NOTES,
      recommendClosure: false,
    });
    expect(openTasks(s)).toEqual(['support-plan']);
    noIncidents(s);
  });

  it('cancels any stage on an acute crisis, the return to school included, and opens the emergency response on the imminent branch', () => {
    const s = scenario('crisis-care');
    s.start({ caseKey: 'S01-0007', deadlines: deadlinesWithout('emergencyResponse') });
    s.completeTask('initial-assessment', { riskLevel: 'high', assessmentNotes: NOTES });
    s.completeTask('notify-guardian', { guardianReached: true, contactMethod: 'phone', contactNotes: NOTES });
    s.completeTask('guardian-meeting', {
      meetingDate: '2026-03-03',
      attendees: '母亲',
      planAgreed: true,
      meetingNotes: NOTES,
    });
    s.completeTask('referral', {
      hospital: '市精神卫生中心',
      referralDate: '2026-03-04',
      escortedBy: 'guardian',
    });
    s.correlate('referral-outcome', 'S01-0007', { outcome: 'admitted' });
    s.correlate('discharged', 'S01-0007');
    expect(Object.values(s.state.children).map((c) => c.elementId)).toEqual(['return-to-school']);

    s.correlate('acute-crisis', 'S01-0007');
    // the child case and the open home visit are cancelled
    expect(commands(s).some((c) => c.type === 'cancelChild')).toBe(true);
    expect(Object.values(s.state.children)).toEqual([]);
    expect(openJobs(s)).toEqual(['crisis-alert']);
    expect(jobSpec(s, 'crisis-alert').headers).toMatchObject({ recipients: 'psychTeacher,classTeacher' });
    s.completeJob('crisis-alert');
    const now = s.ctx.now;
    expect(openTasks(s)).toEqual(['emergency-response', 'notify-guardian', 'supervise-student']);
    expect(openJobs(s)).toEqual(['notify-principal']);
    expect(taskSpec(s, 'emergency-response').candidateGroups).toEqual(['principal']);
    expect(sameInstant(taskSpec(s, 'emergency-response').dueAt)).toBe(plusMinutes(15, now));
    // the case's own key wins over the crisis's 15 minutes (which the message start below shows)
    expect(sameInstant(taskSpec(s, 'notify-guardian').dueAt)).toBe(plusMinutes(1, now));
    s.completeTask('emergency-response', { externalAgencies: ['police', 'medical'], responseNotes: NOTES });
    s.completeTask('supervise-student', {
      supervisedBy: '李老师',
      studentWhereabouts: 'hospital',
      supervisionNotes: NOTES,
    });
    s.completeTask('notify-guardian', { guardianReached: true, contactMethod: 'phone', contactNotes: NOTES });
    s.completeJob('notify-principal');
    expect(openTasks(s)).toEqual(['emergency-referral']);
    expect(s.state.instances[s.state.rootId]).toBeDefined();
    noIncidents(s);
  });

  it('starts a case at the imminent branch from an acute-crisis message for a student without one', () => {
    const s = scenario('crisis-care');
    s.start(
      { caseKey: 'S01-0008', deadlines: deadlinesWithout('notifyGuardian') },
      { startEventId: 'acute-crisis-start' },
    );
    expect(openTasks(s)).toEqual(['emergency-response', 'notify-guardian', 'supervise-student']);
    expect(sameInstant(taskSpec(s, 'notify-guardian').dueAt)).toBe(plusMinutes(15));
    noIncidents(s);
  });

  it('opens a review for each new observation without stopping the work in hand', () => {
    const s = scenario('crisis-care');
    s.start({ caseKey: 'S01-0009', deadlines: DEADLINES });
    s.correlate('observation', 'S01-0009', { observation: '同学反映其在课间独自哭泣' });
    expect(jobSpec(s, 'notify-observation').headers).toMatchObject({ recipients: 'psychTeacher' });
    s.completeJob('notify-observation');
    expect(openTasks(s)).toEqual(['initial-assessment', 'review-observation']);
    expect(taskSpec(s, 'review-observation').candidateGroups).toEqual(['psychTeacher']);
    // and again for the next one
    s.correlate('observation', 'S01-0009', { observation: '家长来电说其夜间失眠' });
    s.completeJob('notify-observation');
    expect(openTasks(s)).toEqual(['initial-assessment', 'review-observation', 'review-observation']);
    noIncidents(s);
  });

  it("gives the class teacher a home visit due at the campaign's deadline when the school's campaign signals", () => {
    const s = scenario('crisis-care');
    s.start({ caseKey: 'S01-0010', deadlines: deadlinesWithout('campaignHomeVisit') });
    s.signal('home-visit-due', { visitDueBy: '2026-03-30T10:00:00Z' });
    expect(taskSpec(s, 'campaign-home-visit')).toMatchObject({
      candidateGroups: ['classTeacher'],
      formId: 'home-visit',
    });
    expect(sameInstant(taskSpec(s, 'campaign-home-visit').dueAt)).toBe('2026-03-30T10:00:00.000Z');
    expect(openTasks(s)).toEqual(['campaign-home-visit', 'initial-assessment']);
    noIncidents(s);
  });
});

describe('return-to-school routes', () => {
  const start = (s: Scenario) =>
    s.start(
      { caseKey: 'S01-0100', deadlines: { ...DEADLINES, weeklyFollowUp: 'PT1S', monthlyFollowUp: 'PT2S' } },
      {
        parentCatches: { codes: ['relapse'], all: false },
      },
    );

  it('rechecks readiness a week later, meets, forms the care group, follows up 4 + 3 times and reviews', () => {
    const s = scenario('return-to-school');
    start(s);
    s.completeTask('readiness-assessment', { ready: false, readinessNotes: NOTES });
    expect(Object.values(s.state.timers).map((t) => t.elementId)).toEqual(['readiness-recheck']);
    s.fireTimer('readiness-recheck');
    s.completeTask('readiness-assessment', { ready: true, readinessNotes: NOTES });
    expect(taskSpec(s, 'return-meeting').candidateGroups).toEqual(['classTeacher']);
    s.completeTask('return-meeting', {
      meetingDate: '2026-03-05',
      guardianAttended: true,
      medicationGuidance: '无',
      meetingNotes: NOTES,
    });
    expect(jobSpec(s, 'form-care-group')).toMatchObject({ jobType: 'assign-care-group' });
    s.completeJob('form-care-group', { careGroup: ['t1', 't2'] });
    const intervals: number[] = [];
    for (let visit = 0; visit < 7; visit += 1) {
      const timer = Object.values(s.state.timers)[0]!;
      intervals.push(Date.parse(timer.dueAt) - Date.parse(s.ctx.now));
      s.fireTimer('follow-up-due');
      s.completeTask('follow-up', { relapse: false, medicationAdherence: 'regular', followUpNotes: NOTES });
    }
    expect(intervals).toEqual([1000, 1000, 1000, 1000, 2000, 2000, 2000]);
    expect(taskSpec(s, 'return-review').candidateGroups).toEqual(['psychTeacher']);
    s.completeTask('return-review', { returnOutcome: 'stable', reviewNotes: NOTES });
    expect(s.state.status).toBe('completed');
    noIncidents(s);
  });

  it('ends with the BPMN error relapse for the calling case at a follow-up that reports one', () => {
    const s = scenario('return-to-school');
    start(s);
    s.completeTask('readiness-assessment', { ready: true, readinessNotes: NOTES });
    s.completeTask('return-meeting', {
      meetingDate: '2026-03-05',
      guardianAttended: true,
      medicationGuidance: '无',
      meetingNotes: NOTES,
    });
    s.completeJob('form-care-group');
    s.fireTimer('follow-up-due');
    s.completeTask('follow-up', { relapse: false, medicationAdherence: 'regular', followUpNotes: NOTES });
    s.fireTimer('follow-up-due');
    s.completeTask('follow-up', { relapse: true, medicationAdherence: 'stopped', followUpNotes: NOTES });
    expect(commands(s).filter((c) => c.type === 'throwToParent')).toEqual([
      expect.objectContaining({ errorCode: 'relapse' }),
    ]);
    noIncidents(s);
  });
});

describe('campaign routes', () => {
  it('screening: one review per flagged student; a confirmed one opens their crisis-care case', () => {
    const s = scenario('screening-campaign');
    s.start({
      flaggedStudents: [
        { studentId: 'stu-1', studentNo: '0001', instrument: 'phq-9', score: 21 },
        { studentId: 'stu-2', studentNo: '0002', instrument: 'phq-9', score: 16 },
      ],
      deadlines: DEADLINES,
    });
    expect(openTasks(s)).toEqual(['review-screening', 'review-screening']);
    const [first, second] = Object.values(s.state.tasks);
    s.completeTask(first!.taskId, { confirmed: true, reviewNotes: '面谈确认存在自伤想法' });
    const job = jobSpec(s, 'open-crisis-case');
    expect(job).toMatchObject({ jobType: 'start-case', headers: { process: 'crisis-care', at: 'student' } });
    expect(job.variables).toMatchObject({
      studentId: 'stu-1',
      caseVariables: {
        source: 'screening',
        concern: '筛查复核确认需要关注（phq-9 得分 21）',
        deadlines: DEADLINES,
      },
    });
    s.completeTask(second!.taskId, { confirmed: false, reviewNotes: '误答，已排除风险' });
    s.completeJob('open-crisis-case', { startedCases: ['case-1'] });
    expect(s.state.status).toBe('completed');
    noIncidents(s);
  });

  it('monthly report: the schedule starts one case per school; each compiles, is reviewed and reaches the district', () => {
    const schedule = scenario('monthly-report');
    schedule.start({}, { startEventId: 'monthly-schedule' });
    expect(jobSpec(schedule, 'start-school-reports')).toMatchObject({
      jobType: 'start-case',
      headers: { process: 'monthly-report', at: 'schools' },
    });
    schedule.completeJob('start-school-reports', { startedCases: ['a', 'b'] });
    expect(schedule.state.status).toBe('completed');

    const school = scenario('monthly-report');
    school.start({ deadlines: DEADLINES });
    expect(openJobs(school)).toEqual(['compile-report']);
    school.completeJob('compile-report', {
      reportId: 'r1',
      reportMonth: '2026-02',
      reportCounts: { newCases: 3 },
    });
    expect(taskSpec(school, 'review-report').candidateGroups).toEqual(['psychTeacher']);
    school.completeTask('review-report', { dataChecked: true });
    expect(jobSpec(school, 'notify-district').headers).toMatchObject({ recipients: 'districtSupervisor' });
    school.completeJob('notify-district');
    expect(school.state.status).toBe('completed');
    noIncidents(school);
  });

  it("home visits: the campaign signals its deadline to the school's cases and the principal reviews at that deadline", () => {
    const s = scenario('home-visit-campaign');
    s.start({ deadlines: { ...DEADLINES, homeVisitCampaign: 'PT10M' } });
    const broadcast = jobSpec(s, 'request-home-visits');
    expect(broadcast.variables).toEqual({ visitDueBy: expect.any(String) });
    expect(sameInstant(broadcast.variables.visitDueBy as string)).toBe(plusMinutes(10));
    s.completeJob('request-home-visits');
    expect(Object.values(s.state.timers).map((t) => [t.elementId, t.dueAt])).toEqual([
      ['visit-deadline', plusMinutes(10)],
    ]);
    s.fireTimer('visit-deadline');
    expect(taskSpec(s, 'campaign-review').candidateGroups).toEqual(['principal']);
    s.completeTask('campaign-review', { allVisited: true, reviewNotes: '三个班均已按期完成' });
    expect(s.state.status).toBe('completed');
    noIncidents(s);
  });
});
