/**
 * Lint messages are English sentences built at run time by bpmnlint 11.15.0's core rules and
 * bpmnlint-plugin-camunda-compat 2.61.0 (mostly rules/utils/element.js), with element types,
 * property names and versions inside, so a fixed catalogue cannot hold them: each sentence shape
 * is matched by a pattern and rebuilt in Chinese, keeping the `<bpmn:…>` names as they are
 * (they are what the properties panel and the docs show). Unknown messages pass through
 * unchanged. docs/translations.md says how to add a shape.
 */
import { type WorkbenchLanguage } from './language';

interface LintPattern {
  pattern: RegExp;
  zh: (...groups: string[]) => string;
}

// `<name>` as the rules write it, a Camunda version ('8.6'), and a name list built by
// formatNames(): '<a>', '<a> or <b>', '<a>, <b> and <c>'
const NAME = '<([^<>]*)>';
const VERSION = '(\\d+(?:\\.\\d+)*)';
const NAMES = '((?:<[^<>]+>)(?:(?:, | or | and )<[^<>]+>)*)';

const nameList = (names: string) =>
  names.replace(/ or /g, ' 或 ').replace(/ and /g, ' 和 ').replace(/, /g, '、');

const SUB_PROCESS_OR_PROCESS: Record<string, string> = { Process: '流程', 'Sub process': '子流程' };

function shape(source: string, zh: LintPattern['zh']): LintPattern {
  const pattern = source
    .replace(/\{NAME\}/g, NAME)
    .replace(/\{VERSION\}/g, VERSION)
    .replace(/\{NAMES\}/g, NAMES);
  return { pattern: new RegExp(`^${pattern}$`), zh };
}

