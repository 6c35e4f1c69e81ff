import { Button, Flex, Space } from 'antd';
import type { DefinitionSummary } from '../../api/types';
import { CardTable, type CardColumn } from '../../components/CardTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import { DeployForm } from './DeployForm';
import { useDefinitions } from './queries';

/** `canEdit`: the caller may draw and deploy (psychLead, admin): links to the modeler. */
export function DefinitionsPage({ canEdit = false }: { canEdit?: boolean }) {
  const { t, formatDateTime } = useI18n();
  const definitions = useDefinitions();
  const items = definitions.data?.pages.flatMap((page) => page.items) ?? [];
  const latest = new Map<string, number>();
  for (const item of items) latest.set(item.key, Math.max(latest.get(item.key) ?? 0, item.version));

  const columns: CardColumn<DefinitionSummary>[] = [
    {
      key: 'key',
      title: t('defs.col.key'),
      hideOnCard: true,
      render: (definition) => (
        <a
          href={hrefFor({ page: 'definition', key: definition.key })}
          data-testid={`definition-link-${definition.key}`}
        >
          <code>{definition.key}</code>
        </a>
      ),
    },
    { key: 'version', title: t('defs.col.version'), numeric: true, render: (d) => d.version },
    { key: 'name', title: t('defs.col.name'), render: (d) => d.name || t('common.none') },
    { key: 'deployedAt', title: t('defs.col.deployedAt'), render: (d) => formatDateTime(d.deployedAt) },
    {
      key: 'deployedBy',
      title: t('defs.col.deployedBy'),
      render: (d) => d.deployedByName || t('common.none'),
    },
  ];
  if (canEdit)
    columns.push({
      key: 'actions',
      title: t('defs.col.actions'),
      render: (definition) => (
        <a
          href={hrefFor({
            page: 'modeler',
            key: definition.key,
            ...(latest.get(definition.key) === definition.version ? {} : { version: definition.version }),
          })}
          data-testid={`definition-edit-${definition.key}-${definition.version}`}
        >
          {t('defs.edit')}
        </a>
      ),
    });

  return (
    <main className="page" data-testid="definitions-page">
      <Flex className="page-head" justify="space-between" align="center" wrap gap={12}>
        <div>
          <h1 data-testid="page-title">{t('defs.title')}</h1>
          <p className="muted">{t('defs.subtitle')}</p>
        </div>
        <Space wrap>
          {canEdit && (
            <Button type="primary" href={hrefFor({ page: 'modeler' })} data-testid="definitions-new">
              {t('defs.newDiagram')}
            </Button>
          )}
          <Button onClick={() => void definitions.refetch()} loading={definitions.isRefetching}>
            {t('common.refresh')}
          </Button>
        </Space>
      </Flex>
      <DeployForm />
      <ErrorMessage error={definitions.error} testId="definitions-error" />
      <section className="card">
        <CardTable
          testId={items.length === 0 ? 'definitions-empty' : 'definitions-table'}
          rows={items}
          columns={columns}
          rowKey={(d) => d.id}
          rowTestId={(d) => `definition-row-${d.key}-${d.version}`}
          cardTitle={(d) => (
            <a href={hrefFor({ page: 'definition', key: d.key })} data-testid={`definition-link-${d.key}`}>
              <code>{d.key}</code>
            </a>
          )}
          loading={definitions.isPending}
          empty={definitions.isPending ? t('common.loading') : t('defs.empty')}
        />
        {definitions.hasNextPage && (
          <Button
            className="load-more"
            onClick={() => void definitions.fetchNextPage()}
            loading={definitions.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        )}
      </section>
    </main>
  );
}
