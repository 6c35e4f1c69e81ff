import { useState, type FormEvent } from 'react';
import { retryIncident } from '../../api/endpoints';
import type { Incident } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ProblemErrorsTable } from '../../components/ProblemErrors';
import { VariablesEditor } from '../../components/VariablesEditor';
import { emptyDraft, readDraft, type VariablesDraft } from '../../components/variablesDraft';
import { useI18n } from '../../i18n/i18n';

interface Props {
  incident: Incident;
  elementName: string;
  onCancel(): void;
  onRetried(): void;
}

/** Sets variables on the incident's scope (e.g. a missing `score`) and runs the failed step again. */
export function RetryIncidentPanel({ incident, elementName, onCancel, onRetried }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<VariablesDraft>(() => emptyDraft());
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
      await retryIncident(incident.id, read.variables);
      onRetried();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <form className="action-panel" onSubmit={submit} data-testid={`retry-panel-${incident.id}`}>
      <h3>{t('incident.retryTitle', { element: elementName })}</h3>
      <p className="hint">{t('incident.retryHint')}</p>
      <VariablesEditor draft={draft} onChange={setDraft} />
      {inputError && (
        <div className="alert alert-error" role="alert" data-testid="retry-input-error">
          {inputError}
        </div>
      )}
      <ErrorMessage
        error={error}
        testId="retry-error"
        byStatus={{ 403: t('incident.retryForbidden'), 409: t('incident.retryConflict') }}
      />
      <ProblemErrorsTable error={error} testId="retry-field-errors" />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy} data-testid="retry-submit">
          {busy ? t('incident.retrying') : t('incident.retrySubmit')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
