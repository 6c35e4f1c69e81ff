import { useCallback, useEffect, useState } from 'react';
import { getInstance, getInstanceHistory } from '../../api/endpoints';
import { ApiError } from '../../api/http';
import type { InstanceDetail, Me } from '../../api/types';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { StateBadge } from '../../components/StateBadge';
import { useCursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/i18n';
import { supervisesCase } from '../../session/roles';
import { CaseHistory } from './CaseHistory';
import { CaseIncidents } from './CaseIncidents';

export function CaseDetailPage({ id, me }: { id: string; me: Me }) {
  const { t, formatDateTime } = useI18n();
  const [instance, setInstance] = useState<InstanceDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Why the reader opens a sealed case file (docs/api.md#sealed-and-purged-cases); the api records it.
  const [reason, setReason] = useState<string | undefined>(undefined);
  const history = useCursorList((cursor) => getInstanceHistory(id, cursor, reason), `${id}|${reason ?? ''}`);

  const load = useCallback(() => {
    setError(null);
    getInstance(id, reason).then(setInstance, setError);
  }, [id, reason]);

  useEffect(() => {
    setInstance(null);
    load();
  }, [load]);
  useEffect(() => setReason(undefined), [id]);
  const needsReason = isSealedRead(error);

  const refresh = () => {
    load();
    history.reload();
  };

  const variables = instance?.variables ?? {};
  const incidents = instance?.incidents ?? [];

  return (
    <main className="page" data-testid="case-page">
      <p>
        <a href="#/cases" data-testid="case-back">
          {t('case.back')}
        </a>
      </p>
      <div className="page-head">
        <h1 data-testid="page-title">{t('case.title')}</h1>
        <button type="button" className="button-secondary" onClick={refresh} data-testid="case-refresh">
          {t('common.refresh')}
        </button>
      </div>
      {needsReason ? (
        <SealedReasonForm onSubmit={setReason} />
      ) : (
        <ErrorMessage error={error} testId="case-error" />
      )}
      <Notice text={notice} testId="case-notice" />
      {instance && (
        <>
          <section className="card">
            <dl className="facts">
              <dt>{t('case.field.id')}</dt>
              <dd>
                <code data-testid="case-id">{instance.id}</code>
              </dd>
              <dt>{t('case.field.definition')}</dt>
              <dd>
                {instance.definitionKey} <span className="muted">v{instance.version}</span>
              </dd>
              <dt>{t('case.field.state')}</dt>
              <dd>
                <StateBadge state={instance.state} testId="case-state" />
              </dd>
              <dt>{t('case.field.org')}</dt>
              <dd>
                <code>{instance.orgPath || t('common.none')}</code>
              </dd>
              <dt>{t('case.field.started')}</dt>
              <dd>{formatDateTime(instance.startedAt)}</dd>
              <dt>{t('case.field.ended')}</dt>
              <dd>{formatDateTime(instance.endedAt)}</dd>
              {instance.sealedAt && (
                <>
                  <dt>{t('case.field.sealed')}</dt>
                  <dd data-testid="case-sealed">{formatDateTime(instance.sealedAt)}</dd>
                </>
              )}
              {instance.purgedAt && (
                <>
                  <dt>{t('case.field.purged')}</dt>
                  <dd data-testid="case-purged">{formatDateTime(instance.purgedAt)}</dd>
                </>
              )}
            </dl>
          </section>

          <section className="card">
            <h2>{t('case.active')}</h2>
            {instance.activeElements.length === 0 ? (
              <p className="empty" data-testid="active-elements-empty">
                {t('case.activeEmpty')}
              </p>
            ) : (
              <table className="data-table" data-testid="active-elements">
                <thead>
                  <tr>
                    <th>{t('case.col.element')}</th>
                    <th>{t('case.col.since')}</th>
                  </tr>
                </thead>
                <tbody>
                  {instance.activeElements.map((element) => (
                    <tr
                      key={`${element.elementId}-${element.since}`}
                      data-testid="active-element"
                      data-element-id={element.elementId}
                    >
                      <td>
                        <code>{element.elementId}</code>
                      </td>
                      <td>{formatDateTime(element.since)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <CaseIncidents
            incidents={incidents}
            mayRetry={supervisesCase(me, instance.orgPath)}
            onRetried={() => {
              setNotice(t('incident.retried'));
              refresh();
            }}
          />

          {Object.keys(variables).length > 0 && (
            <section className="card">
              <details>
                <summary>{t('case.variables')}</summary>
                <pre className="json-view" data-testid="case-variables">
                  {JSON.stringify(variables, null, 2)}
                </pre>
              </details>
            </section>
          )}
        </>
      )}

      {!needsReason && (
        <section className="card">
          <h2>{t('case.history')}</h2>
          <CaseHistory history={history} />
        </section>
      )}
    </main>
  );
}

/** The api's answer to reading a sealed case file without a reason: 403 naming `reason`. */
function isSealedRead(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 403 &&
    (error.problem?.errors ?? []).some((problem) => problem.path === 'reason')
  );
}

/** Asks why the sealed file is opened; the reason goes with every read of the page. */
function SealedReasonForm({ onSubmit }: { onSubmit: (reason: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  return (
    <form
      className="card"
      data-testid="sealed-reason"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() !== '') onSubmit(text.trim());
      }}
    >
      <h2>{t('case.sealed.title')}</h2>
      <p className="muted">{t('case.sealed.explain')}</p>
      <label className="field">
        <span>{t('case.sealed.reason')}</span>
        <input
          value={text}
          maxLength={500}
          required
          onChange={(event) => setText(event.target.value)}
          data-testid="sealed-reason-input"
        />
      </label>
      <button type="submit" data-testid="sealed-reason-submit">
        {t('case.sealed.open')}
      </button>
    </form>
  );
}
