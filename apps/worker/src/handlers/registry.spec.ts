import { JOB_TYPES } from '../../../../libs/bpmn/src/workflow';
import { handlerFor, JOB_HANDLERS } from './registry';

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
});
