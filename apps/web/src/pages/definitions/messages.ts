// The process definitions page's messages (#/definitions): spread into apps/web/src/i18n/zh-CN.ts
// and en.ts (docs/web.md#i18n). The element/problem column names also head ProblemErrorsTable.

const zhCN = {
  'defs.title': '流程定义',
  'defs.deployTitle': '部署 BPMN 流程图',
  'defs.file': 'BPMN 文件',
  'defs.deploy': '部署',
  'defs.deploying': '正在部署…',
  'defs.chooseFile': '请先选择一个 .bpmn 文件',
  'defs.deployed': '已部署 {key}，第 {version} 版',
  'defs.warnings': '警告',
  'defs.errors': '流程图校验未通过',
  'defs.col.key': '流程标识',
  'defs.col.version': '版本',
  'defs.col.name': '名称',
  'defs.col.deployedAt': '部署时间',
  'defs.col.deployedBy': '部署人',
  'defs.col.elementId': '元素',
  'defs.col.message': '问题',
  'defs.empty': '还没有部署任何流程',
  'defs.pickFile': '选择文件',
  'defs.subtitle': '已部署的流程及其各个版本；点击流程标识查看版本与变更',
};

const en: Record<keyof typeof zhCN, string> = {
  'defs.title': 'Process definitions',
  'defs.deployTitle': 'Deploy a BPMN diagram',
  'defs.file': 'BPMN file',
  'defs.deploy': 'Deploy',
  'defs.deploying': 'Deploying…',
  'defs.chooseFile': 'Choose a .bpmn file first',
  'defs.deployed': 'Deployed {key}, version {version}',
  'defs.warnings': 'Warnings',
  'defs.errors': 'The diagram did not pass validation',
  'defs.col.key': 'Key',
  'defs.col.version': 'Version',
  'defs.col.name': 'Name',
  'defs.col.deployedAt': 'Deployed at',
  'defs.col.deployedBy': 'Deployed by',
  'defs.col.elementId': 'Element',
  'defs.col.message': 'Problem',
  'defs.empty': 'No process has been deployed yet',
  'defs.pickFile': 'Choose file',
  'defs.subtitle': 'Deployed processes and their versions; open a key to see its versions and what changed',
};

export const definitionsMessages = { 'zh-CN': zhCN, en };