const LINT_PATTERNS: readonly LintPattern[] = [
  // camunda-compat: element types and event definitions (element-type, implementation, …)
  shape(
    'Element of type {NAME} with event definition of type {NAME} only allowed by Camunda {VERSION} or newer',
    (type, definition, version) =>
      `带有 <${definition}> 事件定义的 <${type}> 需要 Camunda ${version} 或更高版本`,
  ),
  shape(
    'Element of type {NAME} with event definition of type {NAME} not allowed as child of {NAME}',
    (type, definition, parent) => `带有 <${definition}> 事件定义的 <${type}> 不能放在 <${parent}> 中`,
  ),
  shape(
    'Element of type {NAME} with event definition of type {NAME} is not allowed to be attached to element of type {NAME}',
    (type, definition, host) => `带有 <${definition}> 事件定义的 <${type}> 不能附加在 <${host}> 上`,
  ),
  shape(
    'Element of type {NAME} with event definition of type {NAME} not allowed',
    (type, definition) => `不支持带有 <${definition}> 事件定义的 <${type}>`,
  ),
  shape(
    'Element of type {NAME} with no event definition only allowed by Camunda {VERSION} or newer',
    (type, version) => `没有事件定义的 <${type}> 需要 Camunda ${version} 或更高版本`,
  ),
  shape(
    'Element of type {NAME} with no event definition not allowed',
    (type) => `不支持没有事件定义的 <${type}>`,
  ),
  shape(
    'Multiple elements of type {NAME} with no event definition not allowed as children of {NAME}',
    (type, parent) => `<${parent}> 中只能有一个没有事件定义的 <${type}>`,
  ),
  shape(
    'Element of type {NAME} without property {NAME} only allowed by Camunda {VERSION} or newer',
    (type, property, version) => `<${type}> 不设属性 <${property}> 需要 Camunda ${version} 或更高版本`,
  ),
  shape(
    'Element of type {NAME} must have property {NAME} if it has property {NAME}',
    (type, property, dependent) => `<${type}> 设置了属性 <${dependent}> 时，必须同时设置属性 <${property}>`,
  ),
  shape(
    'Element of type {NAME} must have one property {NAME} of type {NAME}',
    (type, property, valueType) => `<${type}> 必须有且只有一个类型为 <${valueType}> 的 <${property}>`,
  ),
  shape(
    'Element of type {NAME} must have property {NAMES}',
    (type, names) => `<${type}> 必须设置属性 ${nameList(names)}`,
  ),
  shape(
    'Element of type {NAME} must have one extension element of type {NAMES}',
    (type, names) => `<${type}> 必须有一个扩展元素，类型为 ${nameList(names)}`,
  ),
  shape(
    'Element of type {NAME} must contain at least one activity',
    (type) => `<${type}> 至少要包含一个活动`,
  ),
  shape(
    'Element of type {NAME} not allowed as event-based gateway target',
    (type) => `<${type}> 不能作为事件网关的目标`,
  ),
  shape(
    'Element of type {NAME} only allowed by Camunda {VERSION} or newer',
    (type, version) => `<${type}> 需要 Camunda ${version} 或更高版本`,
  ),
  shape(
    'Element of type {NAME} not supported by Camunda {VERSION}',
    (type, version) => `Camunda ${version} 不支持 <${type}>`,
  ),
  shape('Element of type {NAME} not allowed', (type) => `不支持 <${type}> 类型的元素`),
  shape('A {NAME} must be expanded', (type) => `<${type}> 必须是展开的`),

  // camunda-compat: properties and values
  shape(
    'Property {NAME} of type {NAME} only allowed by Camunda {VERSION} or newer',
    (property, type, version) => `类型为 <${type}> 的属性 <${property}> 需要 Camunda ${version} 或更高版本`,
  ),
  shape(
    'Property {NAME} of type {NAME} not allowed',
    (property, type) => `不允许类型为 <${type}> 的属性 <${property}>`,
  ),
  shape(
    'Property {NAME} of {NAME} with value {NAME} only allowed by Camunda {VERSION} or newer',
    (property, owner, value, version) =>
      `<${owner}> 的属性 <${property}> 取值 <${value}> 需要 Camunda ${version} 或更高版本`,
  ),
  shape(
    'Property {NAME} of {NAME} with value {NAME} only allowed on multi-instance elements',
    (property, owner, value) => `<${owner}> 的属性 <${property}> 取值 <${value}> 只能用于多实例元素`,
  ),
  shape(
    'Property {NAME} of {NAME} only allowed by Camunda {VERSION}',
    (property, owner, version) => `<${owner}> 的属性 <${property}> 需要 Camunda ${version}`,
  ),
  shape(
    'Property {NAME} only allowed if source is of type {NAMES}',
    (property, names) => `只有源元素的类型是 ${nameList(names)} 时才能设置属性 <${property}>`,
  ),
  shape(
    'Property {NAME} must have value of {NAME}',
    (property, value) => `属性 <${property}> 的值必须是 <${value}>`,
  ),
  shape(
    'Property {NAME} only allowed by Camunda {VERSION} or newer',
    (property, version) => `属性 <${property}> 需要 Camunda ${version} 或更高版本`,
  ),
  shape('Property {NAME} not allowed', (property) => `不允许设置属性 <${property}>`),
  shape(
    'Property value of {NAME} only allowed by Camunda {VERSION} or newer',
    (value, version) => `属性值 <${value}> 需要 Camunda ${version} 或更高版本`,
  ),
  shape('Property value of {NAME} not allowed', (value) => `不允许属性值 <${value}>`),
  shape(
    'Extension element of type {NAME} only allowed by Camunda {VERSION}',
    (type, version) => `<${type}> 类型的扩展元素需要 Camunda ${version}`,
  ),
  shape('Extension element of type {NAME} not allowed', (type) => `不允许 <${type}> 类型的扩展元素`),
  shape(
    'Property {NAME} must have expression value',
    (property) => `属性 <${property}> 必须是表达式（以 = 开头）`,
  ),
  shape(
    'Expression value of {NAME} only allowed by Camunda {VERSION}',
    (value, version) => `表达式值 <${value}> 需要 Camunda ${version}`,
  ),
  shape('Expression value of {NAME} not allowed', (value) => `不允许表达式值 <${value}>`),
  shape(
    'Expression statement {NAME} only supported by Camunda {VERSION} or newer',
    (value, version) => `表达式语句 <${value}> 需要 Camunda ${version} 或更高版本`,
  ),
  shape('Expression statement {NAME} not supported', (value) => `不支持表达式语句 <${value}>`),
  shape(
    'Property {NAME} is not a valid FEEL expression',
    (property) => `属性 <${property}> 不是合法的 FEEL 表达式`,
  ),
  shape(
    'FEEL function {NAME} requires Camunda {VERSION}',
    (fn, version) => `FEEL 函数 <${fn}> 需要 Camunda ${version}`,
  ),
  shape(
    'Properties of type {NAME} have property {NAME} with duplicate value of {NAME}',
    (type, property, value) => `多个 <${type}> 的属性 <${property}> 取值重复：<${value}>`,
  ),
  shape('Properties of type {NAME} have properties with duplicate values \\((.+)\\)', (type, summary) => {
    const parts = summary
      .split(/, (?=property <)/)
      .map((part) =>
        part.replace(/^property <([^<>]+)> with duplicate value of <([^<>]*)>$/, '属性 <$1> 取值 <$2>'),
      );
    return `多个 <${type}> 的取值重复（${parts.join('；')}）`;
  }),
  shape(
    'Property of type {NAME} has property {NAME} with duplicate value of {NAME}',
    (type, property, value) => `<${type}> 的属性 <${property}> 取值重复：<${value}>`,
  ),
  shape(
    'Connector property {NAME} with value {NAME} only allowed by Camunda {VERSION} or newer\\.',
    (property, value, version) =>
      `连接器属性 <${property}> 取值 <${value}> 需要 Camunda ${version} 或更高版本。`,
  ),
  shape(
    'Embedded forms on start events are deprecated; use a linked form instead',
    () => '开始事件上的内嵌表单已弃用，请改用链接的表单',
  ),
  shape('Loop detected: (.+)', (path) => `检测到循环：${path}`),
  shape(
    'Property {NAME} must not assign a secret reference inside a context returned by an if expression branch',
    (property) => `属性 <${property}> 不能在 if 表达式分支返回的上下文中引用密钥`,
  ),
  shape(
    'Property {NAME} must not assign a secret reference inside a list',
    (property) => `属性 <${property}> 不能在列表中引用密钥`,
  ),
  shape(
    'Property {NAME} must use a secret reference as an expression \\(e\\.g\\. (.+)\\), not as a string literal',
    (property, example) => `属性 <${property}> 必须以表达式引用密钥（例如 ${example}），不能写成字符串`,
  ),
  shape(
    'Property {NAME} uses (legacy|deprecated) secret expression format',
    (property, kind) => `属性 <${property}> 使用了${kind === 'legacy' ? '旧版' : '已弃用'}的密钥表达式格式`,
  ),
  shape(
    'Property {NAME} should be configured on {NAME} or engine level\\.',
    (property, owner) => `属性 <${property}> 应在 <${owner}> 上或引擎层面配置。`,
  ),

  // bpmnlint core rules
  shape('Element is outside of parent boundary', () => '元素超出了所在容器的边界'),
  shape('Element overlaps with other element', () => '元素与其他元素重叠'),
  shape('Element is missing bpmndi', () => '元素缺少图形信息（BPMNDI）'),
  shape(
    'Duplicate link catch event with link name {NAME} in scope',
    (name) => `同一范围内有重复的链接捕获事件，链接名称为 <${name}>`,
  ),
  shape(
    'Link (catch|throw) event with link name {NAME} missing in scope',
    (kind, name) => `同一范围内缺少链接名称为 <${name}> 的链接${kind === 'catch' ? '捕获' : '抛出'}事件`,
  ),
  shape(
    'A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional',
    () => '从事件网关引出的顺序流不能带条件',
  ),
  shape('Sequence flow is missing condition', () => '顺序流缺少条件'),
  shape('A <Start Event> is not allowed in <Ad Hoc Sub Process>', () => '特设子流程中不能有开始事件'),
  shape('An <End Event> is not allowed in <Ad Hoc Sub Process>', () => '特设子流程中不能有结束事件'),
  shape('Start event is missing event definition', () => '开始事件缺少事件定义'),
  shape('Start event must be blank', () => '开始事件必须是空开始事件（不带事件定义）'),
  shape('Link event is missing link name', () => '链接事件缺少链接名称'),
  shape(
    'An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>',
    () => '事件网关至少要有 2 条流出的顺序流',
  ),
  shape('Conditional event is missing a condition', () => '条件事件缺少条件'),
  shape('Element is an implicit end', () => '元素是隐式结束：没有流出的连线，请连到结束事件'),
  shape('Element is an implicit start', () => '元素是隐式开始：没有流入的连线，请从开始事件连过来'),
  shape('Element is missing label/name', () => '元素缺少名称'),
  shape('Element is not connected', () => '元素没有任何连线'),
  shape('Element type {NAME} is discouraged', (type) => `不建议使用 <${type}> 类型的元素`),
  shape('Event has multiple event definitions', () => '事件有多个事件定义'),
  shape('Flow splits implicitly', () => '流程在此隐式分支，请用网关分支'),
  shape('Gateway forks and joins', () => '网关同时在分支和合并，请拆成两个网关'),
  shape(
    'Gateway is superfluous\\. It only has one source and target\\.',
    () => '网关是多余的：它只有一个来源和一个目标。',
  ),
  shape('Incoming flows do not join', () => '多条流入的连线没有合并，请用网关合并'),
  shape('Sequence flow has superfluous label', () => '顺序流上的标签是多余的'),
  shape('SequenceFlow is a duplicate', () => '顺序流重复'),
  shape('Termination is superfluous\\.', () => '终止是多余的。'),
  shape(
    '(Process|Sub process) has multiple blank start events',
    (type) => `${SUB_PROCESS_OR_PROCESS[type] ?? type}有多个空开始事件`,
  ),
  shape(
    '(Process|Sub process) is missing end event',
    (type) => `${SUB_PROCESS_OR_PROCESS[type] ?? type}缺少结束事件`,
  ),
  shape(
    '(Process|Sub process) is missing start event',
    (type) => `${SUB_PROCESS_OR_PROCESS[type] ?? type}缺少开始事件`,
  ),
  shape('Element is missing name', () => '元素缺少名称'),
  shape('Element is unused', () => '元素没有被使用'),
  shape('Element name is not unique', () => '元素名称重复'),
  shape('Duplicate outgoing sequence flows', () => '流出的顺序流重复'),
  shape('Duplicate incoming sequence flows', () => '流入的顺序流重复'),
];

export function translateLintMessage(message: string, language: WorkbenchLanguage): string {
  if (language !== 'zh-CN') return message;
  for (const { pattern, zh } of LINT_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return zh(...match.slice(1).map((group) => group ?? ''));
  }
  return message;
}
