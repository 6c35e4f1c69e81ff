import { listDefinitions } from '../../api/endpoints';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import { DeployForm } from './DeployForm';

/** `canEdit`: the caller may draw and deploy (psychLead, admin): links to the modeler. */
export function DefinitionsPage({ canEdit = false }: { canEdit?: boolean }) {
  const { t, formatDateTime } = useI18n();
  const definitions = useCursorList((cursor) => listDefinitions(cursor), 'all');
  const latest = new Map<string, number>();
  for (const item of definitions.items)
    latest.set(item.key, Math.max(latest.get(item.key) ?? 0, item.version));

  return (
    <main className="page" data-testid="definitions-page">
      <div className="page-head">
        <h1 data-testid="page-title">{t('defs.title')}</h1>
        <div className="page-actions">
          {canEdit && (
            <a
              className="button button-primary"
              href={hrefFor({ page: 'modeler' })}
              data-testid="definitions-new"
            >
              {t('defs.newDiagram')}
            </a>
          )}
          <button type="button" className="button-secondary" onClick={definitions.reload}>
            {t('common.refresh')}
          </button>
        </div>
      </div>
      <DeployForm onDeployed={definitions.reload} />
      <ErrorMessage error={definitions.error} testId="definitions-error" />
      <section className="card">
        {definitions.items.length === 0 ? (
          <p className="empty" data-testid="definitions-empty">
            {definitions.loading ? t('common.loading') : t('defs.empty')}
          </p>
        ) : (
          <table className="data-table" data-testid="definitions-table">
            <thead>
              <tr>
                <th>{t('defs.col.key')}</th>
                <th className="numeric">{t('defs.col.version')}</th>
                <th>{t('defs.col.name')}</th>
                <th>{t('defs.col.deployedAt')}</th>
                <th>{t('defs.col.deployedBy')}</th>
                {canEdit && <th>{t('defs.col.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {definitions.items.map((definition) => (
                <tr
                  key={definition.id}
                  data-testid={`definition-row-${definition.key}-${definition.version}`}
                >
                  <td>
                    <a
                      href={hrefFor({ page: 'definition', key: definition.key })}
                      data-testid={`definition-link-${definition.key}`}
                    >
                      <code>{definition.key}</code>
                    </a>
                  </td>
                  <td className="numeric">{definition.version}</td>
                  <td>{definition.name || t('common.none')}</td>
                  <td>{formatDateTime(definition.deployedAt)}</td>
                  <td>{definition.deployedByName || t('common.none')}</td>
                  {canEdit && (
                    <td>
                      <a
                        href={hrefFor({
                          page: 'modeler',
                          key: definition.key,
                          ...(latest.get(definition.key) === definition.version
                            ? {}
                            : { version: definition.version }),
                        })}
                        data-testid={`definition-edit-${definition.key}-${definition.version}`}
                      >
                        {t('defs.edit')}
                      </a>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {definitions.hasMore && (
          <button
            type="button"
            className="button-secondary load-more"
            onClick={definitions.loadMore}
            disabled={definitions.loading}
          >
            {t('common.loadMore')}
          </button>
        )}
      </section>
    </main>
  );
}
