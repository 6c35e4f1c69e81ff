// The in-browser lint (bpmn-js-bpmnlint): a bpmnlint config built in code with a StaticResolver,
// so the bundle holds exactly the rules listed here (docs/modeler.md#lint, docs/adr/0015).
// - carepath/coverage: the server's coverage map (what the deploy validator accepts).
// - camunda-compat rules that check what a Camunda 8.6 engine would refuse or misread, and that
//   CarePath enforces too (references, FEEL, timers, forms, I/O mappings, job definitions).
//   Left out: element-type (the coverage rule says it, from CarePath's own map, in our words),
//   and rules about features CarePath has no use for (connectors, secrets, AI agents,
//   execution/task listeners, version tags).
// - a few core bpmnlint rules that help a lead finish a diagram (start and end events, nothing
//   left unconnected, no ambiguous joins and splits).
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import fakeJoin from 'bpmnlint/rules/fake-join';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import calledElement from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/called-element';
import duplicateTaskHeaders from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/duplicate-task-headers';
import errorReference from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/error-reference';
import escalationBoundaryEventAttachedToRef from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/escalation-boundary-event-attached-to-ref';
import escalationReference from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/escalation-reference';
import eventBasedGatewayTarget from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/event-based-gateway-target';
import executableProcess from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/executable-process';
import feel from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/feel';
import implementation from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/implementation';
import ioMapping from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/io-mapping';
import linkEvent from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/link-event';
import loopCharacteristics from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/loop-characteristics';
import messageReference from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/message-reference';
import noMultipleNoneStartEvents from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-multiple-none-start-events';
import priorityDefinition from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/priority-definition';
import sequenceFlowCondition from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/sequence-flow-condition';
import signalReference from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/signal-reference';
import subscription from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/subscription';
import taskSchedule from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/task-schedule';
import timer from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/timer';
import userTaskForm from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/user-task-form';
import variableName from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/variable-name';
import {
  COVERAGE_RULE_NAME,
  COVERAGE_RULE_RESOLVER_KEY,
  createCoverageRule,
} from '../../../../../libs/bpmn/src/lint';
import type { ModelerVocabulary } from './modelerApi';
import { EXECUTION_PLATFORM_VERSION } from './newDiagram';

/** camunda-compat compares against major.minor of the execution platform. */
const CAMUNDA_VERSION = EXECUTION_PLATFORM_VERSION.split('.').slice(0, 2).join('.');

type Category = 'error' | 'warn';
/** A bpmnlint rule factory, as a StaticResolver hands it to the linter. */
type RuleFactory = (config?: unknown) => { check(node: never, reporter: never): void };

const CAMUNDA_COMPAT: Record<string, [RuleFactory, Category]> = {
  'called-element': [calledElement, 'error'],
  'duplicate-task-headers': [duplicateTaskHeaders, 'error'],
  'error-reference': [errorReference, 'error'],
  'escalation-boundary-event-attached-to-ref': [escalationBoundaryEventAttachedToRef, 'error'],
  'escalation-reference': [escalationReference, 'error'],
  'event-based-gateway-target': [eventBasedGatewayTarget, 'error'],
  'executable-process': [executableProcess, 'error'],
  feel: [feel, 'error'],
  implementation: [implementation, 'error'],
  'io-mapping': [ioMapping, 'error'],
  'link-event': [linkEvent, 'error'],
  'loop-characteristics': [loopCharacteristics, 'error'],
  'message-reference': [messageReference, 'error'],
  'no-multiple-none-start-events': [noMultipleNoneStartEvents, 'error'],
  'priority-definition': [priorityDefinition, 'error'],
  'sequence-flow-condition': [sequenceFlowCondition, 'error'],
  'signal-reference': [signalReference, 'error'],
  subscription: [subscription, 'error'],
  'task-schedule': [taskSchedule, 'error'],
  timer: [timer, 'error'],
  'user-task-form': [userTaskForm, 'error'],
  'variable-name': [variableName, 'error'],
};

const CORE: Record<string, [RuleFactory, Category]> = {
  'start-event-required': [startEventRequired, 'error'],
  'end-event-required': [endEventRequired, 'error'],
  'no-disconnected': [noDisconnected, 'error'],
  'single-blank-start-event': [singleBlankStartEvent, 'error'],
  'no-duplicate-sequence-flows': [noDuplicateSequenceFlows, 'error'],
  'no-implicit-split': [noImplicitSplit, 'warn'],
  'fake-join': [fakeJoin, 'warn'],
};

export interface LintSetup {
  config: { rules: Record<string, string | [string, unknown]> };
  resolver: unknown;
}

/** `{config, resolver}` for bpmn-js-bpmnlint; without a vocabulary the coverage rule is left out. */
export function buildLintSetup(vocabulary: ModelerVocabulary | null, language: 'zh-CN' | 'en'): LintSetup {
  const cache: Record<string, RuleFactory> = {};
  const rules: LintSetup['config']['rules'] = {};
  for (const [name, [factory, category]] of Object.entries(CORE)) {
    cache[`rule:bpmnlint/${name}`] = factory;
    rules[name] = category;
  }
  for (const [name, [factory, category]] of Object.entries(CAMUNDA_COMPAT)) {
    cache[`rule:bpmnlint-plugin-camunda-compat/${name}`] = factory;
    rules[`camunda-compat/${name}`] = [category, { version: CAMUNDA_VERSION }];
  }
  if (vocabulary) {
    cache[COVERAGE_RULE_RESOLVER_KEY] = createCoverageRule(vocabulary, language) as RuleFactory;
    rules[COVERAGE_RULE_NAME] = 'error';
  }
  return { config: { rules }, resolver: new StaticResolver(cache) };
}
