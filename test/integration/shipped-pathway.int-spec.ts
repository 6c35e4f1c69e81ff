import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileProcess, type DiagramProblem, type ProcessModel } from '../../libs/bpmn/src';
import type { FlowElement } from '../../libs/bpmn/src/workflow';
import { checkFeelSyntax, evaluateFeel } from '../../libs/expressions/src';
import { checkFormSchema, fieldsOf, type FormSchema } from '../../libs/forms/src';
import { shippedForms } from '../../scripts/lib/shipped-processes.mjs';

/**
 * The shipped care pathway (processes/, docs/pathway.md) against its contract
 * (/work/shared/design/PATHWAY.md): every diagram compiles without problems or warnings, every id
 * the contract names is there with the right kind, role, form, message and correlation key,
 * every linked form exists and validates, the sensitive variables are marked so, and every
 * deadline and timer can be shortened per case with its documented `deadlines` key.
 */
const ROOT = join(__dirname, '..', '..');
const PROCESSES = join(ROOT, 'processes');
const SHIPPED = [
  'crisis-care',
  'return-to-school',
  'screening-campaign',
  'monthly-report',
  'home-visit-campaign',
];

/** A shipped form as this test reads it: form-js's schema, with what validation does not read. */
type ShippedComponent = Omit<FormSchema['components'][number], 'values'> & {
  dateLabel?: string;
  properties?: Record<string, string>;
  values?: { label: string; value: string }[];
};
const forms = shippedForms(PROCESSES) as unknown as Record<string, FormSchema>;
const componentOf = (field: { component: unknown }) => field.component as ShippedComponent;
const models = new Map<string, ProcessModel>();
const warnings = new Map<string, DiagramProblem[]>();

beforeAll(async () => {
  for (const file of readdirSync(PROCESSES).filter((name) => name.endsWith('.bpmn'))) {
    const result = await compileProcess(readFileSync(join(PROCESSES, file), 'utf8'));
    if (!result.ok)
      throw new Error(`${file}: ${result.errors.map((e) => `${e.elementId}: ${e.message}`).join('; ')}`);
    models.set(result.model.id, result.model);
    warnings.set(result.model.id, result.warnings);
  }
});

function model(key: string): ProcessModel {
  const found = models.get(key);
  if (!found) throw new Error(`No shipped diagram with the process id '${key}'`);
  return found;
}

function element(key: string, id: string): FlowElement {
  const found = model(key).elements[id];
  if (!found) throw new Error(`${key} has no element '${id}'`);
  return found;
}

function userTasks(key: string) {
  return Object.values(model(key).elements).flatMap((e) => (e.type === 'userTask' ? [e] : []));
}

/** What PATHWAY.md's tables say of a user task: its role, its form, and its standard deadline. */
const USER_TASKS: [process: string, id: string, group: string, form: string][] = [
  ['crisis-care', 'initial-assessment', 'psychTeacher', 'risk-assessment'],
  ['crisis-care', 'escalated-assessment', 'principal', 'escalation'],
  ['crisis-care', 'supervisor-escalation', 'districtSupervisor', 'escalation'],
  ['crisis-care', 'supervise-student', 'classTeacher', 'supervision-record'],
  ['crisis-care', 'notify-guardian', 'classTeacher', 'guardian-contact'],
  ['crisis-care', 'emergency-referral', 'psychTeacher', 'referral'],
  ['crisis-care', 'guardian-meeting', 'psychTeacher', 'guardian-meeting'],
  ['crisis-care', 'referral', 'psychTeacher', 'referral'],
  ['crisis-care', 'referral-follow-up', 'psychTeacher', 'referral-follow-up'],
  ['crisis-care', 'support-plan', 'psychTeacher', 'support-plan'],
  ['crisis-care', 'counselling-session', 'psychTeacher', 'session-note'],
  ['crisis-care', 'home-visit', 'classTeacher', 'home-visit'],
  ['crisis-care', 'monitoring-check-in', 'classTeacher', 'check-in'],
  ['crisis-care', 'reassessment', 'psychTeacher', 'risk-assessment'],
  ['crisis-care', 'closure-review', 'principal', 'closure'],
  ['crisis-care', 'emergency-response', 'principal', 'emergency-response'],
  ['crisis-care', 'review-observation', 'psychTeacher', 'observation-review'],
  ['crisis-care', 'campaign-home-visit', 'classTeacher', 'home-visit'],
  ['return-to-school', 'readiness-assessment', 'psychTeacher', 'readiness-assessment'],
  ['return-to-school', 'return-meeting', 'classTeacher', 'return-meeting'],
  ['return-to-school', 'follow-up', 'classTeacher', 'follow-up'],
  ['return-to-school', 'return-review', 'psychTeacher', 'return-review'],
  ['screening-campaign', 'review-screening', 'psychTeacher', 'screening-review'],
  ['monthly-report', 'review-report', 'psychTeacher', 'monthly-report'],
  ['home-visit-campaign', 'campaign-review', 'principal', 'campaign-review'],
];

