import type { RequestLanguage } from '../common/language';
import type { ComplianceStatus } from './compliance-lines';

/** The words of the compliance PDF and of the district view's CSV, in both languages. */
export const COMPLIANCE_WORDS = {
  'zh-CN': {
    title: '个案时限合规审查（倒查追责）',
    businessKey: '个案编号',
    unit: '所属单位',
    process: '流程及版本',
    instanceId: '个案 ID',
    generated: '生成时间 / 生成人',
    chain: '审计链校验',
    chainOk: '通过：审计记录完整、未被篡改',
    chainFailed: '未通过：审计链有断裂或签名不符，请联系管理员',
    table: '时限一览',
    step: '环节',
    due: '期限',
    done: '完成时间',
    by: '办理人',
    lateBy: '超时',
    escalations: '督办',
    status: '状态',
    evidence: '证据（审计记录 seq 与哈希前缀）',
    none: '无',
    noLines: '本个案没有带期限的环节。',
    page: (n: number, total: number) => `第 ${n} / ${total} 页`,
    purged: '本个案已消档：内容已销毁，办理人与时间等最小记录保留。',
    sealed: '本个案档案已封存，本次查阅已记录理由。',
    statuses: {
      onTime: '按时',
      late: '超时完成',
      open: '办理中',
      overdue: '已超期未办',
      cancelled: '已撤销',
    } satisfies Record<ComplianceStatus, string>,
    types: {
      'task.opened': '任务开始',
      'task.completed': '任务完成',
      'timer.fired': '计时触发',
      'element.terminated': '环节终止',
    } as Record<string, string>,
  },
  en: {
    title: 'Deadline compliance review',
    businessKey: 'Case key',
    unit: 'Unit',
    process: 'Process and version',
    instanceId: 'Case id',
    generated: 'Generated at / by',
    chain: 'Audit chain',
    chainOk: 'verified: the audit record is complete and unaltered',
    chainFailed: 'NOT verified: the chain has a broken link or a bad signature; tell an administrator',
    table: 'Deadlines',
    step: 'Step',
    due: 'Due',
    done: 'Done',
    by: 'By',
    lateBy: 'Late by',
    escalations: 'Escalations',
    status: 'Status',
    evidence: 'Evidence (audit entry seq and hash prefix)',
    none: 'none',
    noLines: 'This case had no step with a due date.',
    page: (n: number, total: number) => `Page ${n} of ${total}`,
    purged: 'This case was purged: its content is destroyed; who did what and when remain.',
    sealed: 'This case file is sealed; this read was recorded with its reason.',
    statuses: {
      onTime: 'on time',
      late: 'done late',
      open: 'open',
      overdue: 'overdue',
      cancelled: 'withdrawn',
    } satisfies Record<ComplianceStatus, string>,
    types: {
      'task.opened': 'task opened',
      'task.completed': 'task completed',
      'timer.fired': 'timer fired',
      'element.terminated': 'step ended',
    } as Record<string, string>,
  },
} as const;

/** A time as people in the case's time zone read it: `2026-12-05 14:03` (Asia/Shanghai). */
export function shanghaiTime(iso: string | null): string {
  if (!iso) return '';
  const at = new Date(Date.parse(iso) + 8 * 3_600_000);
  return at.toISOString().slice(0, 16).replace('T', ' ');
}

/** A duration in words, the two largest units: `3 小时 5 分钟`, `3 h 5 min`; empty for none. */
export function durationWords(ms: number, language: RequestLanguage): string {
  if (ms <= 0) return '';
  const units =
    language === 'zh-CN'
      ? ([
          [86_400_000, '天'],
          [3_600_000, '小时'],
          [60_000, '分钟'],
          [1_000, '秒'],
        ] as const)
      : ([
          [86_400_000, 'd'],
          [3_600_000, 'h'],
          [60_000, 'min'],
          [1_000, 's'],
        ] as const);
  const index = units.findIndex(([size]) => ms >= size);
  if (index < 0) return language === 'zh-CN' ? '不到 1 秒' : 'under 1 s';
  const [size, unit] = units[index]!;
  const whole = Math.floor(ms / size);
  const parts = [`${whole} ${unit}`];
  const next = units[index + 1];
  if (next) {
    const n = Math.floor((ms - whole * size) / next[0]);
    if (n > 0) parts.push(`${n} ${next[1]}`);
  }
  return parts.join(' ');
}
