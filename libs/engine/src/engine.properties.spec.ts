import fc from 'fast-check';
import type { ProcessModel } from '../../bpmn/src/workflow';
import { processModel, timer, trigger, type ProcessBuilder } from './testing/process-builder';
import { deepFreeze, Scenario } from './testing/scenario';
import type { EngineState, Step } from './types';

/**
 * Properties that hold for every diagram and every order of events. The Scenario driver checks
 * the invariants after each step: the input state is deep-frozen and unchanged, every open
 * task/job/timer/subscription/child/incident was opened by a command and not closed since,
 * every instance's scope is live, and a completed or cancelled instance holds only its root.
 */

const CASE_ID = 'c-1';

// ---------------------------------------------------------------- (b) ending a scope closes everything in it

type WaitKind =
  | 'user'
  | 'job'
  | 'timer'
  | 'message'
  | 'receive'
  | 'child'
  | 'nested'
  | 'eventGateway'
  | 'multi'
  | 'guarded';
type Ending = 'terminate' | 'errorEnd' | 'jobError' | 'timerBoundary' | 'messageBoundary' | 'eventSubProcess';

const WAIT_KINDS: WaitKind[] = [
  'user',
  'job',
  'timer',
  'message',
  'receive',
  'child',
  'nested',
  'eventGateway',
  'multi',
  'guarded',
];
const ENDINGS: Ending[] = [
  'terminate',
  'errorEnd',
  'jobError',
  'timerBoundary',
  'messageBoundary',
  'eventSubProcess',
];

/** A wait of the given kind in branch i of the scope, from the fork to an end event. */
function addWait(scope: ProcessBuilder, kind: WaitKind, i: number): void {
  const id = `w${i}`;
  const end = `w${i}-end`;
  scope.endEvent(end);
  switch (kind) {
    case 'user':
      scope.userTask(id);
      break;
    case 'job':
      scope.serviceTask(id);
      break;
    case 'timer':
      scope.intermediateCatchEvent(id, { trigger: timer.duration('PT1H') });
      break;
    case 'message':
      scope.intermediateCatchEvent(id, { trigger: trigger.message(`m${i}`, '=caseId') });
      break;
    case 'receive':
      scope.receiveTask(id, { message: { messageName: `r${i}`, correlationKey: '=caseId' } });
      break;
    case 'child':
      scope.callActivity(id, { calledProcessId: 'other' });
      break;
    case 'nested':
      scope
        .subProcess(id, (nested) =>
          nested.startEvent(`${id}-s`).userTask(`${id}-inner`).sequence(`${id}-s`, `${id}-inner`),
        )
        .boundaryEvent(`${id}-every-hour`, {
          attachedTo: id,
          trigger: timer.cycle('R/PT1H'),
          cancelActivity: false,
        })
        .endEvent(`${id}-reminded`)
        .sequence(`${id}-every-hour`, `${id}-reminded`);
      break;
    case 'eventGateway':
      scope
        .eventBasedGateway(id)
        .intermediateCatchEvent(`${id}-t`, { trigger: timer.duration('PT2H') })
        .intermediateCatchEvent(`${id}-m`, { trigger: trigger.message(`g${i}`, '=caseId') })
        .sequence(id, `${id}-t`)
        .sequence(id, `${id}-m`)
        .endEvent(`${id}-m-end`)
        .sequence(`${id}-m`, `${id}-m-end`)
        .sequence(`${id}-t`, end);
      scope.sequence('scope-fork', id);
      return;
    case 'multi':
      scope.userTask(id, { multiInstance: { sequential: false, inputCollection: '=[1, 2, 3]' } });
      break;
    case 'guarded':
      scope
        .userTask(id)
        .boundaryEvent(`${id}-nudge`, {
          attachedTo: id,
          trigger: trigger.message(`n${i}`, '=caseId'),
          cancelActivity: false,
        })
        .boundaryEvent(`${id}-late`, { attachedTo: id, trigger: timer.duration('P1D') })
        .endEvent(`${id}-nudged`)
        .sequence(`${id}-nudge`, `${id}-nudged`)
        .sequence(`${id}-late`, end);
      break;
  }
  scope.sequence('scope-fork', id, end);
}

