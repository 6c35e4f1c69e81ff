/**
 * The one map of BPMN support (docs/bpmn-elements.md tiers). It drives the deploy validator here,
 * and is exported for the modeler's lint rule and the docs table.
 *
 * Keys are moddle types as they appear in a parsed diagram:
 * - a flow node or other element: 'bpmn:UserTask', 'bpmn:ExclusiveGateway', …
 * - an event with an event definition: '<event type>+<definition type>', e.g.
 *   'bpmn:StartEvent+bpmn:TimerEventDefinition' (a timer start event). The tier of an event
 *   definition depends on where it sits (a signal start event is tier 2, a message start event
 *   tier 1), so the pair is the key. A bare event type ('bpmn:StartEvent') is its "none" form.
 * - loop characteristics ('bpmn:MultiInstanceLoopCharacteristics') and Zeebe extension elements
 *   ('zeebe:IoMapping'), which change how a supported element behaves and so must not be
 *   ignored silently.
 *
 * `supported` means implemented now; an element whose entry says false, or that has no entry,
 * is a deploy-time problem naming it. Tier 3 entries stay false on purpose: they are listed so
 * the message can say so.
 */
export type Tier = 1 | 2 | 3;

export interface CoverageEntry {
  tier: Tier;
  supported: boolean;
  label: string;
  /**
   * Accepted but ignored, with a deploy warning: Camunda 8 treats it as modelling only (data
   * objects and stores), so a diagram drawn with them deploys and runs as Zeebe would.
   */
  modellingOnly?: true;
}

/** Tier 1 is the bar for a working engine: the compiler and validator handle every tier 1 entry. */
const tier1 = (label: string): CoverageEntry => ({ tier: 1, supported: true, label });
const tier2 = (label: string): CoverageEntry => ({ tier: 2, supported: false, label });
/** Tier 2 elements implemented so far (docs/bpmn-elements.md). */
const tier2Done = (label: string): CoverageEntry => ({ tier: 2, supported: true, label });
const tier3 = (label: string): CoverageEntry => ({ tier: 3, supported: false, label });
/** Elements that carry no execution semantics: drawn, kept in the XML, skipped by the engine. */
const visual = (label: string): CoverageEntry => ({ tier: 1, supported: true, label });
/** Like `visual`, but a reader might expect it to do something: the deploy says it will not. */
const modellingOnly = (label: string): CoverageEntry => ({
  tier: 1,
  supported: true,
  label,
  modellingOnly: true,
});

