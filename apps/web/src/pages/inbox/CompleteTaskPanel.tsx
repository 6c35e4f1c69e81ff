import { lazy, Suspense, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { completeTask, getTask } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import type { Task, TaskDetail } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ProblemErrorsTable } from '../../components/ProblemErrors';
import { VariablesEditor } from '../../components/VariablesEditor';
import { emptyDraft, formFieldKeys, readDraft, type VariablesDraft } from '../../components/variablesDraft';
import { useI18n } from '../../i18n/i18n';

// form-js's viewer (~700 KB) is fetched only when a task with a form is opened.
const TaskForm = lazy(() => import('../../workbench/forms/TaskForm'));

interface Props {
  task: Task;
  onCancel(): void;
  onCompleted(): void;
}

function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/**
 * One key per attempt that may have been applied: a submit retried after a lost answer is not
 * applied twice. A 400 was refused before anything ran, so the next attempt (corrected data)
 * gets a fresh key rather than the refused one's answer.
 */
function useIdempotencyKey(): [string, (failure: unknown) => void] {
  const [key, setKey] = useState(newIdempotencyKey);
  const afterFailure = (failure: unknown) => {
    if (failure instanceof ApiError && failure.status === 400) setKey(newIdempotencyKey());
  };
  return [key, afterFailure];
}

type Loaded = { state: 'loading' } | { state: 'loaded'; detail: TaskDetail } | { state: 'failed' };

/**
 * Completing a task: with its form when it has one (form-js's viewer, docs/forms-web.md#task-forms),
 * otherwise with the variables editor.
 */
export function CompleteTaskPanel({ task, onCancel, onCompleted }: Props) {
  const { t } = useI18n();
  const linksForm = Boolean(task.formId || task.formKey);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [idempotencyKey, afterFailure] = useIdempotencyKey();

  useEffect(() => {
    if (!linksForm) return;
    let live = true;
    getTask(task.id).then(
      (detail) => live && setLoaded({ state: 'loaded', detail }),
      // Without the form the task can still be completed with variables.
      () => live && setLoaded({ state: 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [task.id, linksForm]);

  const title = <h3>{t('complete.title', { name: task.name || task.elementId })}</h3>;
  const complete = async (variables: Record<string, unknown>) => {
    try {
      await completeTask(task.id, variables, idempotencyKey);
    } catch (failure) {
      afterFailure(failure);
      throw failure;
    }
    onCompleted();
  };

  if (linksForm && loaded.state === 'loading') {
    return (
      <div className="complete-panel" data-testid={`complete-panel-${task.id}`}>
        {title}
        <p className="muted">{t('taskForm.loading')}</p>
      </div>
    );
  }
  const detail = loaded.state === 'loaded' ? loaded.detail : null;
  const schema = detail?.form;
  if (detail && schema) {
    return (
      <div className="complete-panel" data-testid={`complete-panel-${task.id}`}>
        {title}
        <Suspense fallback={<p className="muted">{t('taskForm.loading')}</p>}>
          <TaskForm
            schema={schema}
            variables={detail.variables ?? {}}
            complete={complete}
            onCancel={onCancel}
          />
        </Suspense>
      </div>
    );
  }
  return (
    <VariablesPanel
      task={task}
      title={title}
      formKeys={formFieldKeys(detail?.form ?? null)}
      complete={complete}
      onCancel={onCancel}
    />
  );
}

interface VariablesPanelProps {
  task: Task;
  title: ReactNode;
  formKeys: string[];
  complete(variables: Record<string, unknown>): Promise<void>;
  onCancel(): void;
}

/** A task without a form: its variables typed as rows or JSON. */
function VariablesPanel({ task, title, formKeys, complete, onCancel }: VariablesPanelProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<VariablesDraft>(() => emptyDraft(formKeys));
  const [inputError, setInputError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const read = readDraft(draft, t);
    if (!read.ok) {
      setInputError(read.error);
      return;
    }
    setInputError(null);
    setError(null);
    setBusy(true);
    try {
      await complete(read.variables);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <form className="complete-panel" onSubmit={submit} data-testid={`complete-panel-${task.id}`}>
      {title}
      {formKeys.length > 0 && (
        <p className="hint">{t('complete.formFields', { fields: formKeys.join(', ') })}</p>
      )}
      <VariablesEditor draft={draft} onChange={setDraft} />
      {inputError && (
        <div className="alert alert-error" role="alert" data-testid="complete-input-error">
          {inputError}
        </div>
      )}
      <ErrorMessage error={error} testId="complete-error" />
      <ProblemErrorsTable error={error} testId="complete-field-errors" />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy} data-testid="complete-submit">
          {busy ? t('complete.submitting') : t('complete.submit')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
