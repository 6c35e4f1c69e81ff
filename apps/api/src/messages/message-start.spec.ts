import type { FlowElement, ProcessModel } from '../../../../libs/bpmn/src';
import { messageStartEventOf } from './message-start';

function modelWith(elements: FlowElement[], triggeredStartEventIds: string[]): ProcessModel {
  return {
    id: 'p',
    elements: Object.fromEntries(elements.map((e) => [e.id, e])),
    flows: {},
    startEventIds: [],
    triggeredStartEventIds,
    eventSubProcessIds: [],
  };
}

const start = (
  id: string,
  trigger: Extract<FlowElement, { type: 'startEvent' }>['trigger'],
  parentId?: string,
) =>
  ({
    id,
    type: 'startEvent',
    incoming: [],
    outgoing: [],
    trigger,
    interrupting: true,
    parentId,
  }) as FlowElement;

describe('messageStartEventOf', () => {
  it('finds the top-level message start event for the message name', () => {
    const model = modelWith(
      [
        start('timer', { kind: 'timer', timer: { kind: 'cycle', expression: 'R/P1D' } }),
        start('concern', { kind: 'message', messageName: 'concern-raised' }),
      ],
      ['timer', 'concern'],
    );
    expect(messageStartEventOf(model, 'concern-raised')).toBe('concern');
    expect(messageStartEventOf(model, 'other')).toBeUndefined();
  });

  it('ignores message starts inside event sub-processes and models without the list', () => {
    const nested = modelWith([start('inner', { kind: 'message', messageName: 'crisis' }, 'esp')], ['inner']);
    expect(messageStartEventOf(nested, 'crisis')).toBeUndefined();
    const legacy = { ...nested, triggeredStartEventIds: undefined } as unknown as ProcessModel;
    expect(messageStartEventOf(legacy, 'crisis')).toBeUndefined();
  });
});
