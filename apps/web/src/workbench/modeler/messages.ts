// The modeler's own strings (toolbar, notices, deploy results, CarePath's panel entries). The
// app's catalogues spread these in, so they are ordinary MessageKeys. bpmn-js's own strings come
// from the translations module instead (docs/modeler.md#languages).
const zhCN = {
  'nav.modeler': '流程建模',

  'modeler.title': '流程建模',
  'modeler.titleKey': '流程建模：{key}',
  'modeler.newTitle': '新建流程',
  'modeler.version': '基于第 {version} 版',
  'modeler.unsavedBadge': '有未部署的修改',
  'modeler.loading': '正在加载建模器…',
  'modeler.loadFailed': '无法加载流程图：{message}',
  'modeler.importFailed': '无法打开此流程图：{message}',
  'modeler.notFound': '找不到流程 {key}',
  'modeler.versionNotFound': '流程 {key} 没有第 {version} 版',
  'modeler.vocabularyFailed': '无法获取服务器的元素支持列表，部分检查暂不可用',
  'modeler.templatesFailed': '无法获取元素模板',
  'modeler.smallScreen': '流程建模需要更大的屏幕（宽度至少 768 像素）。请在电脑或平板上打开此页面。',
  'modeler.canvasLabel': '流程图画布',
  'modeler.panelLabel': '属性面板',

  'modeler.toolbar': '建模工具栏',
  'modeler.open': '打开文件',
  'modeler.download': '下载 XML',
  'modeler.undo': '撤销',
  'modeler.redo': '重做',
  'modeler.zoomIn': '放大',
  'modeler.zoomOut': '缩小',
  'modeler.zoomFit': '适应窗口',
  'modeler.simulate': '模拟运行',
  'modeler.simulateOn': '退出模拟',
  'modeler.simulateHint': '模拟模式：点击开始事件上的播放按钮，观察令牌走向；在网关上可以选择分支。',
  'modeler.deploy': '部署',
  'modeler.deploying': '正在部署…',
  'modeler.shortcuts': '快捷键：Ctrl+Z 撤销，Ctrl+Y 重做，Ctrl+A 全选，Delete 删除（先点击画布）',

  'modeler.deployedVersion': '已部署为版本 {version}',
  'modeler.unchanged': '没有变化：与最新版本 {version} 相同',
  'modeler.deployFailed': '部署未通过：请修改下列问题后再部署',
  'modeler.problems': '问题（{count}）',
  'modeler.problemsHint': '点击一项可在图中选中对应元素。',
  'modeler.documentProblem': '整个流程图',
  'modeler.warnings': '警告',

  'modeler.draftRestored': '已恢复 {time} 保存在本机的草稿（尚未部署）。',
  'modeler.discardDraft': '放弃草稿',
  'modeler.confirmLeave': '流程图有尚未部署的修改。确定离开吗？草稿会保存在本机。',
  'modeler.confirmOpen': '打开文件会替换当前流程图中尚未部署的修改。继续吗？',
  'modeler.openFailed': '无法读取文件：{message}',

  'modeler.defaultName': '新流程',
  'modeler.panel.candidateRoles': '候选角色',
  'modeler.panel.candidateRolesHint': '任务开放给个案所在组织（或最近的上级）中拥有所选角色的人员。',
  'modeler.panel.otherGroups': '其他候选组：{groups}',
  'modeler.panel.jobType': '服务类型',
  'modeler.panel.jobTypeNone': '（请选择）',
  'modeler.panel.jobTypeUnknown': '{type}（服务器不支持）',
  'modeler.panel.form': '关联表单',
  'modeler.panel.formHint': '办理任务时填写的表单。在“表单”页面设计并保存的表单会出现在这里。',
  'modeler.panel.formNone': '（无）',
  'modeler.panel.formUnknown': '(未部署) {formId}',
  'modeler.panel.formOther': '（其他表单：见下方）',
  'modeler.formsFailed': '无法获取服务器上的表单列表，表单只能保持原样',

  'defs.newDiagram': '新建流程',
  'defs.edit': '编辑',
  'defs.col.actions': '操作',
};

