import { Fragment, useState } from 'react';
import type { Incident } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { RetryIncidentPanel } from './RetryIncidentPanel';

interface Props {
  incidents: Incident[];
  /** The user supervises this case: each incident gets a Retry action. */
  mayRetry: boolean;
  onRetried(): void;
}

/** A case's open incidents: where it is stuck and why; supervisors retry them inline. */
export function CaseIncidents({ incidents, mayRetry, onRetried }: Props) {
  const { t, formatDateTime } = useI18n();
  const [retryingId, setRetryingId] = useState<string | null>(null);
  if (incidents.length === 0) return null;

  return (
    <section className="card">
      <h2>{t('case.incidents')}</h2>
      <table className="data-table" data-testid="case-incidents">
        <thead>
          <tr>
            <th>{t('case.col.time')}</th>
            <th>{t('case.col.element')}</th>
            <th>{t('case.col.message')}</th>
            {mayRetry && <th>{t('case.col.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <Fragment key={incident.id}>
              <tr data-testid={`incident-row-${incident.id}`} data-element-id={incident.elementId}>
                <td>{formatDateTime(incident.createdAt)}</td>
                <td>
                  <code>{incident.elementId}</code>
                </td>
                <td>{incident.message}</td>
                {mayRetry && (
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button-primary"
                      disabled={retryingId === incident.id}
                      onClick={() => setRetryingId(incident.id)}
                      data-testid={`incident-retry-${incident.id}`}
                    >
                      {t('incident.retry')}
                    </button>
                  </td>
                )}
              </tr>
              {retryingId === incident.id && (
                <tr className="panel-row">
                  <td colSpan={4}>
                    <RetryIncidentPanel
                      incident={incident}
                      onCancel={() => setRetryingId(null)}
                      onRetried={() => {
                        setRetryingId(null);
                        onRetried();
                      }}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
