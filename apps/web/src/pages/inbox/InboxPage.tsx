import { useCallback, useEffect, useState } from 'react';
import { claimTask, listTasks } from '../../api/endpoints';
import type { Me, Task } from '../../api/types';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { CompleteTaskPanel } from './CompleteTaskPanel';
import { TaskTable } from './TaskTable';

interface Lists {
  assigned: Task[];
  candidate: Task[];
  loadedAt: number;
}

export function InboxPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const [lists, setLists] = useState<Lists | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [openTaskId, setOpenTaskId] = useState<string | null>(null);
  const [busyTaskId, setBusyTaskId] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [assigned, candidate] = await Promise.all([
        listTasks({ assignee: 'me', state: 'open' }),
        listTasks({ candidate: 'me', state: 'open' }),
      ]);
      // A task may be in both lists; it belongs under "assigned to me".
      const mine = new Set(assigned.items.map((task) => task.id));
      setLists({
        assigned: assigned.items,
        candidate: candidate.items.filter((task) => !mine.has(task.id)),
        loadedAt: Date.now(),
      });
    } catch (failure) {
      setError(failure);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const claim = async (task: Task) => {
    setBusyTaskId(task.id);
    setNotice(null);
    try {
      await claimTask(task.id);
      setNotice(t('inbox.claimed'));
      await load();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusyTaskId(null);
    }
  };

  const completed = async () => {
    setOpenTaskId(null);
    setNotice(t('inbox.completed'));
    await load();
  };

  const tableProps = {
    username: me.username,
    now: lists?.loadedAt ?? Date.now(),
    busyTaskId,
    openTaskId,
    onClaim: (task: Task) => void claim(task),
    onOpenComplete: (task: Task) => {
      setNotice(null);
      setOpenTaskId(task.id);
    },
    renderPanel: (task: Task) => (
      <CompleteTaskPanel
        task={task}
        onCancel={() => setOpenTaskId(null)}
        onCompleted={() => void completed()}
      />
    ),
  };

  return (
    <main className="page" data-testid="inbox-page">
      <div className="page-head">
        <h1 data-testid="page-title">{t('inbox.title')}</h1>
        <button
          type="button"
          className="button-secondary"
          onClick={() => void load()}
          data-testid="inbox-refresh"
        >
          {t('common.refresh')}
        </button>
      </div>
      <Notice text={notice} testId="inbox-notice" />
      <ErrorMessage error={error} testId="inbox-error" />
      {lists === null ? (
        !error && <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <section className="card">
            <h2>
              {t('inbox.assigned')} <span className="count">{lists.assigned.length}</span>
            </h2>
            <TaskTable
              {...tableProps}
              tasks={lists.assigned}
              emptyText={t('inbox.emptyAssigned')}
              testId="assigned-tasks"
            />
          </section>
          <section className="card">
            <h2>
              {t('inbox.candidate')} <span className="count">{lists.candidate.length}</span>
            </h2>
            <TaskTable
              {...tableProps}
              tasks={lists.candidate}
              emptyText={t('inbox.emptyCandidate')}
              testId="candidate-tasks"
            />
          </section>
        </>
      )}
    </main>
  );
}