/** Each deadline's key in `deadlines` and what it is without one (PATHWAY.md, R12). */
const DEADLINES: [process: string, id: string, key: string, standard: string][] = [
  ['crisis-care', 'initial-assessment', 'initialAssessment', 'now() + duration("PT24H")'],
  ['crisis-care', 'escalated-assessment', 'escalatedAssessment', 'now() + duration("PT2H")'],
  ['crisis-care', 'supervisor-escalation', 'supervisorEscalation', 'add working days(now(), 1)'],
  ['crisis-care', 'supervise-student', 'superviseStudent', 'now() + duration("PT15M")'],
  ['crisis-care', 'emergency-response', 'emergencyResponse', 'now() + duration("PT15M")'],
  ['crisis-care', 'emergency-referral', 'emergencyReferral', 'now() + duration("PT2H")'],
  ['crisis-care', 'guardian-meeting', 'guardianMeeting', 'add school days(now(), 3)'],
  ['crisis-care', 'referral', 'referral', 'add school days(now(), 5)'],
  ['crisis-care', 'referral-follow-up', 'referralFollowUp', 'add school days(now(), 2)'],
  ['crisis-care', 'support-plan', 'supportPlan', 'add school days(now(), 5)'],
  ['crisis-care', 'counselling-session', 'counsellingSession', 'now() + duration("P7D")'],
  ['crisis-care', 'home-visit', 'homeVisit', 'add school days(now(), 20)'],
  ['crisis-care', 'monitoring-check-in', 'monitoringCheckIn', 'add school days(now(), 5)'],
  ['crisis-care', 'reassessment', 'reassessment', 'add school days(now(), 5)'],
  ['crisis-care', 'closure-review', 'closureReview', 'add school days(now(), 10)'],
  ['crisis-care', 'review-observation', 'reviewObservation', 'add school days(now(), 1)'],
  ['return-to-school', 'readiness-assessment', 'readinessAssessment', 'add school days(now(), 3)'],
  ['return-to-school', 'return-meeting', 'returnMeeting', 'add school days(now(), 5)'],
  ['return-to-school', 'follow-up', 'followUp', 'add school days(now(), 2)'],
  ['return-to-school', 'return-review', 'returnReview', 'add school days(now(), 5)'],
  ['screening-campaign', 'review-screening', 'screeningReview', 'add school days(now(), 5)'],
  ['monthly-report', 'review-report', 'reviewReport', 'add school days(now(), 3)'],
  ['home-visit-campaign', 'campaign-review', 'campaignReview', 'add school days(now(), 5)'],
];

const NOW = '2026-03-02T00:00:00.000Z';
const plus = (seconds: number) => new Date(Date.parse(NOW) + seconds * 1000).toISOString();
const sameInstant = (value: unknown) => new Date(String(value)).toISOString();

