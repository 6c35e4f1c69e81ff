import { type DomPattern } from './dom-translator';

/**
 * The rest of what reaches `translate` in the modeler: @bpmn-io/properties-panel 3.55.0 (the
 * panel's own chrome), bpmn-js-element-templates 2.37.0, @bpmn-io/element-template-chooser 3.0.0,
 * bpmn-js-bpmnlint 0.24.0 (its button and overlay; the messages go through lint-messages.ts), and
 * the properties panel header's element type labels (bpmn-js-properties-panel builds them from the
 * element's concrete type: 'TimerBoundaryEventNonInterrupting' → 'Timer Boundary Event (Non
 * Interrupting)').
 */
export const panelChromeZhCN: Record<string, string> = {
  'Toggle section': '展开/收起',
  // bpmn-js-element-templates 2.37.0 hard-codes the template button's title (SelectEntryTemplate)
  'Select a template': '选择模板',
  'Section contains an error': '此部分有错误',
  'Section contains edits': '此部分已填写',
  'Toggle list item': '展开/收起列表项',
  'Delete item': '删除此项',
  'Create new list item': '新建列表项',
  'List contains {numOfItems} item': '列表中有 {numOfItems} 项',
  'List contains {numOfItems} items': '列表中有 {numOfItems} 项',
  'JSON contains errors': 'JSON 有错误',
  'Open pop-up editor': '在弹出编辑器中打开',
  'Opened in editor': '已在编辑器中打开',
  'FEEL expression is mandatory': '此处必须填写 FEEL 表达式',
  'Click to remove dynamic value with FEEL expression': '点击取消用 FEEL 表达式设置的动态值',
  'Click to set a dynamic value with FEEL expression': '点击用 FEEL 表达式设置动态值',
  'Unparsable FEEL expression.': '无法解析的 FEEL 表达式。',
};

/**
 * The list badge's title when @bpmn-io/properties-panel translates it itself (no translate
 * service handed down): 'List contains 3 items', the count already filled in.
 */
export const panelChromeZhCNPatterns: readonly DomPattern[] = [
  {
    pattern: /^List contains (\d+) items?$/,
    zh: (count) => `列表中有 ${count} 项`,
    within: '.bio-properties-panel-list-badge',
  },
];

export const elementTemplatesZhCN: Record<string, string> = {
  '{label} must not be empty.': '{label}不能为空。',
  'Must not be empty.': '不能为空。',
  '{label} cannot exceed {maxLength} characters.': '{label}不能超过 {maxLength} 个字符。',
  'Cannot exceed {maxLength} characters.': '不能超过 {maxLength} 个字符。',
  '{label} must be at least {minLength} characters.': '{label}至少需要 {minLength} 个字符。',
  'Must be at least {minLength} characters.': '至少需要 {minLength} 个字符。',
  '{label} {message}': '{label}：{message}',
  '{label} must match pattern {pattern}.': '{label}必须符合格式 {pattern}。',
  'Must match pattern {pattern}.': '必须符合格式 {pattern}。',
  Select: '选择',
  Change: '更换',
  Unlink: '解除关联',
  Applied: '已应用',
  Remove: '移除',
  'Not found': '未找到',
  'The template applied was not found. Therefore, its properties cannot be shown. Unlink to access the data.':
    '找不到已应用的模板，因此无法显示它的属性。解除关联后可查看数据。',
  'Update available': '有可用更新',
  Incompatible: '不兼容',
  'A new version of the template is available: {templateVersion}': '模板有新版本：{templateVersion}',
  'A version of this template is available that supports your environment: {templateVersion}':
    '此模板有一个适用于当前环境的版本：{templateVersion}',
  Deprecated: '已弃用',
  'This template is deprecated.': '此模板已弃用。',
  'No compatible version of this template was found for your environment. Unlink to access the template’s data.':
    '没有找到适用于当前环境的模板版本。解除关联后可查看模板的数据。',
  'Scientific notation is disallowed in FEEL.': 'FEEL 中不允许使用科学计数法。',
  'Could not load configurations': '无法加载配置',
  'Incompatible configuration type': '配置类型不兼容',
  'Version {version} · Requires version {minimumVersion}+':
    '版本 {version} · 需要 {minimumVersion} 及以上版本',
  'Not found on cluster': '集群中未找到',
  'Configuration not found': '未找到配置',
  'No cluster connected': '未连接集群',
  'More actions': '更多操作',
  Edit: '编辑',
  Upgrade: '升级',
  Unset: '清除',
  'Choose {configuration}': '选择{configuration}',
  'Refreshing configurations...': '正在刷新配置…',
  Configurations: '配置',
  'Loading...': '加载中…',
  'No compatible configurations are available in the connected cluster': '所连接的集群中没有兼容的配置',
  'Custom properties': '自定义属性',
  Template: '模板',
  Configuration: '配置',
  'Field cannot exceed {maxLength} characters.': '字段不能超过 {maxLength} 个字符。',
  'Field must be at least {minLength} characters.': '字段至少需要 {minLength} 个字符。',
  'Local variable assignment': '赋值给局部变量',
  "Parameter won't be created as local variable.": '该参数不会创建为局部变量。',
  '<unnamed>': '<未命名>',
  'Process variable assignment': '赋值给流程变量',
  "Parameter won't be available in process scope.": '该参数在流程作用域中不可用。',
  'Process variable name must not be empty.': '流程变量名不能为空。',
  'Process variable name must not contain spaces.': '流程变量名不能包含空格。',
  'Assign to process variable': '赋值给流程变量',
  'Choose element template': '选择元素模板',
};