export const COVERAGE = {
  // start events
  'bpmn:StartEvent': tier1('none start event'),
  'bpmn:StartEvent+bpmn:MessageEventDefinition': tier1('message start event'),
  'bpmn:StartEvent+bpmn:TimerEventDefinition': tier1('timer start event'),
  'bpmn:StartEvent+bpmn:ErrorEventDefinition': tier1('error start event (event sub-process)'),
  'bpmn:StartEvent+bpmn:EscalationEventDefinition': tier1('escalation start event (event sub-process)'),
  'bpmn:StartEvent+bpmn:SignalEventDefinition': tier2Done('signal start event'),
  'bpmn:StartEvent+bpmn:ConditionalEventDefinition': tier3('conditional start event'),
  'bpmn:StartEvent+bpmn:CompensateEventDefinition': tier3('compensation start event'),

  // end events
  'bpmn:EndEvent': tier1('none end event'),
  'bpmn:EndEvent+bpmn:TerminateEventDefinition': tier1('terminate end event'),
  'bpmn:EndEvent+bpmn:ErrorEventDefinition': tier1('error end event'),
  'bpmn:EndEvent+bpmn:EscalationEventDefinition': tier1('escalation end event'),
  'bpmn:EndEvent+bpmn:MessageEventDefinition': tier2Done('message end event'),
  'bpmn:EndEvent+bpmn:SignalEventDefinition': tier2Done('signal end event'),
  'bpmn:EndEvent+bpmn:CompensateEventDefinition': tier3('compensation end event'),

  // intermediate catch events
  'bpmn:IntermediateCatchEvent+bpmn:TimerEventDefinition': tier1('timer intermediate catch event'),
  'bpmn:IntermediateCatchEvent+bpmn:MessageEventDefinition': tier1('message intermediate catch event'),
  'bpmn:IntermediateCatchEvent+bpmn:SignalEventDefinition': tier2Done('signal intermediate catch event'),
  'bpmn:IntermediateCatchEvent+bpmn:LinkEventDefinition': tier2Done('link intermediate catch event'),
  'bpmn:IntermediateCatchEvent+bpmn:ConditionalEventDefinition': tier3(
    'conditional intermediate catch event',
  ),

  // intermediate throw events
  'bpmn:IntermediateThrowEvent': tier1('none intermediate throw event'),
  'bpmn:IntermediateThrowEvent+bpmn:EscalationEventDefinition': tier1('escalation intermediate throw event'),
  'bpmn:IntermediateThrowEvent+bpmn:MessageEventDefinition': tier2Done('message intermediate throw event'),
  'bpmn:IntermediateThrowEvent+bpmn:SignalEventDefinition': tier2Done('signal intermediate throw event'),
  'bpmn:IntermediateThrowEvent+bpmn:LinkEventDefinition': tier2Done('link intermediate throw event'),
  'bpmn:IntermediateThrowEvent+bpmn:CompensateEventDefinition': tier3(
    'compensation intermediate throw event',
  ),

  // boundary events (interrupting or not)
  'bpmn:BoundaryEvent+bpmn:TimerEventDefinition': tier1('timer boundary event'),
  'bpmn:BoundaryEvent+bpmn:MessageEventDefinition': tier1('message boundary event'),
  'bpmn:BoundaryEvent+bpmn:ErrorEventDefinition': tier1('error boundary event'),
  'bpmn:BoundaryEvent+bpmn:EscalationEventDefinition': tier1('escalation boundary event'),
  'bpmn:BoundaryEvent+bpmn:SignalEventDefinition': tier2Done('signal boundary event'),
  'bpmn:BoundaryEvent+bpmn:CompensateEventDefinition': tier3('compensation boundary event'),
  'bpmn:BoundaryEvent+bpmn:ConditionalEventDefinition': tier3('conditional boundary event'),

  // tasks
  'bpmn:UserTask': tier1('user task'),
  'bpmn:ManualTask': tier1('manual task'),
  'bpmn:Task': tier1('undefined task'),
  'bpmn:ServiceTask': tier1('service task'),
  'bpmn:SendTask': tier1('send task'),
  'bpmn:ReceiveTask': tier1('receive task'),
  'bpmn:ScriptTask': tier1('script task'),
  'bpmn:BusinessRuleTask': tier1('business rule task'),

  // gateways
  'bpmn:ExclusiveGateway': tier1('exclusive gateway'),
  'bpmn:ParallelGateway': tier1('parallel gateway'),
  'bpmn:InclusiveGateway': tier1('inclusive gateway'),
  'bpmn:EventBasedGateway': tier1('event-based gateway'),
  'bpmn:ComplexGateway': tier3('complex gateway'),

  // sub-processes
  'bpmn:SubProcess': tier1('embedded sub-process'),
  'bpmn:SubProcess+triggeredByEvent': tier1('event sub-process'),
  'bpmn:CallActivity': tier1('call activity'),
  'bpmn:AdHocSubProcess': tier2('ad-hoc sub-process'),
  'bpmn:Transaction': tier3('transaction sub-process'),

  // loops
  'bpmn:MultiInstanceLoopCharacteristics': tier1('multi-instance'),
  'bpmn:StandardLoopCharacteristics': tier3('standard loop'),

  // flows and things without execution semantics
  'bpmn:SequenceFlow': tier1('sequence flow'),
  'bpmn:TextAnnotation': visual('text annotation'),
  'bpmn:Association': visual('association'),
  'bpmn:Group': visual('group'),
  'bpmn:LaneSet': visual('lanes'),
  'bpmn:DataObject': modellingOnly('data object'),
  'bpmn:DataObjectReference': modellingOnly('data object'),
  'bpmn:DataStoreReference': modellingOnly('data store'),
  'bpmn:DataInputAssociation': modellingOnly('data input association'),
  'bpmn:DataOutputAssociation': modellingOnly('data output association'),

  // Zeebe extension elements
  'zeebe:UserTask': tier1('Camunda user task marker'),
  'zeebe:AssignmentDefinition': tier1('user task assignment'),
  'zeebe:FormDefinition': tier1('user task form'),
  'zeebe:UserTaskForm': tier2Done('embedded user task form (job-worker user task)'),
  'zeebe:TaskSchedule': tier1('user task due and follow-up dates'),
  'zeebe:PriorityDefinition': tier1('user task priority'),
  'zeebe:Properties': visual('extension properties'),
  'zeebe:VersionTag': visual('version tag'),
  'zeebe:IoMapping': tier1('input/output mappings'),
  'zeebe:TaskDefinition': tier1('job type'),
  'zeebe:TaskHeaders': tier1('task headers'),
  'zeebe:Script': tier1('FEEL script'),
  'zeebe:CalledElement': tier1('called process'),
  'zeebe:LoopCharacteristics': tier1('multi-instance collection'),
  'zeebe:Subscription': tier1('message correlation'),
  'zeebe:CalledDecision': tier1('called decision (DMN)'),
} as const satisfies Record<string, CoverageEntry>;

export type CoverageKey = keyof typeof COVERAGE;

/** The coverage entry for a key, or undefined when the element is not known at all. */
export function coverageOf(key: string): CoverageEntry | undefined {
  return Object.hasOwn(COVERAGE, key) ? COVERAGE[key as CoverageKey] : undefined;
}

/**
 * The problem message for an element that the coverage map does not mark as supported, or null
 * when it is supported. `what` names the element as the diagram shows it, e.g. 'bpmn:ServiceTask'.
 */
export function unsupportedMessage(key: string): string | null {
  const entry = coverageOf(key);
  const what = key.replace('+', ' with ');
  if (!entry) return `${what} is not supported`;
  if (entry.supported) return null;
  if (entry.tier === 3) return `${what} (${entry.label}) is not supported`;
  return `${what} (${entry.label}) is not supported yet (tier ${entry.tier})`;
}