describe('the shipped pathway diagrams', () => {
  it('are the five of PATHWAY.md (and the intake example), each compiling without a problem or a warning', () => {
    expect([...models.keys()].sort()).toEqual([...SHIPPED, 'concern-intake'].sort());
    for (const key of models.keys()) expect([key, warnings.get(key)]).toEqual([key, []]);
  });

  it.each(USER_TASKS)('%s: %s is a user task for %s with the form %s', (key, id, group, formId) => {
    const task = element(key, id);
    expect(task.type).toBe('userTask');
    if (task.type !== 'userTask') return;
    expect([task.assignment.candidateGroups, task.formId]).toEqual([group, formId]);
  });

  it('offers every user task of every shipped diagram to someone, with a shipped form that validates', () => {
    for (const key of SHIPPED) {
      for (const task of userTasks(key)) {
        expect([key, task.id, task.assignment.candidateGroups]).toEqual([key, task.id, expect.any(String)]);
        const schema = forms[task.formId ?? ''];
        expect([key, task.id, task.formId, schema === undefined]).toEqual([key, task.id, task.formId, false]);
        expect([task.formId, checkFormSchema(schema)]).toEqual([task.formId, []]);
      }
      // every user task is in the table above: a new one must be added to the contract test
      const listed = USER_TASKS.filter(([process]) => process === key).map(([, id]) => id);
      expect(
        userTasks(key)
          .map((task) => task.id)
          .sort(),
      ).toEqual(listed.sort());
    }
  });

  it('validates every shipped form, with Chinese labels, and ships no form nobody links', () => {
    const linked = new Set(SHIPPED.flatMap((key) => userTasks(key).map((task) => task.formId)));
    for (const [formId, schema] of Object.entries(forms)) {
      expect([formId, checkFormSchema(schema)]).toEqual([formId, []]);
      expect([formId, linked.has(formId)]).toEqual([formId, true]);
      for (const field of fieldsOf(schema)) {
        const component = componentOf(field);
        const label = component.label ?? component.dateLabel ?? '';
        expect([formId, component.key, /[\u4e00-\u9fff]/.test(label)]).toEqual([formId, component.key, true]);
      }
    }
  });

  it('marks sensitive what a student or family said: every note field, and the variables PATHWAY.md names', () => {
    const sensitiveKeys = new Set<string>();
    for (const schema of Object.values(forms)) {
      for (const field of fieldsOf(schema)) {
        const component = componentOf(field);
        const sensitive = component.properties?.sensitive === 'true';
        if (sensitive && component.key) sensitiveKeys.add(component.key);
        if (component.type === 'textarea')
          expect([schema.id, component.key, sensitive]).toEqual([schema.id, component.key, true]);
      }
    }
    for (const key of ['assessmentNotes', 'supportPlan', 'observation', 'medicationGuidance', 'reviewNotes'])
      expect([key, sensitiveKeys.has(key)]).toEqual([key, true]);
  });

  it('sets riskLevel with the four levels, required, in the risk assessment', () => {
    const field = fieldsOf(forms['risk-assessment']!).find(
      (candidate) => candidate.component.key === 'riskLevel',
    )!;
    const riskLevel = componentOf(field);
    expect(riskLevel.validate?.required).toBe(true);
    expect(riskLevel.values?.map((option) => option.value).sort()).toEqual([
      'high',
      'imminent',
      'low',
      'moderate',
    ]);
    for (const option of riskLevel.values ?? []) expect(option.label).toMatch(/^[\u4e00-\u9fff]+$/);
  });
});