export const lintChromeZhCN: Record<string, string> = {
  'Issues for child elements': '子元素的问题',
  '{errors} Errors, {warnings} Warnings': '{errors} 个错误，{warnings} 个警告',
  'No Issues': '没有问题',
  'Toggle linting overlays': '显示/隐藏检查结果',
};

/** Event definition prefixes of header type labels, and the bases they combine with. */
const EVENT_PREFIX: Record<string, string> = {
  '': '',
  Cancel: '取消',
  Compensate: '补偿',
  Conditional: '条件',
  Error: '错误',
  Escalation: '升级',
  Link: '链接',
  Message: '消息',
  Multiple: '多重',
  Parallel: '并行多重',
  'Parallel Multiple': '并行多重',
  Signal: '信号',
  Terminate: '终止',
  Timer: '定时器',
};
const EVENT_BASE: Record<string, string> = {
  'Start Event': '开始事件',
  'End Event': '结束事件',
  'Intermediate Catch Event': '中间捕获事件',
  'Intermediate Throw Event': '中间抛出事件',
  'Boundary Event': '边界事件',
};

function eventTypeLabels(): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [prefix, zhPrefix] of Object.entries(EVENT_PREFIX)) {
    for (const [base, zhBase] of Object.entries(EVENT_BASE)) {
      const english = prefix ? `${prefix} ${base}` : base;
      labels[english] = `${zhPrefix}${zhBase}`;
      labels[`${english} (Non Interrupting)`] = `${zhPrefix}${zhBase}（非中断）`;
    }
  }
  return labels;
}

export const headerTypeZhCN: Record<string, string> = {
  ...eventTypeLabels(),
  Association: '关联',
  'Business Rule Task': '业务规则任务',
  'Call Activity': '调用活动',
  Collaboration: '协作',
  'Conditional Flow': '条件流',
  'Sequence Flow': '顺序流',
  'Default Flow': '默认流',
  'Data Input': '数据输入',
  'Data Input Association': '数据输入关联',
  'Data Output': '数据输出',
  'Data Output Association': '数据输出关联',
  'Data Object Reference': '数据对象引用',
  'Data Store Reference': '数据存储引用',
  'Event Sub Process': '事件子流程',
  'Complex Gateway': '复杂网关',
  'Event Based Gateway': '事件网关',
  'Exclusive Gateway': '排他网关',
  Gateway: '网关',
  'Inclusive Gateway': '包容网关',
  'Parallel Gateway': '并行网关',
  Group: '分组',
  Lane: '泳道',
  'Manual Task': '手工任务',
  'Message Flow': '消息流',
  Participant: '参与者',
  Process: '流程',
  'Receive Task': '接收任务',
  'Script Task': '脚本任务',
  'Send Task': '发送任务',
  'Service Task': '服务任务',
  'Collapsed Sub Process': '子流程（折叠）',
  'Collapsed Ad Hoc Sub Process': '特设子流程（折叠）',
  'Expanded Sub Process': '子流程（展开）',
  'Expanded Ad Hoc Sub Process': '特设子流程（展开）',
  'Text Annotation': '文本注释',
  'User Task': '用户任务',
};
