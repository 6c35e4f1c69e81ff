import { useRef, useState, type FormEvent } from 'react';
import { deployDefinition } from '../../api/endpoints';
import type { DeployResult } from '../../api/types';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { ProblemErrorsTable, problemErrors } from '../../components/ProblemErrors';
import { useI18n } from '../../i18n/i18n';

/** Upload a .bpmn file; the api validates it and answers 400 with `errors[].elementId`. */
export function DeployForm({ onDeployed }: { onDeployed(): void }) {
  const { t } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const [result, setResult] = useState<DeployResult | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    setError(null);
    setResult(null);
    if (!file) {
      setInputError(t('defs.chooseFile'));
      return;
    }
    setInputError(null);
    setBusy(true);
    try {
      const xml = await file.text();
      const deployed = await deployDefinition(xml);
      setResult(deployed);
      if (fileInput.current) fileInput.current.value = '';
      onDeployed();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const warnings = result?.warnings ?? [];
  const hasElementErrors = problemErrors(error).length > 0;

  return (
    <form className="card deploy-form" onSubmit={submit} data-testid="deploy-form">
      <h2>{t('defs.deployTitle')}</h2>
      <div className="deploy-row">
        <label className="field">
          <span>{t('defs.file')}</span>
          <input
            ref={fileInput}
            type="file"
            accept=".bpmn,.xml,application/xml,text/xml"
            data-testid="deploy-file"
          />
        </label>
        <button type="submit" className="button-primary" disabled={busy} data-testid="deploy-submit">
          {busy ? t('defs.deploying') : t('defs.deploy')}
        </button>
      </div>
      {inputError && (
        <div className="alert alert-error" role="alert">
          {inputError}
        </div>
      )}
      {hasElementErrors ? (
        <div className="alert alert-error" role="alert" data-testid="deploy-error">
          <strong>{t('defs.errors')}</strong>
          {error instanceof Error && error.message ? <div>{error.message}</div> : null}
        </div>
      ) : (
        <ErrorMessage error={error} testId="deploy-error" />
      )}
      <ProblemErrorsTable error={error} testId="deploy-errors" />
      {result && (
        <Notice
          text={t('defs.deployed', { key: result.key, version: result.version })}
          testId="deploy-success"
        />
      )}
      {warnings.length > 0 && (
        <div className="alert alert-warning" data-testid="deploy-warnings">
          <strong>{t('defs.warnings')}</strong>
          <ul>
            {warnings.map((warning, index) => (
              <li key={index}>{describeWarning(warning)}</li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}

function describeWarning(warning: unknown): string {
  if (typeof warning === 'string') return warning;
  if (typeof warning === 'object' && warning !== null) {
    const { elementId, message } = warning as { elementId?: unknown; message?: unknown };
    if (typeof message === 'string')
      return typeof elementId === 'string' ? `${elementId}: ${message}` : message;
  }
  return JSON.stringify(warning);
}
