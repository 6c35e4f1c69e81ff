// How a task reads to a teacher: its due time in words ("2 小时后到期", "已逾期 3 小时") beside
// the date, its priority as 高/中/低, and who holds it by name rather than by username.
import { useQueries } from '@tanstack/react-query';
import { Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { request } from '../../api/http';
import type { ApiResponses, Me, Task } from '../../api/types';
import { useI18n, type Translate } from '../../i18n/i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 小时" for a span of time: minutes under an hour, hours under two days, then days. */
export function spanWords(ms: number, t: Translate): string {
  const abs = Math.abs(ms);
  if (abs < HOUR) return t('inbox.span.minutes', { n: Math.max(1, Math.round(abs / MINUTE)) });
  if (abs < 2 * DAY) return t('inbox.span.hours', { n: Math.round(abs / HOUR) });
  return t('inbox.span.days', { n: Math.round(abs / DAY) });
}

export const isOverdue = (task: Pick<Task, 'dueAt' | 'state'>, now: number): boolean =>
  task.state === 'open' && task.dueAt !== null && Date.parse(task.dueAt) < now;

/** The current time, ticking every minute so relative due times stay true on an open page. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), MINUTE);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** The due time relative and absolute; overdue in red. */
export function DueTime({ task, now, block }: { task: Task; now: number; block?: boolean }) {
  const { t, formatDateTime } = useI18n();
  if (!task.dueAt) return <Typography.Text type="secondary">{t('inbox.noDue')}</Typography.Text>;
  const left = Date.parse(task.dueAt) - now;
  const overdue = isOverdue(task, now);
  const relative = overdue
    ? t('inbox.due.overdueBy', { span: spanWords(left, t) })
    : left < MINUTE
      ? t('inbox.due.now')
      : t('inbox.due.in', { span: spanWords(left, t) });
  return (
    <span className={`due-time${overdue ? ' overdue' : ''}${block ? ' block' : ''}`} data-testid="task-due">
      <span className="due-relative" data-testid={overdue ? 'task-overdue' : 'task-due-relative'}>
        {relative}
      </span>
      <span className="due-absolute">{formatDateTime(task.dueAt)}</span>
    </span>
  );
}

/** 高 at 75 and above, 低 at 25 and below (Zeebe's default is 50). */
export function PriorityTag({ priority }: { priority: number | null }) {
  const { t } = useI18n();
  if (priority === null) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const [color, key] =
    priority >= 75
      ? (['red', 'inbox.priority.high'] as const)
      : priority <= 25
        ? (['default', 'inbox.priority.low'] as const)
        : (['blue', 'inbox.priority.medium'] as const);
  return (
    <Tooltip title={t('inbox.priority.title', { value: priority })}>
      <Tag color={color} data-testid="task-priority" style={{ marginInlineEnd: 0 }}>
        {t(key)}
      </Tag>
    </Tooltip>
  );
}

/**
 * Display names for usernames (task holders, history actors), looked up through GET /api/users
 * (users in the caller's scope). One outside the caller's scope keeps its username.
 */
export function useDisplayNames(usernames: readonly (string | null | undefined)[]): Map<string, string> {
  const wanted = [...new Set(usernames.filter((name): name is string => !!name))].sort();
  const results = useQueries({
    queries: wanted.map((username) => ({
      queryKey: ['user-name', username],
      staleTime: 10 * 60_000,
      retry: false,
      queryFn: async () => {
        const page = await request<ApiResponses['GET /api/users']>(
          'GET',
          `/users?q=${encodeURIComponent(username)}&limit=20`,
        );
        const found = page.items.find((user) => user.username === username);
        return found?.displayName || username;
      },
    })),
  });
  const names = new Map<string, string>();
  wanted.forEach((username, index) => names.set(username, results[index]?.data ?? username));
  return names;
}

/** Who holds a task, in words: 我, a name, or 待认领. */
export function holderWords(
  task: Pick<Task, 'assignee'>,
  me: string,
  names: Map<string, string>,
  t: Translate,
): string {
  if (!task.assignee) return t('inbox.unassigned');
  if (task.assignee === me) return t('inbox.me');
  return names.get(task.assignee) ?? task.assignee;
}

/** What the task asks in plain words: its name and its process's name, never ids. */
export function taskTitle(task: Task): string {
  return task.name || task.instance.definitionName || task.elementId;
}

export function processName(task: Task): string {
  return task.instance.definitionName || task.instance.definitionKey;
}

/**
 * Whether `me` may claim the task: named among its candidate users, or holding one of its
 * candidate roles at the case's unit or above it (the api's rule; it still decides).
 */
export function mayClaim(
  task: Pick<Task, 'assignee' | 'candidateUsers' | 'candidateGroups' | 'instance'>,
  me: Me,
): boolean {
  if (task.assignee !== null) return false;
  if (task.candidateUsers.includes(me.username)) return true;
  const path = task.instance.orgPath;
  return me.roles.some(
    (grant) =>
      task.candidateGroups.includes(grant.role) &&
      (path === grant.orgPath || path.startsWith(`${grant.orgPath}/`)),
  );
}
