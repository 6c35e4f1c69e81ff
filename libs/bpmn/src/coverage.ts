import { unsupportedProblem } from './coverage-problems';
import { renderProblem } from './problem-messages';

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
  /** The label in Chinese, as the modeler and the deploy's Chinese messages name the element. */
  labelZh: string;
  /**
   * Accepted but ignored, with a deploy warning: Camunda 8 treats it as modelling only (data
   * objects and stores), so a diagram drawn with them deploys and runs as Zeebe would.
   */
  modellingOnly?: true;
}

/** Tier 1 is the bar for a working engine: the compiler and validator handle every tier 1 entry. */
const tier1 = (label: string, labelZh: string): CoverageEntry => ({
  tier: 1,
  supported: true,
  label,
  labelZh,
});
const tier2 = (label: string, labelZh: string): CoverageEntry => ({
  tier: 2,
  supported: false,
  label,
  labelZh,
});
/** Tier 2 elements implemented so far (docs/bpmn-elements.md). */
const tier2Done = (label: string, labelZh: string): CoverageEntry => ({
  tier: 2,
  supported: true,
  label,
  labelZh,
});
const tier3 = (label: string, labelZh: string): CoverageEntry => ({
  tier: 3,
  supported: false,
  label,
  labelZh,
});
/** Elements that carry no execution semantics: drawn, kept in the XML, skipped by the engine. */
const visual = (label: string, labelZh: string): CoverageEntry => ({
  tier: 1,
  supported: true,
  label,
  labelZh,
});
/** Like `visual`, but a reader might expect it to do something: the deploy says it will not. */
const modellingOnly = (label: string, labelZh: string): CoverageEntry => ({
  tier: 1,
  supported: true,
  label,
  labelZh,
  modellingOnly: true,
});

