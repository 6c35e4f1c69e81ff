import { INTERNAL_JOB_TYPES, JOB_TYPES } from '../../../../libs/bpmn/src/workflow';
import { handlerFor, INTERNAL_JOB_HANDLERS, JOB_HANDLERS } from './registry';

describe('job handler registry', () => {
  it('has a handler for exactly the job types the deploy validator accepts', () => {
    expect(Object.keys(JOB_HANDLERS).sort()).toEqual([...JOB_TYPES].sort());
  });

  it('finds registered handlers and nothing else, not even inherited properties', () => {
    expect(handlerFor(JOB_HANDLERS, 'notify')).toBe(JOB_HANDLERS.notify);
    expect(handlerFor(JOB_HANDLERS, 'send-email')).toBeUndefined();
    expect(handlerFor(JOB_HANDLERS, 'constructor')).toBeUndefined();
    expect(handlerFor(JOB_HANDLERS, 'toString')).toBeUndefined();
  });

  it('runs every internal job type, none of which a diagram may name', () => {
    expect(Object.keys(INTERNAL_JOB_HANDLERS).sort()).toEqual(Object.values(INTERNAL_JOB_TYPES).sort());
    for (const type of Object.values(INTERNAL_JOB_TYPES)) {
      expect((JOB_TYPES as readonly string[]).includes(type)).toBe(false);
    }
  });
});
