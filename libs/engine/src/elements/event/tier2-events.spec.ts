import { BROADCAST_SIGNAL_JOB_TYPE } from '../../../../bpmn/src';
import { triggerSignal } from '../../engine';
import { processModel, timer, trigger } from '../../testing/process-builder';
import { Scenario } from '../../testing/scenario';

describe('signal catch events, boundaries and event sub-processes', () => {
  it('waits at a signal catch event on a subscription without a key, and goes on with the signal variables', () => {
    // given
    const model = processModel('p')
      .startEvent('start')
      .intermediateCatchEvent('wait-all-clear', { trigger: trigger.signal('=area + "-all-clear"') })
      .userTask('debrief')
      .sequence('start', 'wait-all-clear', 'debrief')
      .build();
    const s = new Scenario(model);
    // when
    const started = s.start({ area: 'north' });
    // then the name is evaluated once, when the wait begins
    expect(started.commands).toEqual([
      {
        type: 'openSubscription',
        subscription: {
          subscriptionId: expect.any(String),
          kind: 'signal',
          elementId: 'wait-all-clear',
          signalName: 'north-all-clear',
        },
      },
    ]);
    // when the signal arrives
    const step = s.signal('north-all-clear', { clearedBy: 'principal' }, 'case-9');
    // then
    expect(step.events).toEqual(
      expect.arrayContaining([
        s.ev('signal.received', 'wait-all-clear', {
          data: { signalName: 'north-all-clear', subscriptionId: expect.any(String), thrownBy: 'case-9' },
        }),
      ]),
    );
    expect(step.commands).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'closeSubscription', state: 'correlated' })]),
    );
    expect(s.live()).toEqual(['debrief']);
    expect(step.state.instances[step.state.rootId]?.variables).toMatchObject({ clearedBy: 'principal' });
  });

  it('triggers every subscription of the name at once: catch events on two branches and a non-interrupting boundary', () => {
    // given
    const model = processModel('p')
      .startEvent('start')
      .parallelGateway('fork')
      .intermediateCatchEvent('a', { trigger: trigger.signal('lockdown') })
      .intermediateCatchEvent('b', { trigger: trigger.signal('lockdown') })
      .userTask('talk')
      .boundaryEvent('note-lockdown', {
        attachedTo: 'talk',
        trigger: trigger.signal('lockdown'),
        cancelActivity: false,
      })
      .userTask('record')
      .endEvent('end-a')
      .endEvent('end-b')
      .endEvent('end-talk')
      .endEvent('end-record')
      .flow('start', 'fork')
      .flow('fork', 'a')
      .flow('fork', 'b')
      .flow('fork', 'talk')
      .flow('a', 'end-a')
      .flow('b', 'end-b')
      .flow('talk', 'end-talk')
      .flow('note-lockdown', 'record')
      .flow('record', 'end-record')
      .build();
    const s = new Scenario(model);
    s.start();
    // when
    const step = triggerSignal(model, s.state, { signalName: 'lockdown', variables: {} }, s.ctx);
    // then
    if ('kind' in step) throw new Error(step.message);
    expect(step.subscriptionIds).toHaveLength(3);
    s.signal('lockdown');
    expect(s.live().sort()).toEqual(['record', 'talk']);
    // and the non-interrupting boundary stays open for the next signal
    expect(Object.values(s.state.subscriptions).map((open) => open.elementId)).toEqual(['note-lockdown']);
    s.signal('lockdown');
    expect(s.live().sort()).toEqual(['record', 'record', 'talk']);
  });

  it('skips a subscription that an earlier trigger of the same signal closed (an interrupting boundary)', () => {
    // given a sub-process with a signal boundary, waiting inside at a catch of the same signal
    const model = processModel('p')
      .startEvent('start')
      .subProcess('support', (sub) =>
        sub
          .startEvent('support-start')
          .intermediateCatchEvent('inner-wait', { trigger: trigger.signal('closed') })
          .endEvent('support-end')
          .sequence('support-start', 'inner-wait', 'support-end'),
      )
      .boundaryEvent('on-closed', { attachedTo: 'support', trigger: trigger.signal('closed') })
      .userTask('hand-over')
      .endEvent('end')
      .endEvent('end-closed')
      .sequence('start', 'support', 'end')
      .sequence('on-closed', 'hand-over', 'end-closed')
      .build();
    const s = new Scenario(model);
    s.start();
    // when
    const step = triggerSignal(model, s.state, { signalName: 'closed', variables: {} }, s.ctx);
    // then the boundary (opened first) took it and the sub-process, the catch within, ended
    if ('kind' in step) throw new Error(step.message);
    expect(step.subscriptionIds).toHaveLength(1);
    s.signal('closed');
    expect(s.live()).toEqual(['hand-over']);
    expect(s.state.subscriptions).toEqual({});
  });

  it('starts a signal event sub-process in its scope, non-interrupting ones again at the next signal', () => {
    // given
    const model = processModel('p')
      .startEvent('start')
      .userTask('work')
      .endEvent('end')
      .sequence('start', 'work', 'end')
      .eventSubProcess('on-alert', (sub) =>
        sub
          .startEvent('alert-start', { trigger: trigger.signal('alert'), interrupting: false })
          .userTask('check-in')
          .endEvent('alert-end')
          .sequence('alert-start', 'check-in', 'alert-end'),
      )
      .build();
    const s = new Scenario(model);
    s.start();
    // when
    s.signal('alert', { level: 2 });
    s.signal('alert', { level: 3 });
    // then
    expect(s.live().filter((id) => id === 'check-in')).toHaveLength(2);
    expect(s.live()).toContain('work');
  });

  it('lets an event-based gateway take the way of a signal', () => {
    // given
    const model = processModel('p')
      .startEvent('start')
      .eventBasedGateway('race')
      .intermediateCatchEvent('on-signal', { trigger: trigger.signal('go') })
      .intermediateCatchEvent('on-timeout', { trigger: timer.duration('PT1H') })
      .userTask('after-signal')
      .endEvent('end')
      .flow('start', 'race')
      .flow('race', 'on-signal')
      .flow('race', 'on-timeout')
      .flow('on-signal', 'after-signal')
      .flow('after-signal', 'end')
      .flow('on-timeout', 'end')
      .build();
    const s = new Scenario(model);
    s.start();
    // when
    const step = s.signal('go');
    // then the other way closed
    expect(step.commands).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'cancelTimer' })]));
    expect(s.live()).toEqual(['after-signal']);
  });

  it('refuses a signal nothing in the case waits for, leaving the state as it was', () => {
    // given
    const model = processModel('p').startEvent('start').userTask('work').sequence('start', 'work').build();
    const s = new Scenario(model);
    s.start();
    // when
    const refusal = s.refused((m, state, ctx) =>
      triggerSignal(m, state, { signalName: 'nobody-waits', variables: {} }, ctx),
    );
    // then
    expect(refusal.message).toBe("Expected an open subscription for signal 'nobody-waits'");
  });
});

