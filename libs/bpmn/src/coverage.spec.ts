import { COVERAGE, coverageOf, unsupportedMessage } from './coverage';

/** The tier 2 entries implemented so far (docs/bpmn-elements.md); every other one is refused. */
const TIER_2_BUILT = new Set([
  'bpmn:StartEvent+bpmn:SignalEventDefinition',
  'bpmn:EndEvent+bpmn:MessageEventDefinition',
  'bpmn:EndEvent+bpmn:SignalEventDefinition',
  'bpmn:IntermediateCatchEvent+bpmn:SignalEventDefinition',
  'bpmn:IntermediateCatchEvent+bpmn:LinkEventDefinition',
  'bpmn:IntermediateThrowEvent+bpmn:MessageEventDefinition',
  'bpmn:IntermediateThrowEvent+bpmn:SignalEventDefinition',
  'bpmn:IntermediateThrowEvent+bpmn:LinkEventDefinition',
  'bpmn:BoundaryEvent+bpmn:SignalEventDefinition',
  'zeebe:UserTaskForm',
]);

describe('coverage map', () => {
  it('marks every tier 1 entry supported, of tier 2 only what is built, and nothing of tier 3', () => {
    for (const [key, entry] of Object.entries(COVERAGE)) {
      expect([key, entry.supported]).toEqual([key, entry.tier === 1 || TIER_2_BUILT.has(key)]);
    }
    expect(coverageOf('bpmn:ServiceTask')).toEqual({
      tier: 1,
      supported: true,
      label: 'service task',
      labelZh: '服务任务',
    });
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
    expect(unsupportedMessage('bpmn:AdHocSubProcess')).toBe(
      'bpmn:AdHocSubProcess (ad-hoc sub-process) is not supported yet (tier 2)',
    );
    expect(unsupportedMessage('bpmn:EndEvent+bpmn:SignalEventDefinition')).toBeNull();
    expect(unsupportedMessage('bpmn:ComplexGateway')).toBe(
      'bpmn:ComplexGateway (complex gateway) is not supported',
    );
    expect(unsupportedMessage('bpmn:ChoreographyTask')).toBe('bpmn:ChoreographyTask is not supported');
    expect(unsupportedMessage('toString')).toBe('toString is not supported');
  });
});