function scopeModel(waits: WaitKind[], ending: Ending): ProcessModel {
  const builder = processModel('p').startEvent('s');
  builder.subProcess('scope', (scope) => {
    scope
      .startEvent('scope-s')
      .parallelGateway('scope-fork')
      .userTask('keep')
      .sequence('scope-s', 'scope-fork', 'keep');
    waits.forEach((kind, i) => addWait(scope, kind, i));
    scope.eventSubProcess('side', (side) =>
      side
        .startEvent('side-start', { trigger: trigger.message('side', '=caseId'), interrupting: false })
        .userTask('side-task')
        .sequence('side-start', 'side-task'),
    );
    if (ending === 'terminate') {
      scope
        .userTask('end-trigger')
        .endEvent('stop', { trigger: trigger.terminate })
        .sequence('scope-fork', 'end-trigger', 'stop');
    } else if (ending === 'errorEnd') {
      scope
        .userTask('end-trigger')
        .endEvent('fail', { trigger: trigger.error('BOOM') })
        .sequence('scope-fork', 'end-trigger', 'fail');
    } else if (ending === 'jobError') {
      scope.serviceTask('end-trigger').sequence('scope-fork', 'end-trigger');
    } else if (ending === 'eventSubProcess') {
      scope.eventSubProcess('takeover', (esp) =>
        esp
          .startEvent('takeover-start', { trigger: trigger.message('takeover', '=caseId') })
          .userTask('takeover-task')
          .sequence('takeover-start', 'takeover-task'),
      );
    }
  });
  builder.userTask('after').sequence('s', 'scope', 'after');
  if (ending === 'errorEnd' || ending === 'jobError') {
    builder
      .boundaryEvent('caught', { attachedTo: 'scope', trigger: trigger.error('BOOM') })
      .sequence('caught', 'after');
  } else if (ending === 'timerBoundary') {
    builder
      .boundaryEvent('deadline', { attachedTo: 'scope', trigger: timer.duration('P10D') })
      .sequence('deadline', 'after');
  } else if (ending === 'messageBoundary') {
    builder
      .boundaryEvent('abort', { attachedTo: 'scope', trigger: trigger.message('abort', '=caseId') })
      .sequence('abort', 'after');
  } else if (ending === 'eventSubProcess') {
    // The scope goes on when an event sub-process interrupts it: its own deadline must stay.
    builder
      .boundaryEvent('deadline', { attachedTo: 'scope', trigger: timer.duration('P10D') })
      .sequence('deadline', 'after');
  }
  return builder.build();
}

/** Everything open in the state that belongs to one of the instances. */
function ownedBy(state: EngineState, instanceIds: ReadonlySet<string>): string[] {
  return [
    ...Object.values(state.tasks)
      .filter((task) => instanceIds.has(task.instanceId))
      .map((task) => `task:${task.taskId}`),
    ...Object.values(state.jobs)
      .filter((job) => instanceIds.has(job.instanceId))
      .map((job) => `job:${job.jobId}`),
    ...Object.values(state.timers)
      .filter((open) => instanceIds.has(open.ownerId))
      .map((open) => `timer:${open.timerId}`),
    ...Object.values(state.subscriptions)
      .filter((open) => instanceIds.has(open.ownerId))
      .map((open) => `subscription:${open.subscriptionId}`),
    ...Object.values(state.children)
      .filter((child) => instanceIds.has(child.instanceId))
      .map((child) => `child:${child.childId}`),
    ...Object.values(state.incidents)
      .filter((incident) => instanceIds.has(incident.instanceId))
      .map((incident) => `incident:${incident.incidentId}`),
  ];
}

/** What the step's commands closed, in the same notation. */
function closedBy(step: Step): string[] {
  return step.commands.flatMap((command) => {
    switch (command.type) {
      case 'closeUserTask':
        return [`task:${command.taskId}`];
      case 'cancelJob':
        return [`job:${command.jobId}`];
      case 'cancelTimer':
        return [`timer:${command.timerId}`];
      case 'closeSubscription':
        return [`subscription:${command.subscriptionId}`];
      case 'cancelChild':
        return [`child:${command.childId}`];
      case 'resolveIncident':
        return [`incident:${command.incidentId}`];
      default:
        return [];
    }
  });
}

function descendantsOf(state: EngineState, scopeId: string): Set<string> {
  const inside = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const instance of Object.values(state.instances)) {
      if (instance.parentId === null || inside.has(instance.id)) continue;
      if (instance.parentId === scopeId || inside.has(instance.parentId)) {
        inside.add(instance.id);
        grew = true;
      }
    }
  }
  return inside;
}

