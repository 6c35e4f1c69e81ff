/**
 * Every diagram problem CarePath reports, by code, in English and Chinese (problem-messages.ts
 * renders them; docs/adr/0014-coded-diagram-problems.md). `{name}` is a parameter: ids, names,
 * types and expressions from the diagram, or a nested fragment rendered in the same language.
 * English says what was expected first, as it always has; the deploy tests pin those texts.
 * Codes are part of the api (errors[].code): rename one only with its readers.
 */
export const PROBLEM_CATALOGUE = {
  // Temporary while the validators move to codes: an English message as it was.
  uncoded: { en: '{message}', 'zh-CN': '{message}' },

  // The deploy's 400 detail: every problem on one line (problem-messages.ts renderProblemSummary)
  'summary.problems': {
    en: 'The diagram has {count} problem(s): {list}',
    'zh-CN': '流程图有 {count} 个问题：{list}',
  },
  'summary.item': { en: '{element}: {message}', 'zh-CN': '{element}：{message}' },
  'summary.document': { en: '(document)', 'zh-CN': '（整个文档）' },

  // How messages name an element (report.ts describe).
  'element.named': { en: "'{name}' ({id})", 'zh-CN': '「{name}」({id})' },
  'element.unnamed': { en: "'{id}'", 'zh-CN': '「{id}」' },

  // Before parsing (xml-guard.ts) and while parsing (moddle.ts)
  'xml.tooLarge': {
    en: 'Expected a diagram of at most 2 MiB, got {mib} MiB',
    'zh-CN': '流程图不能超过 2 MiB，实际为 {mib} MiB',
  },
  'xml.nul': {
    en: 'Expected no NUL character (U+0000, also as &#0;) in the diagram',
    'zh-CN': '流程图中不能有空字符（U+0000，包括写作 &#0; 的形式）',
  },
  'xml.doctype': {
    en: 'Expected no <!DOCTYPE> declaration: document types and entities are not allowed',
    'zh-CN': '不能有 <!DOCTYPE> 声明：不允许文档类型和实体',
  },
  'xml.entity': {
    en: 'Expected no <!ENTITY> declaration: entities are not allowed',
    'zh-CN': '不能有 <!ENTITY> 声明：不允许实体',
  },
  'xml.tooManyElements': {
    en: 'Expected at most {max} XML elements, found more',
    'zh-CN': 'XML 元素不能超过 {max} 个，实际更多',
  },
  'xml.unreadable': {
    en: 'Expected BPMN 2.0 XML with a <bpmn:definitions> root: {reason}',
    'zh-CN': '须为以 <bpmn:definitions> 为根元素的 BPMN 2.0 XML：{reason}',
  },
  'xml.unreadableElement': {
    en: 'Expected only supported elements: <{tag}> at {where} cannot be read ({reason}); it is not supported',
    'zh-CN': '只能使用 CarePath 支持的元素：{where}处的 <{tag}> 无法读取（{reason}），不受支持',
  },
  'xml.position': { en: 'line {line}, column {column}', 'zh-CN': '第 {line} 行第 {column} 列' },
  'xml.unknownType': {
    en: 'it is not a known BPMN or Zeebe element',
    'zh-CN': '它不是已知的 BPMN 或 Zeebe 元素',
  },
  'xml.unknownAttribute': {
    en: 'Expected only known attributes: {attribute} is not an attribute of {type}',
    'zh-CN': '只能使用已知属性：{attribute} 不是 {type} 的属性',
  },
  'xml.unresolvedReference': {
    en: "Expected {property} to name an element of the diagram, but '{reference}' does not exist",
    'zh-CN': '{property} 须指向流程图中的元素，但「{reference}」不存在',
  },
  'xml.aReference': { en: 'a reference', 'zh-CN': '引用' },
  'xml.unreadableOther': { en: 'Expected readable BPMN: {reason}', 'zh-CN': '须为可读取的 BPMN：{reason}' },

  // The diagram as a whole (compile.ts)
  'diagram.noProcess': { en: 'Expected a process in the diagram', 'zh-CN': '流程图中须有一个流程' },
  'diagram.notExecutable': {
    en: 'Expected an executable process: set isExecutable="true" on process \'{process}\'',
    'zh-CN': '须有可执行的流程：请在流程「{process}」上设置 isExecutable="true"',
  },
  'diagram.severalExecutable': {
    en: 'Expected one executable process per diagram, found {count} ({ids}): deploy them as separate diagrams or set isExecutable="false"',
    'zh-CN':
      '每个流程图只能有一个可执行流程，实际有 {count} 个（{ids}）：请分成多个流程图部署，或设置 isExecutable="false"',
  },
  'diagram.idTooLong': {
    en: 'Expected an element id of at most {max} characters',
    'zh-CN': '元素 id 不能超过 {max} 个字符',
  },

  // Warnings: the diagram deploys, but may not do what its author expects (warnings.ts, the api)
  'warning.customFormKey': {
    en: "User task '{task}' has the custom form key '{formKey}': CarePath shows no form for it (only embedded 'camunda-forms:bpmn:…' forms and formId); the task carries the key as formKey",
    'zh-CN':
      "用户任务「{task}」使用自定义表单键「{formKey}」：CarePath 不会为它显示表单（只显示内嵌的 'camunda-forms:bpmn:…' 表单和 formId 表单）；任务会把该键作为 formKey 带上",
  },
  'warning.deprecatedJobType': {
    en: "Job type '{jobType}' of '{element}' is deprecated: {instead}",
    'zh-CN': '「{element}」的作业类型「{jobType}」已弃用：{instead}',
  },
  'warning.modellingOnly': {
    en: "Ignored: the {label} '{id}' is modelling only in Camunda 8; the engine neither reads nor writes it",
    'zh-CN': '已忽略：{label}「{id}」在 Camunda 8 中仅用于建模，引擎不会读写它',
  },
  'warning.modellingOnlyOf': {
    en: "Ignored: the {label} of '{owner}' is modelling only in Camunda 8; the engine neither reads nor writes it",
    'zh-CN': '已忽略：「{owner}」的{label}在 Camunda 8 中仅用于建模，引擎不会读写它',
  },
  'warning.unseenTask': {
    en: "User task '{task}' has no assignee, candidate group or candidate user: nobody will ever see it, and the case will wait there",
    'zh-CN': '用户任务「{task}」没有处理人、候选组或候选用户：没有人会看到它，个案会一直停在那里',
  },
  'warning.formNotDeployed': {
    en: "User task '{task}' links form '{formId}', which is not deployed: send it in `forms`",
    'zh-CN': '用户任务「{task}」关联的表单「{formId}」尚未部署：请在 `forms` 中一并提交',
  },
  'warning.decisionNotDeployed': {
    en: "Business rule task '{task}' calls decision '{decisionId}', which is not deployed for cases at {orgPath}: deploy it (POST /api/decisions or `decisions`) before a case reaches the task",
    'zh-CN':
      '业务规则任务「{task}」调用的决策「{decisionId}」尚未为 {orgPath} 的个案部署：请在个案到达该任务前部署它（POST /api/decisions 或 `decisions`）',
  },

  // Coverage (coverage-problems.ts)
  'coverage.expectedSupported': {
    en: 'Expected only supported elements: {detail}',
    'zh-CN': '只能使用 CarePath 支持的元素：{detail}',
  },
  'coverage.what': { en: '{type}', 'zh-CN': '{type}' },
  'coverage.whatWith': { en: '{type} with {definition}', 'zh-CN': '带 {definition} 的 {type}' },
  'coverage.unknown': { en: '{what} is not supported', 'zh-CN': '不支持 {what}' },
  'coverage.never': { en: '{what} ({label}) is not supported', 'zh-CN': '不支持 {what}（{label}）' },
  'coverage.notYet': {
    en: '{what} ({label}) is not supported yet (tier {tier})',
    'zh-CN': '暂不支持 {what}（{label}，第 {tier} 级）',
  },
  'coverage.compensationHandler': {
    en: '{type} as a compensation handler is not supported yet (tier 3)',
    'zh-CN': '暂不支持把 {type} 用作补偿处理（第 3 级）',
  },

  // Job definitions (validate-job.ts)
  'job.missingType': {
    en: 'Expected a job type on {element}: set zeebe:taskDefinition type (one of: {known})',
    'zh-CN': '{element} 缺少作业类型：请设置 zeebe:taskDefinition 的 type（可选：{known}）',
  },
  'job.feelType': {
    en: "Expected a static zeebe:taskDefinition type on {element} (one of: {known}): a FEEL job type cannot be checked against the worker's handlers",
    'zh-CN':
      '{element} 的 zeebe:taskDefinition type 须为固定值（可选：{known}）：FEEL 表达式形式的作业类型无法与工作进程的处理程序核对',
  },
  'job.unknownType': {
    en: "Expected the zeebe:taskDefinition type of {element} to be a job type the worker handles (one of: {known}), got '{type}'",
    'zh-CN':
      '{element} 的 zeebe:taskDefinition type 须是工作进程能处理的作业类型（可选：{known}），实际为「{type}」',
  },
} as const satisfies Record<string, { en: string; 'zh-CN': string }>;