describe('signal throw and end events', () => {
  it('broadcast through a job: the name in a header, the input mappings as the signal variables', () => {
    // given
    const model = processModel('p')
      .startEvent('start')
      .intermediateThrowEvent('tell-school', {
        trigger: trigger.signal('=kind + "-alert"'),
        inputs: { level: '=risk', from: '="case"' },
      })
      .userTask('follow-up')
      .endEvent('end', { trigger: trigger.signal('closed') })
      .sequence('start', 'tell-school', 'follow-up', 'end')
      .build();
    const s = new Scenario(model);
    // when
    const started = s.start({ kind: 'crisis', risk: 'high', privateNote: 'not for others' });
    // then
    expect(started.commands).toEqual([
      {
        type: 'startJob',
        job: {
          jobId: expect.any(String),
          elementId: 'tell-school',
          jobType: BROADCAST_SIGNAL_JOB_TYPE,
          retries: 3,
          headers: { signalName: 'crisis-alert' },
          variables: { level: 'high', from: 'case' },
        },
      },
    ]);
    // when the broadcast is done
    s.completeJob('tell-school');
    s.completeTask('follow-up');
    // then the signal end event broadcasts too, and the case ends once that job is done
    expect(s.state.status).toBe('active');
    expect(Object.values(s.state.jobs).map((job) => job.elementId)).toEqual(['end']);
    s.completeJob('end');
    expect(s.state.status).toBe('completed');
  });

  it('raises an incident at the throw event when its FEEL signal name cannot be evaluated', () => {
    // given
    const model = processModel('p')
      .startEvent('start')
      .intermediateThrowEvent('tell', { trigger: trigger.signal('=missing.name') })
      .endEvent('end')
      .sequence('start', 'tell', 'end')
      .build();
    const s = new Scenario(model);
    // when
    s.start();
    // then
    expect(Object.values(s.state.incidents)).toEqual([
      expect.objectContaining({ elementId: 'tell', message: expect.stringContaining('signal name') }),
    ]);
  });
});

