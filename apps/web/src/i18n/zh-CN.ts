import { caseMessages } from '../pages/cases/messages';
import { confidentialityMessages } from '../pages/cases/confidentialityMessages';
import { complianceMessages } from '../pages/compliance/messages';
import { notificationsMessages } from '../components/notifications/messages';
import { diagramMessages } from '../components/diagram/messages';
import { definitionsMessages } from '../pages/definitions/messages';
import { formsMessages } from '../workbench/forms/messages';
import { calendarsMessages } from '../pages/calendars/messages';
import { consoleMessages } from '../pages/console/messages';
import { inboxMessages } from '../pages/inbox/messages';
import { reportMessages } from '../pages/reports/messages';
import { modelerMessages } from '../workbench/modeler/messages';
import { versionsMessages } from '../workbench/versions/messages';

// The default catalogue. Its keys define MessageKey; en.ts must provide exactly the same keys.
// Each workbench feature keeps its messages beside its code and is spread in here.
export const zhCN = {
  ...diagramMessages['zh-CN'],
  ...versionsMessages['zh-CN'],
  ...definitionsMessages['zh-CN'],
  'app.name': 'CarePath',
  'app.tagline': '学生心理危机个案关护',
  'nav.inbox': '待办',
  'nav.cases': '个案',
  'nav.definitions': '流程定义',
  'nav.tasks': '任务总览',
  'nav.processes': '流程监控',
  'header.menu': '菜单',
  'userPicker.search': '输入姓名或用户名查找',
  'userPicker.noMatch': '没有找到匹配的人员',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'header.logout': '退出登录',
  'header.language': '语言',

  'notifications.bell': '通知（{count} 条未读）',
  'notifications.title': '未读通知',
  'notifications.empty': '没有未读通知',
  'notifications.openCase': '查看个案',
  'notifications.markRead': '标为已读',
  'notifications.more': '仅显示最新的未读通知，标为已读后会显示更早的',

  'role.admin': '管理员',
  'role.psychLead': '心理负责人',
  'role.districtSupervisor': '督导',
  'role.principal': '校长',
  'role.psychTeacher': '心理教师',
  'role.gradeLeader': '年级组长',
  'role.classTeacher': '班主任',
  'role.peerMonitor': '心理委员',

  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.failed': '用户名或密码错误',

  'common.loading': '加载中…',
  'common.refresh': '刷新',
  'common.loadMore': '加载更多',
  'common.cancel': '取消',
  'common.none': '—',
  'error.network': '无法连接服务器，请稍后再试',
  'error.sessionExpired': '登录已过期，请重新登录',
  'error.generic': '请求失败（{status}）',

  'complete.submit': '提交并完成',
  'complete.submitting': '正在提交…',

  'vars.modeRows': '逐项填写',
  'vars.modeJson': 'JSON',
  'vars.key': '变量名',
  'vars.value': '值',
  'vars.addRow': '添加变量',
  'vars.removeRow': '删除',
  'vars.hint': '值按 JSON 解析（如 true、3、"文本"），无法解析时按文本保存。',
  'vars.invalidJson': 'JSON 格式错误：{message}',
  'vars.notObject': '必须是一个 JSON 对象，例如 {"riskLevel": "low"}',
  'vars.duplicateKey': '变量名重复：{key}',
  'vars.emptyKey': '有值的行必须填写变量名',

  'state.active': '进行中',
  'state.completed': '已完成',
  'state.cancelled': '已取消',
  'state.incident': '异常',

  'cases.title': '个案',
  'cases.filterState': '状态',
  'cases.filterAll': '全部',
  'cases.col.definition': '流程',
  'cases.col.businessKey': '业务编号',
  'cases.col.org': '组织节点',
  'cases.col.state': '状态',
  'cases.col.started': '开始时间',
  'cases.col.ended': '结束时间',
  'cases.col.overdue': '逾期任务',
  'cases.col.incidents': '未处理异常',
  'cases.empty': '没有符合条件的个案',

  'case.title': '个案详情',
  'case.field.sealed': '封存时间',
  'case.field.purged': '消档时间',
  'case.sealed.title': '该个案档案已封存',
  'case.sealed.explain': '封存的档案只读。查阅须说明理由，理由将与查阅人、查阅时间一并记录。',
  'case.sealed.reason': '查阅理由',
  'case.sealed.open': '说明理由并查阅',
  'case.back': '← 返回个案列表',
  'case.field.id': '个案编号',
  'case.field.definition': '流程',
  'case.field.state': '状态',
  'case.field.org': '组织节点',
  'case.field.started': '开始时间',
  'case.field.ended': '结束时间',
  'case.active': '当前所在节点',
  'case.activeEmpty': '没有进行中的节点',
  'case.col.element': '节点',
  'case.col.since': '开始于',
  'case.incidents': '异常',
  'case.col.message': '说明',
  'case.col.actions': '操作',
  'case.variables': '流程变量',
  'case.history': '个案时间线',
  'case.historyEmpty': '暂无记录',
  'case.col.seq': '序号',
  'case.col.time': '时间',
  'case.col.type': '事件',
  'case.col.actor': '操作人',

  'incident.retry': '重试',
  'incident.retryTitle': '重试异常：{element}',
  'incident.retryHint': '可先设置变量（例如补上或修正 score），再重新执行出错的步骤。不填则直接重试。',
  'incident.retrySubmit': '设置变量并重试',
  'incident.retrying': '正在重试…',
  'incident.retried': '已重试异常，个案已刷新',
  'incident.retryForbidden': '只有个案所在组织或上级的督导、校长、心理负责人或管理员可以重试异常',
  'incident.retryConflict': '该异常已被处理，请刷新个案',

  'notFound.title': '页面不存在',

  ...formsMessages['zh-CN'],
  ...modelerMessages['zh-CN'],
  ...calendarsMessages['zh-CN'],
  ...caseMessages['zh-CN'],
  ...confidentialityMessages['zh-CN'],
  ...notificationsMessages['zh-CN'],
  ...consoleMessages['zh-CN'],
  ...inboxMessages['zh-CN'],
  ...reportMessages['zh-CN'],
  ...complianceMessages['zh-CN'],
} satisfies Record<string, string>;

export type MessageKey = keyof typeof zhCN;
export type Catalogue = Record<MessageKey, string>;
