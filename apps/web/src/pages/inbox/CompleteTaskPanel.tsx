import { useEffect, useState, type FormEvent } from 'react';
import { completeTask, getTask } from '../../api/endpoints';
import type { Task } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ProblemErrorsTable } from '../../components/ProblemErrors';
import { VariablesEditor } from '../../components/VariablesEditor';
import { emptyDraft, formFieldKeys, readDraft, type VariablesDraft } from '../../components/variablesDraft';
import { useI18n } from '../../i18n/I18nProvider';

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

function isUntouched(draft: VariablesDraft): boolean {
  return draft.mode === 'rows' && draft.rows.every((row) => row.key === '' && row.value === '');
}

export function CompleteTaskPanel({ task, onCancel, onCompleted }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<VariablesDraft>(() => emptyDraft());
  const [formKeys, setFormKeys] = useState<string[]>([]);
  const [inputError, setInputError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One key per opened panel: a submit retried after a lost answer is not applied twice.
  const [idempotencyKey] = useState(newIdempotencyKey);

  useEffect(() => {
    if (!task.formId) return;
    let live = true;
    getTask(task.id).then(
      (detail) => {
        if (!live) return;
        const keys = formFieldKeys(detail.form);
        setFormKeys(keys);
        if (keys.length > 0) setDraft((current) => (isUntouched(current) ? emptyDraft(keys) : current));
      },
      () => {
        // The form only pre-fills the rows; completing works without it.
      },
    );
    return () => {
      live = false;
    };
  }, [task.id, task.formId]);

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
      await completeTask(task.id, read.variables, idempotencyKey);
      onCompleted();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <form className="complete-panel" onSubmit={submit} data-testid={`complete-panel-${task.id}`}>
      <h3>{t('complete.title', { name: task.name || task.elementId })}</h3>
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