describe('crisis-care, as PATHWAY.md names it', () => {
  const kindOf = (id: string) => {
    const e = element('crisis-care', id);
    return 'trigger' in e ? `${e.type}:${e.trigger.kind}` : e.type;
  };

  it('escalates an overdue initial assessment to the principal, then the district supervisor, inside one scope', () => {
    const overdue = element('crisis-care', 'assessment-overdue');
    const late = element('crisis-care', 'escalation-overdue');
    expect(overdue).toMatchObject({
      type: 'boundaryEvent',
      attachedToId: 'initial-assessment',
      cancelActivity: false,
    });
    expect(late).toMatchObject({
      type: 'boundaryEvent',
      attachedToId: 'escalated-assessment',
      cancelActivity: false,
    });
    expect([kindOf('assessment-overdue'), kindOf('escalation-overdue')]).toEqual([
      'boundaryEvent:timer',
      'boundaryEvent:timer',
    ]);
    // the assessment's completion ends the scope, closing the escalation tasks still open
    const scope = element('crisis-care', 'initial-assessment').parentId!;
    for (const id of ['escalated-assessment', 'supervisor-escalation', 'assessment-done'])
      expect(element('crisis-care', id).parentId).toBe(scope);
    expect(kindOf('assessment-done')).toBe('endEvent:terminate');
    expect(element('crisis-care', 'notify-assessment-overdue')).toMatchObject({
      jobType: 'notify',
      headers: { recipients: 'principal' },
    });
  });

  it('has the service tasks, messages, call, error and timer of the contract', () => {
    expect(element('crisis-care', 'notify-principal')).toMatchObject({
      type: 'serviceTask',
      jobType: 'notify',
      headers: { recipients: 'principal' },
    });
    expect(element('crisis-care', 'seal-file')).toMatchObject({ type: 'serviceTask', jobType: 'seal-case' });
    expect(element('crisis-care', 'purge-file')).toMatchObject({
      type: 'serviceTask',
      jobType: 'purge-case',
    });
    expect(element('crisis-care', 'retention')).toMatchObject({
      type: 'intermediateCatchEvent',
      trigger: { kind: 'timer', timer: { kind: 'duration' } },
    });
    expect(element('crisis-care', 'referral-outcome')).toMatchObject({
      type: 'intermediateCatchEvent',
      trigger: { kind: 'message', messageName: 'referral-outcome', correlationKey: '=caseKey' },
    });
    expect(element('crisis-care', 'await-discharge')).toMatchObject({
      trigger: { kind: 'message', messageName: 'discharged', correlationKey: '=caseKey' },
    });
    expect(element('crisis-care', 'return-to-school')).toMatchObject({
      type: 'callActivity',
      calledProcessId: 'return-to-school',
    });
    expect(element('crisis-care', 'relapse-caught')).toMatchObject({
      type: 'boundaryEvent',
      attachedToId: 'return-to-school',
      trigger: { kind: 'error', errorCode: 'relapse' },
    });
    expect(element('return-to-school', 'relapse-detected')).toMatchObject({
      trigger: { kind: 'error', errorCode: 'relapse' },
    });
    // the weekly reminder while the referral's outcome is awaited
    const reminder = element('crisis-care', 'referral-reminder');
    expect(reminder).toMatchObject({
      type: 'boundaryEvent',
      cancelActivity: false,
      trigger: { kind: 'timer', timer: { kind: 'cycle' } },
    });
    expect(element('crisis-care', 'referral-outcome').parentId).toBe(
      (reminder as { attachedToId: string }).attachedToId,
    );
    expect(element('crisis-care', 'counselling-session')).toMatchObject({
      multiInstance: { sequential: true },
    });
  });

  it('runs acute-crisis (interrupting) and new-observation (not) as event sub-processes, keyed by caseKey, plus a message start', () => {
    const acute = element('crisis-care', 'acute-crisis');
    const observation = element('crisis-care', 'new-observation');
    expect([acute.type, observation.type]).toEqual(['subProcess', 'subProcess']);
    const startOf = (id: string) =>
      Object.values(model('crisis-care').elements).find((e) => e.parentId === id && e.type === 'startEvent')!;
    expect(startOf('acute-crisis')).toMatchObject({
      interrupting: true,
      trigger: { kind: 'message', messageName: 'acute-crisis', correlationKey: '=caseKey' },
    });
    expect(startOf('new-observation')).toMatchObject({
      interrupting: false,
      trigger: { kind: 'message', messageName: 'observation', correlationKey: '=caseKey' },
    });
    // the whole case until closure is the scope they interrupt, return-to-school included
    expect(acute.parentId).toBe(element('crisis-care', 'return-to-school').parentId);
    expect(acute.parentId).toBe(element('crisis-care', 'closure-review').parentId);
    expect([...model('crisis-care').startEventIds, ...model('crisis-care').triggeredStartEventIds]).toEqual(
      expect.arrayContaining(['case-opened', 'acute-crisis-start']),
    );
    expect(element('crisis-care', 'acute-crisis-start')).toMatchObject({
      trigger: { kind: 'message', messageName: 'acute-crisis' },
    });
  });

  it('starts crisis-care from a confirmed screening and one monthly report per school', () => {
    expect(element('screening-campaign', 'open-crisis-case')).toMatchObject({
      jobType: 'start-case',
      headers: { process: 'crisis-care', at: 'student' },
    });
    expect(element('screening-campaign', 'review-flagged-students')).toMatchObject({
      multiInstance: { inputCollection: '=flaggedStudents', inputElement: 'flaggedStudent' },
    });
    expect(element('monthly-report', 'start-school-reports')).toMatchObject({
      jobType: 'start-case',
      headers: { process: 'monthly-report', at: 'schools' },
    });
    expect(element('monthly-report', 'compile-report')).toMatchObject({ jobType: 'compile-monthly-report' });
    expect(element('monthly-report', 'notify-district')).toMatchObject({
      jobType: 'notify',
      headers: { recipients: 'districtSupervisor' },
    });
    expect(element('return-to-school', 'form-care-group')).toMatchObject({ jobType: 'assign-care-group' });
    // a home-visit campaign reaches its school's cases with a signal, which each case's event sub-process catches
    expect(element('home-visit-campaign', 'request-home-visits')).toMatchObject({
      trigger: { kind: 'signal', signalName: 'home-visit-due' },
    });
    expect(element('crisis-care', 'home-visit-requested')).toMatchObject({
      interrupting: false,
      trigger: { kind: 'signal', signalName: 'home-visit-due' },
    });
  });
});