describe('message throw and end events', () => {
  it('run as jobs of their type with the variables the event sees, like send tasks', () => {
    // given
    const model = processModel('p')
      .startEvent('start')
      .intermediateThrowEvent('tell-parent', {
        trigger: trigger.messageThrow('notify', { channel: 'sms' }),
        inputs: { to: '=guardian' },
      })
      .endEvent('end', { trigger: trigger.messageThrow('notify') })
      .sequence('start', 'tell-parent', 'end')
      .build();
    const s = new Scenario(model);
    // when
    const started = s.start({ guardian: 'g-1' });
    // then
    expect(started.commands).toEqual([
      {
        type: 'startJob',
        job: {
          jobId: expect.any(String),
          elementId: 'tell-parent',
          jobType: 'notify',
          retries: 3,
          headers: { channel: 'sms' },
          variables: { guardian: 'g-1', to: 'g-1' },
        },
      },
    ]);
    // when each job is done
    s.completeJob('tell-parent');
    expect(Object.values(s.state.jobs).map((job) => job.elementId)).toEqual(['end']);
    s.completeJob('end', { sent: true });
    // then
    expect(s.state.status).toBe('completed');
  });

  it('raises an incident at the event when its job fails, and runs it again on retry', () => {
    // given
    const model = processModel('p')
      .startEvent('start')
      .endEvent('end', { trigger: trigger.messageThrow('notify') })
      .sequence('start', 'end')
      .build();
    const s = new Scenario(model);
    s.start();
    // when
    s.failJob('end', 'SMS gateway down');
    // then
    expect(Object.values(s.state.incidents)).toEqual([
      expect.objectContaining({ elementId: 'end', message: 'SMS gateway down', retry: 'job' }),
    ]);
    const retried = s.resolveIncident('end');
    expect(retried.commands).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'startJob', job: expect.objectContaining({ elementId: 'end' }) }),
      ]),
    );
  });
});

describe('link events', () => {
  it('pass through: a link throw follows the compiler flow to its catch, which goes on', () => {
    // given (the compiler adds 'go-review#link'; see libs/bpmn/src/link-events.ts)
    const model = processModel('p')
      .startEvent('start')
      .intermediateThrowEvent('go-review', { trigger: trigger.link('review') })
      .intermediateCatchEvent('review', { trigger: trigger.link('review') })
      .userTask('review-case')
      .flow('start', 'go-review')
      .flow('go-review', 'review', { id: 'go-review#link' })
      .flow('review', 'review-case')
      .build();
    const s = new Scenario(model);
    // when
    const step = s.start();
    // then
    expect(
      step.events.filter((event) => event.type === 'element.entered').map((event) => event.elementId),
    ).toEqual(['start', 'go-review', 'review', 'review-case']);
    expect(s.live()).toEqual(['review-case']);
  });
});
