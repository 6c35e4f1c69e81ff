// The inbox's view (tab, filters, sort), saved on the server per user (PUT /api/me/preferences/inbox)
// and what each tab asks GET /api/tasks for. The search text is not saved: it may hold a
// student's name, and saved views are not sealed as students' records are.
import type { TaskFilter } from '../../api/endpoints';
import type { Task, TaskCounts } from '../../api/types';

export const TABS = ['assignedToMe', 'claimable', 'overdue', 'dueToday', 'all'] as const;
export type Tab = (typeof TABS)[number];
export const SORTS = ['dueAt', 'priority', 'createdAt'] as const;
export type Sort = (typeof SORTS)[number];

export interface InboxView {
  tab: Tab;
  sort: Sort;
  definitionKey?: string;
  studentId?: string;
}

export const DEFAULT_VIEW: InboxView = { tab: 'assignedToMe', sort: 'dueAt' };

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/** A saved value as a view: anything unknown or malformed falls back to the default. */
export function viewFrom(saved: Record<string, unknown> | null | undefined): InboxView {
  if (!saved) return DEFAULT_VIEW;
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  return {
    tab: isOneOf(TABS, saved.tab) ? saved.tab : DEFAULT_VIEW.tab,
    sort: isOneOf(SORTS, saved.sort) ? saved.sort : DEFAULT_VIEW.sort,
    ...(text(saved.definitionKey) ? { definitionKey: text(saved.definitionKey) } : {}),
    ...(text(saved.studentId) ? { studentId: text(saved.studentId) } : {}),
  };
}

export const countOf = (counts: TaskCounts, tab: Tab): number => counts[tab];

/** The list request of a tab: each tab is the api's filter its count is (docs/api.md, Inbox counts). */
export function tabFilter(view: InboxView, q: string): TaskFilter {
  const common: TaskFilter = {
    state: 'open',
    sort: view.sort,
    definitionKey: view.definitionKey,
    studentId: view.studentId,
    q: q.trim() || undefined,
  };
  switch (view.tab) {
    case 'assignedToMe':
      return { ...common, assignee: 'me' };
    case 'claimable':
      return { ...common, candidate: 'me', assignee: 'none' };
    case 'overdue':
      return { ...common, overdue: true };
    case 'dueToday':
      return { ...common, dueToday: true };
    default:
      return common;
  }
}

/** The tasks in the api's order, overdue ones first. */
export function overdueFirst(tasks: readonly Task[], now: number): Task[] {
  const overdue = (task: Task) => task.dueAt !== null && Date.parse(task.dueAt) < now;
  return [...tasks.filter(overdue), ...tasks.filter((task) => !overdue(task))];
}
