import { COVERAGE, coverageOf, unsupportedMessage } from './coverage';

describe('coverage map', () => {
  it('marks exactly the implemented elements as supported', () => {
    const supportedFlowNodes = Object.entries(COVERAGE)
      .filter(([key, entry]) => entry.supported && key.startsWith('bpmn:'))
      .map(([key]) => key);
    expect(supportedFlowNodes).toEqual(
      expect.arrayContaining([
        'bpmn:StartEvent',
        'bpmn:EndEvent',
        'bpmn:UserTask',
        'bpmn:ManualTask',
        'bpmn:Task',
        'bpmn:ExclusiveGateway',
        'bpmn:ParallelGateway',
        'bpmn:SequenceFlow',
      ]),
    );
    expect(coverageOf('bpmn:ServiceTask')).toEqual({ tier: 1, supported: false, label: 'service task' });
    expect(coverageOf('bpmn:StartEvent+bpmn:TimerEventDefinition')?.supported).toBe(false);
  });

  it('keeps tier 3 entries unsupported', () => {
    for (const [key, entry] of Object.entries(COVERAGE)) {
      if (entry.tier === 3) expect([key, entry.supported]).toEqual([key, false]);
    }
  });

  it('words problems by tier', () => {
    expect(unsupportedMessage('bpmn:UserTask')).toBeNull();
    expect(unsupportedMessage('bpmn:InclusiveGateway')).toBe(
      'bpmn:InclusiveGateway (inclusive gateway) is not supported yet (tier 1)',
    );
    expect(unsupportedMessage('bpmn:EndEvent+bpmn:SignalEventDefinition')).toBe(
      'bpmn:EndEvent with bpmn:SignalEventDefinition (signal end event) is not supported yet (tier 2)',
    );
    expect(unsupportedMessage('bpmn:ComplexGateway')).toBe(
      'bpmn:ComplexGateway (complex gateway) is not supported',
    );
    expect(unsupportedMessage('bpmn:ChoreographyTask')).toBe('bpmn:ChoreographyTask is not supported');
    expect(unsupportedMessage('toString')).toBe('toString is not supported');
  });
});
