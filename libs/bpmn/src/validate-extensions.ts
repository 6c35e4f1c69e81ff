import { ACTIVITY_TYPES, EVENT_TYPES } from './element-kinds';
import { ioMappingOf, type RawMapping } from './element-properties';
import { extensionsOf, type ModdleElement } from './moddle';
import { named } from './diagram-problem';
import { problem } from './problem-messages';
import { checkExpression, checkVariableName, type Report } from './report';
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
      report(
        node,
        problem('extension.misplaced', { extension: $type, type: node.$type, element: named(node) }),
      );
    }
  }
}

/** zeebe:ioMapping: every mapping has a source (FEEL or static) and a target variable or path. */
export function checkIoMapping(node: ModdleElement, report: Report): void {
  const mapping = ioMappingOf(node);
  if (!mapping) return;
  const check = (kind: 'input' | 'output', { source, target }: RawMapping): void => {
    const mapping = `zeebe:${kind}`;
    const where =
      target === undefined
        ? problem('where.mapping', { mapping, element: named(node) })
        : problem('where.mappingTo', { mapping, target: clip(target), element: named(node) });
    if (target === undefined) report(node, problem('mapping.noTarget', { mapping, element: named(node) }));
    else checkVariableName(node, target, problem('where.targetOf', { of: where }), report, { path: true });
    if (source === undefined) report(node, problem('mapping.noSource', { where }));
    else checkExpression(node, source, problem('where.sourceOf', { of: where }), report);
  };
  for (const input of mapping.inputs) check('input', input);
  for (const output of mapping.outputs) check('output', output);
}
