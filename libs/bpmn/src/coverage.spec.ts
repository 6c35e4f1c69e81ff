import { COVERAGE, coverageOf, unsupportedMessage } from './coverage';

describe('coverage map', () => {
  it('marks every tier 1 entry supported, and nothing of tier 2 or 3', () => {
    for (const [key, entry] of Object.entries(COVERAGE)) {
      expect([key, entry.supported]).toEqual([key, entry.tier === 1]);
    }
    expect(coverageOf('bpmn:ServiceTask')).toEqual({ tier: 1, supported: true, label: 'service task' });
    expect(coverageOf('bpmn:StartEvent+bpmn:TimerEventDefinition')?.supported).toBe(true);
    expect(coverageOf('bpmn:SubProcess+triggeredByEvent')?.supported).toBe(true);
  });

  it('keeps tier 3 entries unsupported', () => {
    for (const [key, entry] of Object.entries(COVERAGE)) {
      if (entry.tier === 3) expect([key, entry.supported]).toEqual([key, false]);
    }
  });

  it('words problems by tier', () => {
    expect(unsupportedMessage('bpmn:UserTask')).toBeNull();
    expect(unsupportedMessage('bpmn:InclusiveGateway')).toBeNull();
    expect(unsupportedMessage('bpmn:BusinessRuleTask')).toBeNull();
    expect(unsupportedMessage('bpmn:AdHocSubProcess')).toBe(
      'bpmn:AdHocSubProcess (ad-hoc sub-process) is not supported yet (tier 2)',
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
