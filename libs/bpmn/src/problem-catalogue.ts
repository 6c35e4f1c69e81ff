/**
 * Every diagram problem CarePath reports, by code, in English and Chinese (problem-messages.ts
 * renders them; docs/adr/0014-coded-diagram-problems.md). `{name}` is a parameter: ids, names,
 * types and expressions from the diagram, or a nested fragment rendered in the same language.
 * English says what was expected first, as it always has; the deploy tests pin those texts.
 * Codes are part of the api (errors[].code): rename one only with its readers.
 */
export const PROBLEM_CATALOGUE = {
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

  // Expressions and variable names (report.ts); `where` is one of the where.* fragments
  'expression.tooLong': {
    en: 'Expected at most {max} characters as {where}, got {length}: move the logic into smaller expressions or a service task',
    'zh-CN': '{where}最多 {max} 个字符，实际为 {length} 个：请拆成更小的表达式，或改用服务任务',
  },
  'expression.notFeel': {
    en: "Expected a FEEL expression (starting with '=') as {where}, got '{value}'",
    'zh-CN': '{where}须为 FEEL 表达式（以「=」开头），实际为「{value}」',
  },
  'expression.invalidFeel': {
    en: "Expected a valid FEEL expression as {where}: {detail} at position {position} of '{value}'",
    'zh-CN': '{where}须为有效的 FEEL 表达式：「{value}」第 {position} 个字符处有误（{detail}）',
  },
  'variable.invalid': {
    en: "Expected {where} to be a variable name, got '{value}'",
    'zh-CN': '{where}须为变量名，实际为「{value}」',
  },
  'variable.invalidPath': {
    en: "Expected {where} to be a variable name or a dotted path (result.score), got '{value}'",
    'zh-CN': '{where}须为变量名或以点分隔的路径（如 result.score），实际为「{value}」',
  },
  'where.assignment': {
    en: 'zeebe:assignmentDefinition {property}',
    'zh-CN': 'zeebe:assignmentDefinition 的 {property}',
  },
  'where.schedule': { en: 'zeebe:taskSchedule {property}', 'zh-CN': 'zeebe:taskSchedule 的 {property}' },
  'where.decisionId': {
    en: 'the zeebe:calledDecision decisionId of {element}',
    'zh-CN': '{element} 的 zeebe:calledDecision decisionId',
  },
  'where.decisionResultVariable': {
    en: 'the zeebe:calledDecision resultVariable of {element}',
    'zh-CN': '{element} 的 zeebe:calledDecision resultVariable',
  },
  'where.scriptExpression': {
    en: 'the zeebe:script expression of {element}',
    'zh-CN': '{element} 的 zeebe:script expression',
  },
  'where.scriptResultVariable': {
    en: 'the zeebe:script resultVariable of {element}',
    'zh-CN': '{element} 的 zeebe:script resultVariable',
  },
  'where.calledProcessId': {
    en: 'the zeebe:calledElement processId of {element}',
    'zh-CN': '{element} 的 zeebe:calledElement processId',
  },
  'where.loopProperty': {
    en: 'zeebe:loopCharacteristics {property} of {element}',
    'zh-CN': '{element} 的 zeebe:loopCharacteristics {property}',
  },
  'where.completionCondition': {
    en: 'the completionCondition of multi-instance {element}',
    'zh-CN': '多实例 {element} 的 completionCondition',
  },

  // User tasks (validate-activities.ts)
  'userTask.scheduleDate': {
    en: "Expected zeebe:taskSchedule {property} to be an ISO 8601 date-time with offset (e.g. 2025-09-01T08:00:00+08:00) or a FEEL expression, got '{value}'",
    'zh-CN':
      'zeebe:taskSchedule 的 {property} 须为带时区偏移的 ISO 8601 日期时间（如 2025-09-01T08:00:00+08:00）或 FEEL 表达式，实际为「{value}」',
  },
  'userTask.feelPriority': {
    en: 'Expected a static zeebe:priorityDefinition priority from 0 to 100: FEEL priorities are not supported yet',
    'zh-CN': 'zeebe:priorityDefinition 的 priority 须为 0 到 100 的固定值：暂不支持 FEEL 表达式形式的优先级',
  },
  'userTask.priority': {
    en: "Expected zeebe:priorityDefinition priority to be an integer from 0 to 100, got '{value}'",
    'zh-CN': 'zeebe:priorityDefinition 的 priority 须为 0 到 100 的整数，实际为「{value}」',
  },
  'userTask.externalForm': {
    en: 'Expected zeebe:formDefinition formId or formKey: externalReference is not supported yet (tier 1)',
    'zh-CN': 'zeebe:formDefinition 须使用 formId 或 formKey：暂不支持 externalReference（第 1 级）',
  },
  'userTask.formIdAndKey': {
    en: 'Expected one of zeebe:formDefinition formId and formKey on user task {task}, found both',
    'zh-CN': '用户任务 {task} 的 zeebe:formDefinition 只能有 formId 或 formKey 之一，实际两者都有',
  },
  'userTask.missingEmbeddedForm': {
    en: "Expected a zeebe:userTaskForm with id '{formId}' in process '{process}': user task {task} links it by formKey '{formKey}'",
    'zh-CN':
      '流程「{process}」中须有 id 为「{formId}」的 zeebe:userTaskForm：用户任务 {task} 通过 formKey「{formKey}」关联了它',
  },

  // Business rule tasks, script tasks, call activities, multi-instance (validate-activities.ts)
  'ruleTask.decisionAndJob': {
    en: 'Expected either zeebe:calledDecision or zeebe:taskDefinition on business rule task {task}, not both',
    'zh-CN': '业务规则任务 {task} 只能有 zeebe:calledDecision 或 zeebe:taskDefinition 之一，不能两者都有',
  },
  'ruleTask.noDecision': {
    en: 'Expected a called decision on business rule task {task}: set zeebe:calledDecision decisionId and resultVariable (or zeebe:taskDefinition for a job)',
    'zh-CN':
      '业务规则任务 {task} 须调用一个决策：请设置 zeebe:calledDecision 的 decisionId 和 resultVariable（作为作业时设置 zeebe:taskDefinition）',
  },
  'ruleTask.noDecisionId': {
    en: 'Expected a decision id on business rule task {task}: set zeebe:calledDecision decisionId',
    'zh-CN': '业务规则任务 {task} 缺少决策 id：请设置 zeebe:calledDecision 的 decisionId',
  },
  'ruleTask.noResultVariable': {
    en: 'Expected a result variable on business rule task {task}: set zeebe:calledDecision resultVariable',
    'zh-CN': '业务规则任务 {task} 缺少结果变量：请设置 zeebe:calledDecision 的 resultVariable',
  },
  'ruleTask.binding': {
    en: "Expected zeebe:calledDecision bindingType 'latest' on {element}: binding '{binding}' is not supported yet, the latest deployed version is evaluated",
    'zh-CN':
      '{element} 的 zeebe:calledDecision bindingType 须为「latest」：暂不支持「{binding}」，执行的是最新部署的版本',
  },
  'ruleTask.headers': {
    en: 'Expected no zeebe:taskHeaders on business rule task {task}: a called decision has none',
    'zh-CN': '业务规则任务 {task} 不能有 zeebe:taskHeaders：调用决策时没有任务头',
  },
  'scriptTask.noExpression': {
    en: 'Expected a FEEL expression on script task {task}: set zeebe:script expression',
    'zh-CN': '脚本任务 {task} 缺少 FEEL 表达式：请设置 zeebe:script 的 expression',
  },
  'scriptTask.noResultVariable': {
    en: 'Expected a result variable on script task {task}: set zeebe:script resultVariable',
    'zh-CN': '脚本任务 {task} 缺少结果变量：请设置 zeebe:script 的 resultVariable',
  },
  'callActivity.noProcess': {
    en: 'Expected a called process on call activity {activity}: set zeebe:calledElement processId',
    'zh-CN': '调用活动 {activity} 缺少被调用的流程：请设置 zeebe:calledElement 的 processId',
  },
  'callActivity.binding': {
    en: "Expected zeebe:calledElement bindingType 'latest' on {element}: binding '{binding}' is not supported yet, the latest deployed version is called",
    'zh-CN':
      '{element} 的 zeebe:calledElement bindingType 须为「latest」：暂不支持「{binding}」，调用的是最新部署的版本',
  },
  'multiInstance.onEventSubProcess': {
    en: 'Expected no multi-instance on event sub-process {element}',
    'zh-CN': '事件子流程 {element} 不能设为多实例',
  },
  'multiInstance.cardinality': {
    en: 'Expected zeebe:loopCharacteristics inputCollection on multi-instance {element}: loopCardinality is not supported',
    'zh-CN': '多实例 {element} 须使用 zeebe:loopCharacteristics 的 inputCollection：不支持 loopCardinality',
  },
  'multiInstance.noInputCollection': {
    en: 'Expected an input collection on multi-instance {element}: set zeebe:loopCharacteristics inputCollection',
    'zh-CN': '多实例 {element} 缺少输入集合：请设置 zeebe:loopCharacteristics 的 inputCollection',
  },
  'multiInstance.outputPair': {
    en: 'Expected both zeebe:loopCharacteristics outputCollection and outputElement on multi-instance {element}, or neither',
    'zh-CN':
      '多实例 {element} 的 zeebe:loopCharacteristics outputCollection 和 outputElement 须同时设置，或都不设置',
  },

  // Lists and places (where.*: the `where` of an expression or variable problem)
  'list.and': { en: '{first} and {rest}', 'zh-CN': '{first}、{rest}' },
  'where.property': { en: 'the {property} of {element}', 'zh-CN': '{element} 的 {property}' },
  'where.signal': { en: "signal '{signal}' of {element}", 'zh-CN': '{element} 的信号「{signal}」' },
  'where.message': { en: "message '{message}' of {element}", 'zh-CN': '{element} 的消息「{message}」' },
  'where.nameOf': { en: 'the name of {of}', 'zh-CN': '{of}的名称' },
  'where.correlationKeyOf': { en: 'the correlation key of {of}', 'zh-CN': '{of}的关联键' },

  // Events (validate-events.ts, timer-syntax.ts)
  'event.jobOnNonMessage': {
    en: 'Expected no {extension} on {type} {element}: only message throw and end events run a job',
    'zh-CN': '{type} {element} 上不能有 {extension}：只有消息抛出事件和消息结束事件会执行作业',
  },
  'signal.missing': {
    en: 'Expected a signal on {element}: set signalRef to a bpmn:Signal with a name',
    'zh-CN': '{element} 缺少信号：请把 signalRef 设为一个有名称的 bpmn:Signal',
  },
  'signal.noName': {
    en: 'Expected a name on {signal}: set the name of the bpmn:Signal',
    'zh-CN': '{signal}缺少名称：请设置该 bpmn:Signal 的名称',
  },
  'signal.feelStartName': {
    en: "Expected a static name on {signal}: a signal start event waits before any case exists, so there are no variables to evaluate '{value}' with",
    'zh-CN': '{signal}的名称须为固定值：信号启动事件在个案存在之前就在等待，没有变量可用来计算「{value}」',
  },
  'startEvent.timer': { en: 'timer start event', 'zh-CN': '定时启动事件' },
  'startEvent.message': { en: 'message start event', 'zh-CN': '消息启动事件' },
  'startEvent.signal': { en: 'signal start event', 'zh-CN': '信号启动事件' },
  'startEvent.error': { en: 'error start event', 'zh-CN': '错误启动事件' },
  'startEvent.escalation': { en: 'escalation start event', 'zh-CN': '升级启动事件' },
  'startEvent.other': { en: '{kind} start event', 'zh-CN': '{kind} 启动事件' },
  'startEvent.codeAtProcess': {
    en: 'Expected {startEvent} {element} inside an event sub-process: at process level nothing can throw to it',
    'zh-CN': '{startEvent} {element} 须放在事件子流程中：在流程层级没有任何东西能抛出到它',
  },
  'startEvent.triggerInSubProcess': {
    en: 'Expected start event {element} of embedded sub-process {container} to be a none start event: a {startEvent} belongs in an event sub-process',
    'zh-CN': '嵌入式子流程 {container} 的启动事件 {element} 须为空启动事件：{startEvent}应放在事件子流程中',
  },
  'startEvent.noTrigger': {
    en: 'Expected start event {element} of event sub-process {container} to have a message, timer, signal, error or escalation trigger',
    'zh-CN': '事件子流程 {container} 的启动事件 {element} 须有消息、定时、信号、错误或升级触发器',
  },
  'startEvent.errorNonInterrupting': {
    en: 'Expected error start event {element} to be interrupting: an error ends the scope that throws it',
    'zh-CN': '错误启动事件 {element} 须为中断型：错误会结束抛出它的作用域',
  },
  'boundary.notAttached': {
    en: 'Expected boundary event {element} to be attached to an activity (attachedToRef)',
    'zh-CN': '边界事件 {element} 须附着在一个活动上（attachedToRef）',
  },
  'boundary.attachedToNonActivity': {
    en: 'Expected boundary event {element} to be attached to a task, sub-process or call activity, not to {type} {activity}',
    'zh-CN': '边界事件 {element} 须附着在任务、子流程或调用活动上，不能附着在 {type} {activity} 上',
  },
  'boundary.otherScope': {
    en: 'Expected boundary event {element} to sit in the same (sub-)process as {activity}, the activity it is attached to',
    'zh-CN': '边界事件 {element} 须与它所附着的活动 {activity} 位于同一个（子）流程中',
  },
  'boundary.errorNonInterrupting': {
    en: 'Expected error boundary event {element} to be interrupting (cancelActivity="true"): an error ends the activity that throws it',
    'zh-CN': '错误边界事件 {element} 须为中断型（cancelActivity="true"）：错误会结束抛出它的活动',
  },
  'timer.missing': {
    en: 'Expected a timer on {element}: set its timeDuration, timeDate or timeCycle',
    'zh-CN': '{element} 缺少定时器：请设置 timeDuration、timeDate 或 timeCycle',
  },
  'timer.several': {
    en: 'Expected one of timeDuration, timeDate and timeCycle on {element}, found {found}',
    'zh-CN': '{element} 只能有 timeDuration、timeDate、timeCycle 之一，实际有 {found}',
  },
  'timer.durationAtStart': {
    en: 'Expected a timeDate or timeCycle on timer start event {element}: a duration has nothing to count from before the process starts',
    'zh-CN': '定时启动事件 {element} 须使用 timeDate 或 timeCycle：流程开始前，时长没有起算点',
  },
  'timer.invalid': { en: 'Expected {where} to be {expected}', 'zh-CN': '{where}须为{expected}' },
  'timer.duration': {
    en: "an ISO 8601 duration such as PT24H, P1D or P1DT2H, got '{value}'",
    'zh-CN': ' ISO 8601 时长（如 PT24H、P1D 或 P1DT2H），实际为「{value}」',
  },
  'timer.date': {
    en: "an ISO 8601 date-time with offset such as 2025-09-01T08:00:00+08:00, got '{value}'",
    'zh-CN': '带时区偏移的 ISO 8601 日期时间（如 2025-09-01T08:00:00+08:00），实际为「{value}」',
  },
  'timer.cycle': {
    en: "a cycle R<n>/<duration> or R/<duration> such as R3/PT1H, optionally R<n>/<start date-time>/<duration>, got '{value}'",
    'zh-CN':
      '循环 R<次数>/<时长> 或 R/<时长>（如 R3/PT1H），也可写作 R<次数>/<开始日期时间>/<时长>，实际为「{value}」',
  },
  'message.missing': {
    en: 'Expected a message on {element}: set messageRef to a bpmn:Message with a name',
    'zh-CN': '{element} 缺少消息：请把 messageRef 设为一个有名称的 bpmn:Message',
  },
  'message.noName': { en: 'Expected a name on {message}', 'zh-CN': '{message}缺少名称' },
  'message.noCorrelationKey': {
    en: 'Expected a correlation key on {message}: set zeebe:subscription correlationKey (e.g. =caseKey)',
    'zh-CN': '{message}缺少关联键：请设置 zeebe:subscription 的 correlationKey（如 =caseKey）',
  },
  'code.missingError': {
    en: 'Expected an errorCode on error event {element}: set its errorRef to a bpmn:Error with an errorCode',
    'zh-CN': '错误事件 {element} 缺少 errorCode：请把它的 errorRef 设为一个有 errorCode 的 bpmn:Error',
  },
  'code.missingEscalation': {
    en: 'Expected an escalationCode on escalation event {element}: set its escalationRef to a bpmn:Escalation with an escalationCode',
    'zh-CN':
      '升级事件 {element} 缺少 escalationCode：请把它的 escalationRef 设为一个有 escalationCode 的 bpmn:Escalation',
  },
  'code.feelCatch': {
    en: "Expected a static {property} on {element}: a catching event matches thrown codes, got '{value}'",
    'zh-CN': '{element} 的 {property} 须为固定值：捕获事件按抛出的代码匹配，实际为「{value}」',
  },

  // Ids and paths (validate.ts)
  'diagram.noId': { en: 'Expected an id on every {type}', 'zh-CN': '每个 {type} 都须有 id' },
  'diagram.protoId': {
    en: "Expected an element id other than '__proto__'",
    'zh-CN': '元素 id 不能是「__proto__」',
  },
  'path.unreachable': {
    en: 'Expected {element} to be reachable from a start event',
    'zh-CN': '{element} 须能从某个启动事件到达',
  },
  'path.intoStart': {
    en: "Expected no incoming sequence flow into start event '{id}'",
    'zh-CN': '启动事件「{id}」不能有流入的顺序流',
  },
  'path.intoBoundary': {
    en: 'Expected no incoming sequence flow into boundary event {element}',
    'zh-CN': '边界事件 {element} 不能有流入的顺序流',
  },
  'path.eventSubProcessFlows': {
    en: 'Expected no sequence flow into or out of event sub-process {element}: the trigger of its start event starts it',
    'zh-CN': '事件子流程 {element} 不能有流入或流出的顺序流：它由其启动事件的触发器启动',
  },
  'path.outOfEnd': {
    en: "Expected no outgoing sequence flow from end event '{id}'",
    'zh-CN': '结束事件「{id}」不能有流出的顺序流',
  },
  'path.deadEnd': {
    en: 'Expected an outgoing sequence flow from {element}: only end events may end a path',
    'zh-CN': '{element} 须有流出的顺序流：只有结束事件才能结束一条路径',
  },

  // Start events per scope (validate-scopes.ts)
  'scope.eventSubProcessStarts': {
    en: 'Expected one start event per event sub-process, found {count} in {container}',
    'zh-CN': '每个事件子流程只能有一个启动事件，{container} 中有 {count} 个',
  },
  'scope.eventSubProcessNoStart': {
    en: 'Expected a start event in event sub-process {container}: its message, timer, signal, error or escalation trigger starts it',
    'zh-CN': '事件子流程 {container} 中须有启动事件：由它的消息、定时、信号、错误或升级触发器启动',
  },
  'scope.processNoneStarts': {
    en: 'Expected one none start event per process, found {count}',
    'zh-CN': '每个流程只能有一个空启动事件，实际有 {count} 个',
  },
  'scope.processNoStart': {
    en: "Expected a none, message, timer or signal start event in process '{process}', where a case begins",
    'zh-CN': '流程「{process}」中须有空、消息、定时或信号启动事件，个案从那里开始',
  },
  'scope.subProcessStarts': {
    en: 'Expected one none start event per sub-process, found {count} in {container}',
    'zh-CN': '每个子流程只能有一个空启动事件，{container} 中有 {count} 个',
  },
  'scope.subProcessNoStart': {
    en: 'Expected a none start event in embedded sub-process {container}, where it begins',
    'zh-CN': '嵌入式子流程 {container} 中须有空启动事件，子流程从那里开始',
  },

  // Sequence flows and gateways (validate-flows.ts)
  'flow.noSource': {
    en: "Expected sequence flow '{flow}' to have a source (sourceRef)",
    'zh-CN': '顺序流「{flow}」须有起点（sourceRef）',
  },
  'flow.noTarget': {
    en: "Expected sequence flow '{flow}' to have a target (targetRef)",
    'zh-CN': '顺序流「{flow}」须有终点（targetRef）',
  },
  'flow.theProcess': { en: 'the process', 'zh-CN': '流程' },
  'flow.subProcess': { en: 'sub-process {element}', 'zh-CN': '子流程 {element} ' },
  'flow.crossesScope': {
    en: "Expected sequence flow '{flow}' to stay inside {where}: {outside} is in another (sub-)process, and flows may not cross sub-process boundaries",
    'zh-CN': '顺序流「{flow}」须留在{where}内：{outside} 在另一个（子）流程中，顺序流不能跨越子流程边界',
  },
  'flow.conditionNotFromGateway': {
    en: "Expected no condition on flow '{flow}': only flows leaving an exclusive or inclusive gateway are conditional",
    'zh-CN': '顺序流「{flow}」不能有条件：只有从排他网关或包容网关流出的顺序流才带条件',
  },
  'flow.conditionOnDefault': {
    en: "Expected no condition on flow '{flow}', the gateway's default flow",
    'zh-CN': '顺序流「{flow}」是网关的默认流，不能有条件',
  },
  'flow.missingCondition': {
    en: "Expected a condition on flow '{flow}', or mark it as the gateway's default flow",
    'zh-CN': '顺序流「{flow}」须有条件，或设为网关的默认流',
  },
  'where.flowCondition': { en: "the condition of flow '{flow}'", 'zh-CN': '顺序流「{flow}」的条件' },
  'gateway.defaultElsewhere': {
    en: "Expected the default flow '{flow}' to leave gateway '{gateway}'",
    'zh-CN': '默认流「{flow}」须从网关「{gateway}」流出',
  },
  'gateway.defaultOnOther': {
    en: 'Expected no default flow on {element}: default flows are supported on exclusive and inclusive gateways',
    'zh-CN': '{element} 不能有默认流：只有排他网关和包容网关支持默认流',
  },
  'gateway.eventBasedTooFew': {
    en: 'Expected at least two outgoing sequence flows from event-based gateway {gateway}, one per event it waits for',
    'zh-CN': '事件网关 {gateway} 须至少有两条流出的顺序流，每个等待的事件一条',
  },
  'gateway.eventBasedTarget': {
    en: "Expected event-based gateway {gateway} to lead only to timer, message or signal intermediate catch events or receive tasks, but flow '{flow}' leads to {type} {target}",
    'zh-CN':
      '事件网关 {gateway} 只能通向定时、消息或信号中间捕获事件或接收任务，但顺序流「{flow}」通向 {type} {target}',
  },

  // Zeebe extensions and mappings (validate-extensions.ts), job headers (validate-job.ts)
  'extension.misplaced': {
    en: 'Expected no {extension} on {type} {element}: it has no effect there',
    'zh-CN': '{type} {element} 上不能有 {extension}：它在那里不起作用',
  },
  'where.mapping': { en: '{mapping} of {element}', 'zh-CN': '{element} 的 {mapping}' },
  'where.mappingTo': {
    en: "{mapping} '{target}' of {element}",
    'zh-CN': '{element} 的 {mapping}「{target}」',
  },
  'where.targetOf': { en: 'the target of {of}', 'zh-CN': '{of}的目标' },
  'where.sourceOf': { en: 'the source of {of}', 'zh-CN': '{of}的来源' },
  'mapping.noTarget': {
    en: 'Expected a target on every {mapping} of {element}',
    'zh-CN': '{element} 的每个 {mapping} 都须有目标（target）',
  },
  'mapping.noSource': { en: 'Expected a source on {where}', 'zh-CN': '{where}须有来源（source）' },
  'job.retries': {
    en: "Expected the zeebe:taskDefinition retries of {element} to be an integer from 1 to 100, got '{value}'",
    'zh-CN': '{element} 的 zeebe:taskDefinition retries 须为 1 到 100 的整数，实际为「{value}」',
  },
  'job.headerNoKey': {
    en: 'Expected a key on every zeebe:header of {element}',
    'zh-CN': '{element} 的每个 zeebe:header 都须有 key',
  },
  'job.headerProto': {
    en: "Expected a zeebe:header key other than '__proto__' on {element}",
    'zh-CN': '{element} 的 zeebe:header key 不能是「__proto__」',
  },
  'job.headerTwice': {
    en: "Expected each zeebe:header key once on {element}, found '{key}' again",
    'zh-CN': '{element} 的每个 zeebe:header key 只能出现一次，「{key}」重复了',
  },

  // Embedded forms (embedded-forms.ts) and link events (link-events.ts)
  'form.noId': {
    en: "Expected an id on every zeebe:userTaskForm of process '{process}'",
    'zh-CN': '流程「{process}」的每个 zeebe:userTaskForm 都须有 id',
  },
  'form.duplicateId': {
    en: "Expected each zeebe:userTaskForm id once in process '{process}', found '{id}' again",
    'zh-CN': '流程「{process}」中每个 zeebe:userTaskForm id 只能出现一次，「{id}」重复了',
  },
  'form.notSchema': {
    en: "Expected a form-js schema in zeebe:userTaskForm '{id}': {reason}",
    'zh-CN': 'zeebe:userTaskForm「{id}」须为 form-js 表单定义：{reason}',
  },
  'form.jsonUnparsable': {
    en: 'its JSON does not parse ({detail})',
    'zh-CN': '其 JSON 无法解析（{detail}）',
  },
  'form.jsonNotObject': {
    en: 'its JSON is not an object (a form-js schema)',
    'zh-CN': '其 JSON 不是对象（form-js 表单定义）',
  },
  'link.noName': {
    en: 'Expected a link name on link event {element}: set the name of its bpmn:linkEventDefinition',
    'zh-CN': '链接事件 {element} 缺少链接名称：请设置它的 bpmn:linkEventDefinition 的名称',
  },
  'link.severalCatches': {
    en: "Expected one link catch event named '{name}' in {container}, found {count} ({ids}): a link throw must lead to one place",
    'zh-CN':
      '{container} 中名为「{name}」的链接捕获事件只能有一个，实际有 {count} 个（{ids}）：链接抛出事件只能通向一处',
  },
  'link.throwWithOutgoing': {
    en: "Expected no outgoing sequence flow from link throw event {element}: the token goes on at link catch event '{name}'",
    'zh-CN': '链接抛出事件 {element} 不能有流出的顺序流：令牌会在链接捕获事件「{name}」处继续',
  },
  'link.noCatch': {
    en: "Expected a link catch event named '{name}' in {container}, the scope of link throw event {element}",
    'zh-CN': '链接抛出事件 {element} 所在的 {container} 中须有名为「{name}」的链接捕获事件',
  },

  // Coverage (coverage-problems.ts)
  'coverage.expectedSupported': {
    en: 'Expected only supported elements: {detail}',
    'zh-CN': '只能使用 CarePath 支持的元素：{detail}',
  },
  'coverage.what': { en: '{type}', 'zh-CN': '{type}' },
  'coverage.whatWith': { en: '{type} with {definition}', 'zh-CN': '{type} + {definition}' },
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
