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

/** The list request of a tab. 'dueToday' reads by due time and is narrowed in the page. */
export function tabFilter(view: InboxView, q: string): TaskFilter {
  const common: TaskFilter = {
    state: 'open',
    sort: view.tab === 'dueToday' ? 'dueAt' : view.sort,
    definitionKey: view.definitionKey,
    studentId: view.studentId,
    q: q.trim() || undefined,
  };
  switch (view.tab) {
    case 'assignedToMe':
      return { ...common, assignee: 'me' };
    case 'claimable':
      return { ...common, candidate: 'me' };
    case 'overdue':
      return { ...common, overdue: true };
    default:
      return common;
  }
}

const sameLocalDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** What the tab shows of a page the api answered: 'claimable' only unassigned, 'dueToday' today's. */
export function keepForTab(tab: Tab, task: Task, now: number): boolean {
  if (tab === 'claimable') return task.assignee === null;
  if (tab === 'dueToday') return task.dueAt !== null && sameLocalDay(new Date(task.dueAt), new Date(now));
  return true;
}

/** The tab's tasks in the chosen order, overdue ones first (as the api ordered them otherwise). */
export function ordered(tasks: readonly Task[], view: InboxView, now: number): Task[] {
  const overdue = (task: Task) => task.dueAt !== null && Date.parse(task.dueAt) < now;
  let list = [...tasks];
  if (view.tab === 'dueToday' && view.sort !== 'dueAt') {
    const key = (task: Task) =>
      view.sort === 'priority' ? -(task.priority ?? -1) : -Date.parse(task.createdAt);
    list = list.sort((a, b) => key(a) - key(b));
  }
  return [...list.filter(overdue), ...list.filter((task) => !overdue(task))];
}