describe('ending a scope', () => {
  it('after a terminate end event, or an interrupting boundary event or event sub-process, nothing stays open inside it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WAIT_KINDS), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...ENDINGS),
        fc.array(fc.nat(), { maxLength: 4 }),
        (waits, ending, before) => {
          // given a scope with waits of every kind, something already happened in it
          const s = new Scenario(scopeModel(waits, ending));
          s.start({ caseId: CASE_ID });
          for (const choice of before) {
            const actions = preActions(s, waits);
            actions[choice % Math.max(actions.length, 1)]?.();
          }
          const scope = Object.values(s.state.instances).find((instance) => instance.elementId === 'scope');
          if (!scope) throw new Error('The scope should still run');
          const inside = descendantsOf(s.state, scope.id);
          const endsScope = ending !== 'eventSubProcess';
          const ended = endsScope ? new Set([...inside, scope.id]) : inside;
          const open = ownedBy(s.state, ended);
          // the scope's own event sub-process triggers close too when it is interrupted
          const scopeTriggers = endsScope
            ? []
            : Object.values(s.state.subscriptions)
                .filter((open) => open.ownerId === scope.id)
                .map((open) => `subscription:${open.subscriptionId}`);

          // when
          const step = endScope(s, ending);

          // then no instance inside it is left, and everything they had open was closed by a command
          for (const id of ended) expect(step.state.instances[id]).toBeUndefined();
          const closed = new Set([...closedBy(step), ...closedByInput(s, ending)]);
          for (const thing of [...open, ...scopeTriggers]) expect(closed).toContain(thing);
          expect(ownedBy(step.state, ended)).toEqual([]);
          if (endsScope) expect(s.live()).toEqual(['after']);
          else {
            expect(s.live().sort()).toEqual(['scope', 'takeover', 'takeover-task']);
            expect(Object.values(step.state.timers).filter((open) => open.ownerId === scope.id)).toEqual([
              expect.objectContaining({ elementId: 'deadline' }),
            ]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** What may happen inside the scope before it ends (never completing 'keep', so it cannot complete). */
function preActions(s: Scenario, waits: WaitKind[]): (() => void)[] {
  const actions: (() => void)[] = [() => s.correlate('side', CASE_ID)];
  waits.forEach((kind, i) => {
    const id = `w${i}`;
    const openTask = Object.values(s.state.tasks).find((task) => task.elementId === id);
    const openJob = Object.values(s.state.jobs).find((job) => job.elementId === id);
    if (openTask) actions.push(() => s.completeTask(openTask.taskId));
    if (openJob)
      actions.push(
        () => s.failJob(openJob.jobId),
        () => s.completeJob(openJob.jobId),
      );
    if (kind === 'guarded' && openTask) actions.push(() => s.correlate(`n${i}`, CASE_ID));
    if (
      kind === 'nested' &&
      Object.values(s.state.timers).some((open) => open.elementId === `${id}-every-hour`)
    ) {
      actions.push(() => s.fireTimer(`${id}-every-hour`));
    }
  });
  return actions;
}

function endScope(s: Scenario, ending: Ending): Step {
  switch (ending) {
    case 'terminate':
    case 'errorEnd':
      return s.completeTask('end-trigger');
    case 'jobError':
      return s.throwJobError('end-trigger', 'BOOM');
    case 'timerBoundary':
      return s.fireTimer('deadline');
    case 'messageBoundary':
      return s.correlate('abort', CASE_ID);
    case 'eventSubProcess':
      return s.correlate('takeover', CASE_ID);
  }
}

/** What the ending request itself closed (the fired timer, the job that threw). */
function closedByInput(s: Scenario, ending: Ending): string[] {
  const previous = s.steps.at(-2)?.state;
  if (!previous) return [];
  if (ending === 'jobError') {
    return Object.values(previous.jobs)
      .filter((job) => job.elementId === 'end-trigger')
      .map((job) => `job:${job.jobId}`);
  }
  if (ending === 'timerBoundary') {
    return Object.values(previous.timers)
      .filter((open) => open.elementId === 'deadline')
      .map((open) => `timer:${open.timerId}`);
  }
  return [];
}

// ---------------------------------------------------------------- (c), (d) random walks over a rich diagram

/** Every tier-1 element kind in one diagram. */
const rich = processModel('rich')
  .startEvent('s')
  .parallelGateway('fork')
  // branch 1: escalation (caught beside), a reminded review, a decision, a job with an error boundary
  .intermediateThrowEvent('warn', { trigger: trigger.escalation('LATE') })
  .userTask('review')
  .boundaryEvent('nudge', { attachedTo: 'review', trigger: timer.cycle('R2/PT1H'), cancelActivity: false })
  .manualTask('remind')
  .endEvent('reminded')
  .exclusiveGateway('decide')
  .serviceTask('notify')
  .boundaryEvent('notify-failed', { attachedTo: 'notify', trigger: trigger.error() })
  .userTask('by-hand')
  .exclusiveGateway('merge1')
  .sequence('s', 'fork', 'warn', 'review', 'decide')
  .sequence('nudge', 'remind', 'reminded')
  .flow('decide', 'notify', { condition: '=approved = true' })
  .flow('decide', 'merge1', { isDefault: true })
  .sequence('notify', 'merge1')
  .sequence('notify-failed', 'by-hand', 'merge1')
  // branch 2: a sub-process with an inclusive split and join, an event sub-process, an interrupting boundary
  .subProcess('care', (care) =>
    care
      .startEvent('care-s')
      .inclusiveGateway('care-fork')
      .userTask('talk')
      .serviceTask('call')
      .manualTask('note')
      .inclusiveGateway('care-join')
      .endEvent('care-e')
      .flow('care-s', 'care-fork')
      .flow('care-fork', 'talk', { condition: '=risk > 1' })
      .flow('care-fork', 'call', { condition: '=risk > 2' })
      .flow('care-fork', 'note', { isDefault: true })
      .sequence('talk', 'care-join')
      .sequence('call', 'care-join')
      .sequence('note', 'care-join')
      .sequence('care-join', 'care-e')
      .eventSubProcess('check', (check) =>
        check
          .startEvent('check-start', { trigger: timer.duration('P1D'), interrupting: false })
          .userTask('check-in')
          .sequence('check-start', 'check-in'),
      ),
  )
  .boundaryEvent('withdrawn', { attachedTo: 'care', trigger: trigger.message('withdrawn', '=caseId') })
  .exclusiveGateway('merge2')
  .sequence('fork', 'care', 'merge2')
  .sequence('withdrawn', 'merge2')
  // branch 3: an event-based gateway, a call activity, a receive task
  .eventBasedGateway('wait')
  .intermediateCatchEvent('timeout', { trigger: timer.duration('PT2H') })
  .intermediateCatchEvent('reply', { trigger: trigger.message('reply', '=caseId') })
  .exclusiveGateway('merge3')
  .callActivity('assess', { calledProcessId: 'assessment' })
  .receiveTask('confirm', { message: { messageName: 'confirm', correlationKey: '=caseId' } })
  .sequence('fork', 'wait', 'timeout', 'merge3')
  .sequence('wait', 'reply', 'merge3')
  .sequence('merge3', 'assess', 'confirm')
  // branch 4: a sequential multi-instance task and a script
  .userTask('sign', {
    multiInstance: {
      sequential: true,
      inputCollection: '=signers',
      inputElement: 'signer',
      outputCollection: 'signatures',
      outputElement: '=signed',
    },
  })
  .scriptTask('count', { expression: '=count(signatures)', resultVariable: 'signed-count' })
  .sequence('fork', 'sign', 'count')
  .parallelGateway('join')
  .endEvent('e')
  .sequence('merge1', 'join')
  .sequence('merge2', 'join')
  .sequence('confirm', 'join')
  .sequence('count', 'join')
  .sequence('join', 'e')
  // process level: a non-interrupting escalation catcher and an interrupting message
  .eventSubProcess('on-late', (esp) =>
    esp
      .startEvent('on-late-start', { trigger: trigger.escalation(), interrupting: false })
      .userTask('inform')
      .endEvent('on-late-end')
      .sequence('on-late-start', 'inform', 'on-late-end'),
  )
  .eventSubProcess('closed', (esp) =>
    esp
      .startEvent('closed-start', { trigger: trigger.message('closed', '=caseId') })
      .userTask('archive')
      .endEvent('closed-end')
      .sequence('closed-start', 'archive', 'closed-end'),
  )
  .build();

/** The variables a user or a handler answers with; resolving an incident supplies the same. */
const ANSWERS = { signed: true };

/** Everything that could happen next, each a step; `progress` leaves out what only adds work or ends early (cancelling is left to the caller). */
function nextActions(s: Scenario, progress: boolean): (() => Step)[] {
  const state = s.state;
  const actions: (() => Step)[] = [];
  for (const task of Object.values(state.tasks)) {
    actions.push(
      () => s.completeTask(task.taskId, { ...ANSWERS, approved: true }),
      () => s.completeTask(task.taskId, { ...ANSWERS, approved: false }),
    );
  }
  for (const job of Object.values(state.jobs)) {
    actions.push(() => s.completeJob(job.jobId, { called: true }));
    if (!progress)
      actions.push(
        () => s.failJob(job.jobId),
        () => s.throwJobError(job.jobId, 'ANY'),
      );
  }
  for (const child of Object.values(state.children)) {
    actions.push(() => s.completeChild(child.childId, { risk: 1 }));
    if (!progress) actions.push(() => s.failChild(child.childId));
  }
  for (const incident of Object.values(state.incidents))
    actions.push(() => s.resolveIncident(incident.incidentId, ANSWERS));
  for (const open of Object.values(state.timers)) actions.push(() => s.fireTimer(open.timerId));
  for (const open of Object.values(state.subscriptions)) {
    const element = s.model.elements[open.elementId];
    const ends = element?.type === 'intermediateCatchEvent' || element?.type === 'receiveTask';
    // Closing the case (an interrupting event sub-process) ends the walk early: the caller chooses when.
    if (open.elementId === 'closed-start' || open.kind === 'signal') continue;
    if (ends || !progress)
      actions.push(() => s.correlate(open.messageName, open.correlationKey, { note: 'm' }));
  }
  return actions;
}

describe('random runs of a diagram with every element kind', () => {
  it('keep the invariants at every step, and a finished instance holds nothing but its root', () => {
    fc.assert(
      fc.property(
        fc.record({
          approved: fc.boolean(),
          risk: fc.integer({ min: 0, max: 3 }),
          signers: fc.array(fc.constantFrom('mother', 'father', 'teacher'), { maxLength: 2 }),
        }),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.option(fc.nat({ max: 40 }), { freq: 5 }),
        fc.option(fc.nat({ max: 40 }), { freq: 5 }),
        (variables, choices, cancelAt, closeAt) => {
          // given
          const s = new Scenario(rich);
          s.start({ ...variables, caseId: CASE_ID });
          // when things happen in a random order (each step checked by the Scenario)
          for (const [index, choice] of choices.entries()) {
            if (s.state.status !== 'active') break;
            if (index === cancelAt) {
              s.cancel();
              break;
            }
            if (index === closeAt) s.correlate('closed', CASE_ID);
            const actions = nextActions(s, false);
            actions[choice % actions.length]?.();
          }
          // and then only what moves it forward happens, until it is over
          for (let steps = 0; s.state.status === 'active'; steps += 1) {
            if (steps > 300) throw new Error(`Not done after 300 steps: ${s.live().join(', ')}`);
            const actions = nextActions(s, true);
            if (actions.length === 0) throw new Error(`Stuck with nothing to do: ${s.live().join(', ')}`);
            actions[steps % actions.length]?.();
          }
          // then
          expect(['completed', 'cancelled']).toContain(s.state.status);
          expect(Object.keys(s.state.instances)).toEqual([s.state.rootId]);
          expect(s.state).toMatchObject({
            tasks: {},
            jobs: {},
            timers: {},
            subscriptions: {},
            children: {},
            incidents: {},
          });
          const ends = s.steps.flatMap((step) =>
            step.events.filter(
              (event) => event.type === 'instance.completed' || event.type === 'instance.cancelled',
            ),
          );
          expect(ends).toHaveLength(1);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the no-mutation check', () => {
  it('is real: a deep-frozen state throws on any write', () => {
    // given
    const s = new Scenario(rich);
    const state = deepFreeze(s.start({ approved: true, risk: 2, signers: [], caseId: CASE_ID }).state);
    // when / then
    expect(() => {
      (state.tasks as Record<string, unknown>)['x'] = 1;
    }).toThrow(TypeError);
    expect(() => {
      const root = state.instances[state.rootId];
      if (root?.variables) root.variables['risk'] = 3;
    }).toThrow(TypeError);
  });
});