export const COVERAGE = {
  // start events
  'bpmn:StartEvent': tier1('none start event', '空启动事件'),
  'bpmn:StartEvent+bpmn:MessageEventDefinition': tier1('message start event', '消息启动事件'),
  'bpmn:StartEvent+bpmn:TimerEventDefinition': tier1('timer start event', '定时启动事件'),
  'bpmn:StartEvent+bpmn:ErrorEventDefinition': tier1(
    'error start event (event sub-process)',
    '错误启动事件（事件子流程）',
  ),
  'bpmn:StartEvent+bpmn:EscalationEventDefinition': tier1(
    'escalation start event (event sub-process)',
    '升级启动事件（事件子流程）',
  ),
  'bpmn:StartEvent+bpmn:SignalEventDefinition': tier2Done('signal start event', '信号启动事件'),
  'bpmn:StartEvent+bpmn:ConditionalEventDefinition': tier3('conditional start event', '条件启动事件'),
  'bpmn:StartEvent+bpmn:CompensateEventDefinition': tier3('compensation start event', '补偿启动事件'),

  // end events
  'bpmn:EndEvent': tier1('none end event', '空结束事件'),
  'bpmn:EndEvent+bpmn:TerminateEventDefinition': tier1('terminate end event', '终止结束事件'),
  'bpmn:EndEvent+bpmn:ErrorEventDefinition': tier1('error end event', '错误结束事件'),
  'bpmn:EndEvent+bpmn:EscalationEventDefinition': tier1('escalation end event', '升级结束事件'),
  'bpmn:EndEvent+bpmn:MessageEventDefinition': tier2Done('message end event', '消息结束事件'),
  'bpmn:EndEvent+bpmn:SignalEventDefinition': tier2Done('signal end event', '信号结束事件'),
  'bpmn:EndEvent+bpmn:CompensateEventDefinition': tier3('compensation end event', '补偿结束事件'),

  // intermediate catch events
  'bpmn:IntermediateCatchEvent+bpmn:TimerEventDefinition': tier1(
    'timer intermediate catch event',
    '定时中间捕获事件',
  ),
  'bpmn:IntermediateCatchEvent+bpmn:MessageEventDefinition': tier1(
    'message intermediate catch event',
    '消息中间捕获事件',
  ),
  'bpmn:IntermediateCatchEvent+bpmn:SignalEventDefinition': tier2Done(
    'signal intermediate catch event',
    '信号中间捕获事件',
  ),
  'bpmn:IntermediateCatchEvent+bpmn:LinkEventDefinition': tier2Done(
    'link intermediate catch event',
    '链接中间捕获事件',
  ),
  'bpmn:IntermediateCatchEvent+bpmn:ConditionalEventDefinition': tier3(
    'conditional intermediate catch event',
    '条件中间捕获事件',
  ),

  // intermediate throw events
  'bpmn:IntermediateThrowEvent': tier1('none intermediate throw event', '空中间抛出事件'),
  'bpmn:IntermediateThrowEvent+bpmn:EscalationEventDefinition': tier1(
    'escalation intermediate throw event',
    '升级中间抛出事件',
  ),
  'bpmn:IntermediateThrowEvent+bpmn:MessageEventDefinition': tier2Done(
    'message intermediate throw event',
    '消息中间抛出事件',
  ),
  'bpmn:IntermediateThrowEvent+bpmn:SignalEventDefinition': tier2Done(
    'signal intermediate throw event',
    '信号中间抛出事件',
  ),
  'bpmn:IntermediateThrowEvent+bpmn:LinkEventDefinition': tier2Done(
    'link intermediate throw event',
    '链接中间抛出事件',
  ),
  'bpmn:IntermediateThrowEvent+bpmn:CompensateEventDefinition': tier3(
    'compensation intermediate throw event',
    '补偿中间抛出事件',
  ),

  // boundary events (interrupting or not)
  'bpmn:BoundaryEvent+bpmn:TimerEventDefinition': tier1('timer boundary event', '定时边界事件'),
  'bpmn:BoundaryEvent+bpmn:MessageEventDefinition': tier1('message boundary event', '消息边界事件'),
  'bpmn:BoundaryEvent+bpmn:ErrorEventDefinition': tier1('error boundary event', '错误边界事件'),
  'bpmn:BoundaryEvent+bpmn:EscalationEventDefinition': tier1('escalation boundary event', '升级边界事件'),
  'bpmn:BoundaryEvent+bpmn:SignalEventDefinition': tier2Done('signal boundary event', '信号边界事件'),
  'bpmn:BoundaryEvent+bpmn:CompensateEventDefinition': tier3('compensation boundary event', '补偿边界事件'),
  'bpmn:BoundaryEvent+bpmn:ConditionalEventDefinition': tier3('conditional boundary event', '条件边界事件'),

  // tasks
  'bpmn:UserTask': tier1('user task', '用户任务'),
  'bpmn:ManualTask': tier1('manual task', '手工任务'),
  'bpmn:Task': tier1('undefined task', '未指定类型的任务'),
  'bpmn:ServiceTask': tier1('service task', '服务任务'),
  'bpmn:SendTask': tier1('send task', '发送任务'),
  'bpmn:ReceiveTask': tier1('receive task', '接收任务'),
  'bpmn:ScriptTask': tier1('script task', '脚本任务'),
  'bpmn:BusinessRuleTask': tier1('business rule task', '业务规则任务'),

  // gateways
  'bpmn:ExclusiveGateway': tier1('exclusive gateway', '排他网关'),
  'bpmn:ParallelGateway': tier1('parallel gateway', '并行网关'),
  'bpmn:InclusiveGateway': tier1('inclusive gateway', '包容网关'),
  'bpmn:EventBasedGateway': tier1('event-based gateway', '事件网关'),
  'bpmn:ComplexGateway': tier3('complex gateway', '复杂网关'),

  // sub-processes
  'bpmn:SubProcess': tier1('embedded sub-process', '嵌入式子流程'),
  'bpmn:SubProcess+triggeredByEvent': tier1('event sub-process', '事件子流程'),
  'bpmn:CallActivity': tier1('call activity', '调用活动'),
  'bpmn:AdHocSubProcess': tier2('ad-hoc sub-process', '自由子流程'),
  'bpmn:Transaction': tier3('transaction sub-process', '事务子流程'),

  // loops
  'bpmn:MultiInstanceLoopCharacteristics': tier1('multi-instance', '多实例'),
  'bpmn:StandardLoopCharacteristics': tier3('standard loop', '标准循环'),

  // flows and things without execution semantics
  'bpmn:SequenceFlow': tier1('sequence flow', '顺序流'),
  'bpmn:TextAnnotation': visual('text annotation', '文本注释'),
  'bpmn:Association': visual('association', '关联'),
  'bpmn:Group': visual('group', '分组'),
  'bpmn:LaneSet': visual('lanes', '泳道'),
  'bpmn:DataObject': modellingOnly('data object', '数据对象'),
  'bpmn:DataObjectReference': modellingOnly('data object', '数据对象'),
  'bpmn:DataStoreReference': modellingOnly('data store', '数据存储'),
  'bpmn:DataInputAssociation': modellingOnly('data input association', '数据输入关联'),
  'bpmn:DataOutputAssociation': modellingOnly('data output association', '数据输出关联'),

  // Zeebe extension elements
  'zeebe:UserTask': tier1('Camunda user task marker', 'Camunda 用户任务标记'),
  'zeebe:AssignmentDefinition': tier1('user task assignment', '用户任务分配'),
  'zeebe:FormDefinition': tier1('user task form', '用户任务表单'),
  'zeebe:UserTaskForm': tier2Done(
    'embedded user task form (job-worker user task)',
    '内嵌用户任务表单（作业工作者用户任务）',
  ),
  'zeebe:TaskSchedule': tier1('user task due and follow-up dates', '用户任务到期与跟进日期'),
  'zeebe:PriorityDefinition': tier1('user task priority', '用户任务优先级'),
  'zeebe:Properties': visual('extension properties', '扩展属性'),
  'zeebe:VersionTag': visual('version tag', '版本标签'),
  'zeebe:IoMapping': tier1('input/output mappings', '输入/输出映射'),
  'zeebe:TaskDefinition': tier1('job type', '作业类型'),
  'zeebe:TaskHeaders': tier1('task headers', '任务头'),
  'zeebe:Script': tier1('FEEL script', 'FEEL 脚本'),
  'zeebe:CalledElement': tier1('called process', '被调用的流程'),
  'zeebe:LoopCharacteristics': tier1('multi-instance collection', '多实例集合'),
  'zeebe:Subscription': tier1('message correlation', '消息关联'),
  'zeebe:CalledDecision': tier1('called decision (DMN)', '被调用的决策（DMN）'),
} as const satisfies Record<string, CoverageEntry>;

export type CoverageKey = keyof typeof COVERAGE;

/** The coverage entry for a key, or undefined when the element is not known at all. */
export function coverageOf(key: string): CoverageEntry | undefined {
  return Object.hasOwn(COVERAGE, key) ? COVERAGE[key as CoverageKey] : undefined;
}

/**
 * The problem for an element that the coverage map does not mark as supported, or null when it
 * is supported (coverage-problems.ts words it for the deploy and the lint alike).
 */
export function unsupportedMessage(key: string): string | null {
  const found = unsupportedProblem(key, coverageOf);
  return found && renderProblem(found, 'en');
}
