import { useState } from 'react';
import { listInstances } from '../../api/endpoints';
import { INSTANCE_STATES, type InstanceState } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StateBadge } from '../../components/StateBadge';
import { useCursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';

export function CasesPage() {
  const { t, label, formatDateTime } = useI18n();
  const [state, setState] = useState<InstanceState | ''>('');
  const cases = useCursorList((cursor) => listInstances({ state: state || undefined, cursor }), state);

  return (
    <main className="page" data-testid="cases-page">
      <div className="page-head">
        <h1 data-testid="page-title">{t('cases.title')}</h1>
        <div className="toolbar">
          <label className="inline-field">
            <span>{t('cases.filterState')}</span>
            <select
              value={state}
              onChange={(e) => setState(e.target.value as InstanceState | '')}
              data-testid="cases-state-filter"
            >
              <option value="">{t('cases.filterAll')}</option>
              {INSTANCE_STATES.map((value) => (
                <option key={value} value={value}>
                  {label('state', value)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button-secondary"
            onClick={cases.reload}
            data-testid="cases-refresh"
          >
            {t('common.refresh')}
          </button>
        </div>
      </div>
      <ErrorMessage error={cases.error} testId="cases-error" />
      <section className="card">
        {cases.items.length === 0 ? (
          <p className="empty" data-testid="cases-empty">
            {cases.loading ? t('common.loading') : t('cases.empty')}
          </p>
        ) : (
          <table className="data-table" data-testid="cases-table">
            <thead>
              <tr>
                <th>{t('cases.col.definition')}</th>
                <th>{t('cases.col.businessKey')}</th>
                <th>{t('cases.col.org')}</th>
                <th>{t('cases.col.state')}</th>
                <th>{t('cases.col.started')}</th>
                <th>{t('cases.col.ended')}</th>
                <th className="numeric">{t('cases.col.overdue')}</th>
                <th className="numeric">{t('cases.col.incidents')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.items.map((item) => (
                <tr
                  key={item.id}
                  data-testid={`case-row-${item.id}`}
                  className={item.overdueTasks > 0 ? 'overdue' : ''}
                >
                  <td>
                    <a href={hrefFor({ page: 'case', id: item.id })} data-testid={`case-link-${item.id}`}>
                      {item.definitionKey} <span className="muted">v{item.version}</span>
                    </a>
                  </td>
                  <td>{item.businessKey || t('common.none')}</td>
                  <td>
                    <code>{item.orgPath || t('common.none')}</code>
                  </td>
                  <td>
                    <StateBadge state={item.state} />
                  </td>
                  <td>{formatDateTime(item.startedAt)}</td>
                  <td>{formatDateTime(item.endedAt)}</td>
                  <td className="numeric">{item.overdueTasks}</td>
                  <td className="numeric">{item.openIncidents}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {cases.hasMore && (
          <button
            type="button"
            className="button-secondary load-more"
            onClick={cases.loadMore}
            disabled={cases.loading}
          >
            {t('common.loadMore')}
          </button>
        )}
      </section>
    </main>
  );
}
