import { useQueries, useQuery } from '@tanstack/react-query';
import { Result, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { getDefinitionStatistics, listDefinitions } from '../../api/endpoints';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import { isSupervisor } from '../../session/roles';
import { useMe } from '../../session/useMe';
import { ConsoleTable } from './ConsoleTable';
import { groupByKey, type ProcessKey } from './lookups';
import './console.css';

interface ProcessRow extends ProcessKey {
  overdue: number | null;
  incidents: number | null;
}

/** Deployed processes in scope: running cases over all versions, overdue and incidents of the latest. */
export function ProcessesPage() {
  const { t, formatDateTime } = useI18n();
  const me = useMe();
  const definitions = useQuery({ queryKey: ['definitions', 'all'], queryFn: () => listDefinitions() });
  const keys = definitions.data ? groupByKey(definitions.data.items) : [];
  const statistics = useQueries({
    queries: keys.map((process) => ({
      queryKey: ['definition-statistics', process.latest.id],
      queryFn: () => getDefinitionStatistics(process.latest.id),
      staleTime: 30_000,
    })),
  });
  if (!isSupervisor(me)) return <Result status="403" title={t('console.results.403')} />;

  const rows: ProcessRow[] = keys.map((process, index) => {
    const items = statistics[index]?.data?.items;
    const sum = (field: 'overdue' | 'incidents') =>
      items ? items.reduce((total, item) => total + item[field], 0) : null;
    return { ...process, overdue: sum('overdue'), incidents: sum('incidents') };
  });

  const count = (value: number | null, color: string) =>
    value === null ? (
      <span className="muted">{t('common.none')}</span>
    ) : value > 0 ? (
      <Tag color={color}>{value}</Tag>
    ) : (
      <span className="muted">0</span>
    );
  const link = (row: ProcessRow) => (
    <a href={hrefFor({ page: 'process', key: row.key })} data-testid={`process-link-${row.key}`}>
      <strong>{row.name}</strong>
    </a>
  );

  const columns: ColumnsType<ProcessRow> = [
    { title: t('console.processes.col.name'), key: 'name', render: (_, row) => link(row) },
    {
      title: t('console.processes.col.version'),
      key: 'version',
      render: (_, row) => t('console.processes.version', { version: row.latest.version }),
    },
    {
      title: t('console.processes.col.running'),
      key: 'running',
      align: 'right',
      render: (_, row) => <span data-testid="process-running">{row.running}</span>,
    },
    {
      title: t('console.processes.col.overdue'),
      key: 'overdue',
      align: 'right',
      render: (_, row) => count(row.overdue, 'red'),
    },
    {
      title: t('console.processes.col.incidents'),
      key: 'incidents',
      align: 'right',
      render: (_, row) => count(row.incidents, '#8b1a1a'),
    },
    {
      title: t('console.processes.col.deployed'),
      key: 'deployed',
      render: (_, row) => formatDateTime(row.latest.deployedAt),
    },
  ];

  const card = (row: ProcessRow) => (
    <>
      <div className="console-card-head">
        {link(row)}
        <span className="muted">{t('console.processes.version', { version: row.latest.version })}</span>
      </div>
      <div className="console-card-line">
        {t('console.process.totals', {
          active: row.running,
          overdue: row.overdue ?? 0,
          incidents: row.incidents ?? 0,
        })}
      </div>
    </>
  );

  return (
    <main className="page console-page" data-testid="processes-page">
      <div className="console-head">
        <div>
          <Typography.Title level={2} data-testid="page-title" style={{ margin: 0 }}>
            {t('console.processes.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('console.processes.subtitle')}</Typography.Text>
        </div>
      </div>
      <ErrorMessage error={definitions.error} testId="processes-error" />
      <ConsoleTable<ProcessRow>
        rows={rows}
        rowKey={(row) => row.key}
        columns={columns}
        card={card}
        loading={definitions.isLoading}
        empty={t('console.processes.empty')}
        testId="processes-table"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('console.processes.latestOnly')}
      </Typography.Text>
    </main>
  );
}
