import { Fragment, type ReactNode } from 'react';
import type { Task } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';

interface Props {
  tasks: Task[];
  username: string;
  now: number;
  emptyText: string;
  testId: string;
  busyTaskId: string | null;
  openTaskId: string | null;
  onClaim(task: Task): void;
  onOpenComplete(task: Task): void;
  renderPanel(task: Task): ReactNode;
}

export function isOverdue(task: Task, now: number): boolean {
  return task.dueAt !== null && task.dueAt !== undefined && Date.parse(task.dueAt) < now;
}

export function TaskTable(props: Props) {
  const { t, formatDateTime } = useI18n();
  const { tasks, username, now } = props;
  if (tasks.length === 0) {
    return (
      <p className="empty" data-testid={`${props.testId}-empty`}>
        {props.emptyText}
      </p>
    );
  }
  return (
    <table className="data-table" data-testid={props.testId}>
      <thead>
        <tr>
          <th>{t('inbox.col.name')}</th>
          <th>{t('inbox.col.case')}</th>
          <th>{t('inbox.col.due')}</th>
          <th className="numeric">{t('inbox.col.priority')}</th>
          <th>{t('inbox.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => {
          const overdue = isOverdue(task, now);
          const mayComplete =
            task.assignee === null || task.assignee === undefined || task.assignee === username;
          return (
            <Fragment key={task.id}>
              <tr
                className={overdue ? 'overdue' : ''}
                data-testid={`task-row-${task.id}`}
                data-task-id={task.id}
              >
                <td>
                  <span className="task-name" data-testid="task-name">
                    {task.name || task.elementId}
                  </span>
                </td>
                <td>
                  <a href={hrefFor({ page: 'case', id: task.instanceId })} title={task.instanceId}>
                    <code>{task.instanceId.slice(0, 8)}</code>
                  </a>
                </td>
                <td data-testid="task-due">
                  {task.dueAt ? (
                    formatDateTime(task.dueAt)
                  ) : (
                    <span className="muted">{t('inbox.noDue')}</span>
                  )}
                  {overdue && (
                    <span className="badge badge-overdue" data-testid="task-overdue">
                      {t('inbox.overdue')}
                    </span>
                  )}
                </td>
                <td className="numeric">{task.priority ?? t('common.none')}</td>
                <td className="row-actions">
                  {!task.assignee && (
                    <button
                      type="button"
                      className="button-secondary"
                      disabled={props.busyTaskId === task.id}
                      onClick={() => props.onClaim(task)}
                      data-testid={`claim-${task.id}`}
                    >
                      {t('inbox.claim')}
                    </button>
                  )}
                  {mayComplete ? (
                    <button
                      type="button"
                      className="button-primary"
                      disabled={props.openTaskId === task.id}
                      onClick={() => props.onOpenComplete(task)}
                      data-testid={`complete-${task.id}`}
                    >
                      {t('inbox.complete')}
                    </button>
                  ) : (
                    <span className="muted">{t('inbox.claimedBy', { user: task.assignee ?? '' })}</span>
                  )}
                </td>
              </tr>
              {props.openTaskId === task.id && (
                <tr className="panel-row">
                  <td colSpan={5}>{props.renderPanel(task)}</td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
