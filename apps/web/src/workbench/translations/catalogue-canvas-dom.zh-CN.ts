import { type DomPattern } from './dom-translator';

/**
 * Texts written straight into the modeler's DOM without `translate`: bpmn-js-token-simulation
 * 0.39.4 (lib/features/**) and diagram-js 15.28.1's popup menu. Translated by the observer that
 * `bpmnTranslateModule` starts on the canvas container (canvas-dom-translation.ts).
 */
export const canvasDomZhCN: Record<string, string> = {
  // diagram-js popup menu
  Search: '搜索',
  Back: '返回',
  'Open entry documentation': '打开此项的文档',

  // token simulation: toggle, palette, notifications, context pads
  'Token Simulation': '令牌模拟',
  'Toggle Simulation Log': '显示/隐藏模拟日志',
  'Simulation Log': '模拟日志',
  'No Entries': '暂无记录',
  'Reset Simulation': '重置模拟',
  'Play/Pause Simulation': '播放/暂停模拟',
  'Pause Simulation': '模拟已暂停',
  'Play Simulation': '模拟继续',
  Finished: '已完成',
  'Found unsupported elements': '发现模拟不支持的元素',
  'Not supported': '不支持',
  'Set Sequence Flow': '选择要走的顺序流',
  'Add pause point': '添加暂停点',
  'Remove pause point': '移除暂停点',
  'Trigger Event': '触发事件',
  'Set animation speed = Slow': '动画速度：慢',
  'Set animation speed = Normal': '动画速度：正常',
  'Set animation speed = Fast': '动画速度：快',

  // token simulation log: element kinds shown when an element has no name
  'Service Task': '服务任务',
  'User Task': '用户任务',
  'Call Activity': '调用活动',
  'Script Task': '脚本任务',
  'Business Rule Task': '业务规则任务',
  'Manual Task': '手工任务',
  'Receive Task': '接收任务',
  'Send Task': '发送任务',
  Task: '任务',
  'Exclusive Gateway': '排他网关',
  'Parallel Gateway': '并行网关',
  'Inclusive Gateway': '包容网关',
  'Start Event': '开始事件',
  'Intermediate Event': '中间事件',
  'Boundary Event': '边界事件',
  'End Event': '结束事件',
};

const SCOPE: Record<string, string> = { Process: '流程', SubProcess: '子流程' };
const OUTCOME: Record<string, string> = { started: '已开始', finished: '已结束', canceled: '已取消' };

/** The log's `${name || 'SubProcess' | 'Process'} started|finished|canceled`. */
export const canvasDomZhCNPatterns: readonly DomPattern[] = [
  {
    pattern: /^(.+) (started|finished|canceled)$/,
    zh: (scope, outcome) => `${SCOPE[scope] ?? scope} ${OUTCOME[outcome] ?? outcome}`,
    within: '.bts-log, .bts-notifications',
  },
];