describe('deadlines (R12): computed once when a task opens, each shortenable with its `deadlines` key', () => {
  it('gives every user task of the pathway a due date in the one pattern, with the key and standard listed', () => {
    for (const key of SHIPPED) {
      for (const task of userTasks(key)) {
        expect([key, task.id, typeof task.dueDate]).toEqual([key, task.id, 'string']);
        expect(checkFeelSyntax(task.dueDate!)).toBeNull();
      }
    }
    for (const [key, id, name, standard] of DEADLINES) {
      const task = element(key, id);
      if (task.type !== 'userTask') throw new Error(`${id} is no user task`);
      expect(task.dueDate).toBe(
        `=if deadlines.${name} != null then now() + duration(deadlines.${name}) else ${standard}`,
      );
    }
  });

  it.each(DEADLINES)('%s: %s is due after deadlines.%s when the case gives one', (_key, id, name) => {
    const task = element(_key, id);
    if (task.type !== 'userTask') throw new Error(`${id} is no user task`);
    const due = evaluateFeel(task.dueDate!, { deadlines: { [name]: 'PT5S' } }, { now: NOW });
    expect(due.ok && sameInstant(due.value)).toBe(plus(5));
  });

  it('keeps the standard hours without a deadlines variable, or with one not naming the task', () => {
    const hourly = DEADLINES.filter(([, , , standard]) => standard.startsWith('now()'));
    expect(hourly.length).toBeGreaterThan(4);
    for (const [key, id, , standard] of hourly) {
      const task = element(key, id);
      if (task.type !== 'userTask') continue;
      const hours = { PT24H: 86_400, PT2H: 7_200, PT15M: 900, P7D: 604_800 }[
        /"(P[^"]+)"/.exec(standard)![1]!
      ]!;
      for (const variables of [{}, { deadlines: null }, { deadlines: { somethingElse: 'PT1S' } }]) {
        const due = evaluateFeel(task.dueDate!, variables, { now: NOW });
        expect([id, variables, due.ok && sameInstant(due.value)]).toEqual([id, variables, plus(hours)]);
      }
    }
  });

  it('keeps the standard school and working days without a deadlines variable (Monday to Friday without a calendar)', () => {
    // NOW is Monday 2026-03-02 08:00 in Shanghai: N school days end at 23:59:59 of the N-th weekday after it
    const endOfWeekday = (n: number) => {
      const day = new Date(Date.UTC(2026, 2, 2));
      for (let counted = 0; counted < n;) {
        day.setUTCDate(day.getUTCDate() + 1);
        if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) counted += 1;
      }
      return new Date(Date.parse(`${day.toISOString().slice(0, 10)}T23:59:59+08:00`)).toISOString();
    };
    const daily = DEADLINES.filter(([, , , standard]) => standard.startsWith('add '));
    expect(daily.length).toBeGreaterThan(10);
    for (const [key, id, , standard] of daily) {
      const task = element(key, id);
      if (task.type !== 'userTask') continue;
      const n = Number(/, (\d+)\)$/.exec(standard)![1]);
      for (const variables of [{}, { deadlines: { somethingElse: 'PT1S' } }]) {
        const due = evaluateFeel(task.dueDate!, variables, { now: NOW });
        expect([id, due.ok && sameInstant(due.value)]).toEqual([id, endOfWeekday(n)]);
      }
    }
    const guardian = element('crisis-care', 'notify-guardian');
    if (guardian.type !== 'userTask') throw new Error('notify-guardian is no user task');
    const high = evaluateFeel(guardian.dueDate!, { riskLevel: 'high' }, { now: NOW });
    expect(high.ok && sameInstant(high.value)).toBe(endOfWeekday(1));
  });

  it('gives notify-guardian 15 minutes in an acute crisis, 1 hour when imminent, its key over both', () => {
    const task = element('crisis-care', 'notify-guardian');
    if (task.type !== 'userTask') throw new Error('notify-guardian is no user task');
    const at = (variables: Record<string, unknown>) => {
      const due = evaluateFeel(task.dueDate!, variables, { now: NOW });
      return due.ok ? sameInstant(due.value) : due.message;
    };
    expect(at({ riskLevel: 'imminent', acuteCrisis: true })).toBe(plus(900));
    expect(at({ riskLevel: 'imminent' })).toBe(plus(3600));
    expect(at({ riskLevel: 'high', deadlines: { notifyGuardian: 'PT3S' } })).toBe(plus(3));
    expect(task.dueDate).toContain('add school days(now(), 1)');
  });

  it('shortens every timer with its key, and keeps the standard without one', () => {
    const timers: [process: string, id: string, key: string, standard: string][] = [
      ['crisis-care', 'assessment-overdue', 'initialAssessment', 'PT24H'],
      ['crisis-care', 'escalation-overdue', 'escalatedAssessment', 'PT2H'],
      ['crisis-care', 'referral-reminder', 'referralReminder', 'R/P7D'],
      ['crisis-care', 'check-in-due', 'checkInInterval', 'P1M'],
      ['return-to-school', 'readiness-recheck', 'readinessRecheck', 'P7D'],
    ];
    for (const [key, id, name, standard] of timers) {
      const event = element(key, id);
      if (!('trigger' in event) || event.trigger.kind !== 'timer') throw new Error(`${id} is no timer`);
      const cycle = standard.startsWith('R/');
      expect(evaluateFeel(event.trigger.timer.expression, {}, { now: NOW })).toEqual({
        ok: true,
        value: standard,
      });
      expect(
        evaluateFeel(event.trigger.timer.expression, { deadlines: { [name]: 'PT3S' } }, { now: NOW }),
      ).toEqual({
        ok: true,
        value: cycle ? 'R/PT3S' : 'PT3S',
      });
    }
    const retention = element('crisis-care', 'retention');
    if (!('trigger' in retention) || retention.trigger.kind !== 'timer')
      throw new Error('retention is no timer');
    expect(
      evaluateFeel(retention.trigger.timer.expression, {}).ok &&
        evaluateFeel(retention.trigger.timer.expression, {}),
    ).toEqual({ ok: true, value: 'P3Y' });
    expect(evaluateFeel(retention.trigger.timer.expression, { retentionPeriod: 'PT2S' })).toEqual({
      ok: true,
      value: 'PT2S',
    });
    // return-to-school's follow-ups: weekly × 4 then monthly × 3, each interval shortenable
    const followUps = element('return-to-school', 'follow-ups');
    if (!('multiInstance' in followUps) || !followUps.multiInstance)
      throw new Error('follow-ups is not multi-instance');
    expect(evaluateFeel(followUps.multiInstance.inputCollection, {})).toEqual({
      ok: true,
      value: ['P7D', 'P7D', 'P7D', 'P7D', 'P1M', 'P1M', 'P1M'],
    });
    expect(
      evaluateFeel(followUps.multiInstance.inputCollection, {
        deadlines: { weeklyFollowUp: 'PT1S', monthlyFollowUp: 'PT2S' },
      }),
    ).toEqual({ ok: true, value: ['PT1S', 'PT1S', 'PT1S', 'PT1S', 'PT2S', 'PT2S', 'PT2S'] });
  });

  it('documents every deadlines key in docs/pathway.md', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'pathway.md'), 'utf8');
    const keys = new Set<string>();
    for (const key of SHIPPED) {
      const xml = readFileSync(join(PROCESSES, `${key}.bpmn`), 'utf8');
      for (const match of xml.matchAll(/deadlines\.([A-Za-z]+)/g)) keys.add(match[1]!);
    }
    expect(keys.size).toBeGreaterThan(25);
    for (const key of keys) expect([key, docs.includes(`\`${key}\``)]).toEqual([key, true]);
    expect(docs).toContain('`retentionPeriod`');
  });
});
