import { ACTIVITY_TYPES, EVENT_TYPES } from './element-kinds';
import { ioMappingOf, type RawMapping } from './element-properties';
import { extensionsOf, type ModdleElement } from './moddle';
import { checkExpression, checkVariableName, describe, type Report } from './report';
import { clip } from './text';

const USER_TASK = ['bpmn:UserTask'];
const JOB_TASKS = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'];
/** Message throw and end events run a job too; on their other kinds validate-events reports it. */
const JOBS = [...JOB_TASKS, 'bpmn:IntermediateThrowEvent', 'bpmn:EndEvent'];

/**
 * The flow nodes each supported Zeebe extension does something on. Zeebe's schema allows some
 * of them in more places (task headers on user tasks, a form on a start event) where the model
 * has nowhere to keep them: there they would be ignored silently, so they are reported.
 */
const PLACES: Readonly<Record<string, readonly string[]>> = {
  'zeebe:IoMapping': [...ACTIVITY_TYPES, ...EVENT_TYPES],
  'zeebe:TaskDefinition': JOBS,
  'zeebe:TaskHeaders': JOBS,
  'zeebe:Script': ['bpmn:ScriptTask'],
  'zeebe:CalledElement': ['bpmn:CallActivity'],
  'zeebe:CalledDecision': ['bpmn:BusinessRuleTask'],
  'zeebe:UserTask': USER_TASK,
  'zeebe:AssignmentDefinition': USER_TASK,
  'zeebe:FormDefinition': USER_TASK,
  'zeebe:TaskSchedule': USER_TASK,
  'zeebe:PriorityDefinition': USER_TASK,
  // These belong inside bpmn:multiInstanceLoopCharacteristics and bpmn:message, never on a node.
  'zeebe:LoopCharacteristics': [],
  'zeebe:Subscription': [],
};

/** Reports Zeebe extensions on a flow node where they would have no effect. */
export function checkExtensionPlacement(node: ModdleElement, report: Report): void {
  for (const { $type } of extensionsOf(node)) {
    const places = PLACES[$type];
    // Extensions without an entry are either harmless (properties, version tag) or unsupported
    // and reported by the coverage check.
    if (places && !places.includes(node.$type)) {
      report(node, `Expected no ${$type} on ${node.$type} ${describe(node)}: it has no effect there`);
    }
  }
}

/** zeebe:ioMapping: every mapping has a source (FEEL or static) and a target variable or path. */
export function checkIoMapping(node: ModdleElement, report: Report): void {
  const mapping = ioMappingOf(node);
  if (!mapping) return;
  const check = (kind: 'input' | 'output', { source, target }: RawMapping): void => {
    const where = `zeebe:${kind} ${target === undefined ? '' : `'${clip(target)}' `}of ${describe(node)}`;
    if (target === undefined) report(node, `Expected a target on every zeebe:${kind} of ${describe(node)}`);
    else checkVariableName(node, target, `the target of ${where}`, report, { path: true });
    if (source === undefined) report(node, `Expected a source on ${where}`);
    else checkExpression(node, source, `the source of ${where}`, report);
  };
  for (const input of mapping.inputs) check('input', input);
  for (const output of mapping.outputs) check('output', output);
}
