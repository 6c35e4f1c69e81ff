// A task's form, rendered by form-js's viewer (its own chunk: the task page and the raise-concern
// dialog import it lazily, so pages without a form never load form-js). Validates as the server does before
// sending, and puts a 400's field errors under their fields (docs/forms-web.md#task-forms).
import { useEffect, useRef, useState } from 'react';
import { ApiError, type ProblemError } from '../../api/http';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import type { FormSchema } from './api';
import './forms.css';
import { countErrors, mountForm, showServerErrors, type MountedForm, dataOf } from './viewer';

interface Props {
  schema: FormSchema;
  /** The task's variables: the form opens filled with them. */
  variables: Record<string, unknown>;
  /** Sends the form's data; rejects with the api's error. */
  complete(data: Record<string, unknown>): Promise<void>;
  onCancel(): void;
  /** Shown but not sendable (a task someone else holds). */
  disabled?: boolean;
  /** The submit button's words (default 提交并完成). */
  submitLabel?: string;
}

export default function TaskForm({ schema, variables, complete, onCancel, disabled, submitLabel }: Props) {
  const { t, language } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const mounted = useRef<MountedForm | null>(null);
  const typed = useRef<Record<string, unknown>>(variables);
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [serverInvalid, setServerInvalid] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<ProblemError[]>([]);
  const [busy, setBusy] = useState(false);

  // One viewer per language (messages are set when it is made); what was typed carries over.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let cancelled = false;
    let mine: MountedForm | null = null;
    mountForm(container, schema, typed.current, language).then(
      (made) => {
        if (cancelled) return made.destroy();
        mine = made;
        mounted.current = made;
        setReady(true);
      },
      (failure: unknown) => {
        if (!cancelled) setLoadError(failure instanceof Error ? failure.message : String(failure));
      },
    );
    return () => {
      cancelled = true;
      if (mine) typed.current = dataOf(mine);
      mine?.destroy();
      mounted.current = null;
      setReady(false);
    };
  }, [schema, language]);

  const submit = async () => {
    const current = mounted.current;
    if (!current) return;
    setError(null);
    setUnmatched([]);
    setServerInvalid(false);
    const { data, errors } = current.form.submit();
    if (countErrors(errors) > 0) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setBusy(true);
    try {
      await complete(data);
    } catch (failure) {
      setBusy(false);
      const fieldErrors = failure instanceof ApiError ? (failure.problem?.errors ?? []) : [];
      if (fieldErrors.length > 0 && mounted.current) {
        const left = showServerErrors(mounted.current.form, fieldErrors);
        setUnmatched(left);
        // Every error sits under its field: say so in words, not with the server's field keys.
        if (left.length === 0) {
          setServerInvalid(true);
          return;
        }
      }
      setError(failure);
    }
  };

  return (
    <div className="task-form" data-testid="task-form">
      {loadError !== null && (
        <div className="alert alert-error" role="alert" data-testid="task-form-load-error">
          {t('taskForm.loadFailed')}: {loadError}
        </div>
      )}
      {!ready && loadError === null && <p className="muted">{t('taskForm.loading')}</p>}
      <div ref={containerRef} className="task-form-canvas" data-testid="task-form-canvas" />
      {invalid && (
        <div className="alert alert-error" role="alert" data-testid="task-form-invalid">
          {t('taskForm.invalid')}
        </div>
      )}
      {serverInvalid && (
        <div className="alert alert-error" role="alert" data-testid="task-form-server-invalid">
          {t('taskForm.serverInvalid')}
        </div>
      )}
      <ErrorMessage error={error} testId="complete-error" />
      {unmatched.length > 0 && (
        <ul className="alert alert-error task-form-unmatched" data-testid="task-form-unmatched">
          {unmatched.map((item, index) => (
            <li key={index}>
              {item.path && <code>{item.path}</code>} {item.message}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button
          type="button"
          className="button-primary"
          onClick={() => void submit()}
          disabled={!ready || busy || disabled}
          data-testid="complete-submit"
        >
          {busy ? t('complete.submitting') : (submitLabel ?? t('complete.submit'))}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