const en: Record<keyof typeof zhCN, string> = {
  'nav.modeler': 'Modeler',

  'modeler.title': 'Process modeler',
  'modeler.titleKey': 'Process modeler: {key}',
  'modeler.newTitle': 'New process',
  'modeler.version': 'Based on version {version}',
  'modeler.unsavedBadge': 'Changes not deployed',
  'modeler.loading': 'Loading the modeler…',
  'modeler.loadFailed': 'Could not load the diagram: {message}',
  'modeler.importFailed': 'Could not open this diagram: {message}',
  'modeler.notFound': 'No process {key}',
  'modeler.versionNotFound': 'Process {key} has no version {version}',
  'modeler.vocabularyFailed': "Could not load the server's element support list; some checks are off",
  'modeler.templatesFailed': 'Could not load the element templates',
  'modeler.smallScreen':
    'The modeler needs a larger screen (at least 768 pixels wide). Open this page on a computer or tablet.',
  'modeler.canvasLabel': 'Diagram canvas',
  'modeler.panelLabel': 'Properties panel',

  'modeler.toolbar': 'Modeler toolbar',
  'modeler.open': 'Open file',
  'modeler.download': 'Download XML',
  'modeler.undo': 'Undo',
  'modeler.redo': 'Redo',
  'modeler.zoomIn': 'Zoom in',
  'modeler.zoomOut': 'Zoom out',
  'modeler.zoomFit': 'Fit to window',
  'modeler.simulate': 'Simulate',
  'modeler.simulateOn': 'Stop simulation',
  'modeler.simulateHint':
    'Simulation: press play on a start event and watch the token; choose a branch on a gateway.',
  'modeler.deploy': 'Deploy',
  'modeler.deploying': 'Deploying…',
  'modeler.shortcuts':
    'Shortcuts: Ctrl+Z undo, Ctrl+Y redo, Ctrl+A select all, Delete (click the canvas first)',

  'modeler.deployedVersion': 'Deployed as version {version}',
  'modeler.unchanged': 'No change: identical to the latest version {version}',
  'modeler.deployFailed': 'Not deployed: fix the problems below and deploy again',
  'modeler.problems': 'Problems ({count})',
  'modeler.problemsHint': 'Click one to select its element on the diagram.',
  'modeler.documentProblem': 'The whole diagram',
  'modeler.warnings': 'Warnings',

  'modeler.draftRestored': 'Restored a draft saved on this computer at {time} (not deployed).',
  'modeler.discardDraft': 'Discard draft',
  'modeler.confirmLeave':
    'The diagram has changes that are not deployed. Leave anyway? The draft stays on this computer.',
  'modeler.confirmOpen': 'Opening a file replaces the changes not deployed yet. Continue?',
  'modeler.openFailed': 'Could not read the file: {message}',

  'modeler.defaultName': 'New process',
  'modeler.panel.candidateRoles': 'Candidate roles',
  'modeler.panel.candidateRolesHint':
    "The task is offered to the holders of the chosen roles at the case's unit (or the nearest unit above).",
  'modeler.panel.otherGroups': 'Other candidate groups: {groups}',
  'modeler.panel.jobType': 'Service',
  'modeler.panel.jobTypeNone': '(choose one)',
  'modeler.panel.jobTypeUnknown': '{type} (not supported by the server)',
  'modeler.panel.form': 'Linked form',
  'modeler.panel.formHint':
    'The form filled in to complete the task. Forms designed and saved on the Forms page are listed here.',
  'modeler.panel.formNone': '(none)',
  'modeler.panel.formUnknown': '(not deployed) {formId}',
  'modeler.panel.formOther': '(another kind of form: see below)',
  'modeler.formsFailed': "Could not load the server's forms; task forms can only be kept as they are",

  'defs.newDiagram': 'New process',
  'defs.edit': 'Edit',
  'defs.col.actions': 'Actions',
};

export const modelerMessages = { 'zh-CN': zhCN, en };
