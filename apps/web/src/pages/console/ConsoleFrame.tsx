// The parts every console list shares (#/cases, #/tasks): the heading with refresh and CSV, the
// search box, the bar of bulk actions over the selection, and the "load more" footer. Test ids
// are `<prefix>-refresh`, `<prefix>-export`, `<prefix>-search`, `<prefix>-bulk`,
// `<prefix>-count` and `<prefix>-more`.
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Input, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { CsvExportButton } from './CsvExportButton';

export function ConsoleHead(props: {
  prefix: string;
  title: string;
  subtitle: string;
  onRefresh(): void;
  csvPath: string;
  csvFile: string;
}) {
  const { t } = useI18n();
  return (
    <div className="console-head">
      <div>
        <Typography.Title level={2} data-testid="page-title" style={{ margin: 0 }}>
          {props.title}
        </Typography.Title>
        <Typography.Text type="secondary">{props.subtitle}</Typography.Text>
      </div>
      <Space wrap>
        <Button icon={<ReloadOutlined />} onClick={props.onRefresh} data-testid={`${props.prefix}-refresh`}>
          {t('common.refresh')}
        </Button>
        <CsvExportButton path={props.csvPath} fileName={props.csvFile} testId={`${props.prefix}-export`} />
      </Space>
    </div>
  );
}

export function ConsoleSearch(props: {
  prefix: string;
  value: string;
  onChange(value: string): void;
  placeholder: string;
}) {
  const { t } = useI18n();
  return (
    <Input
      allowClear
      prefix={<SearchOutlined />}
      placeholder={props.placeholder}
      aria-label={t('console.search')}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
      className="console-search"
      data-testid={`${props.prefix}-search`}
    />
  );
}

/** The selection's count, the page's actions on it, and a way to clear it. */
export function BulkBar(props: { prefix: string; count: number; onClear(): void; children: ReactNode }) {
  const { t } = useI18n();
  if (props.count === 0) return null;
  return (
    <div className="console-bulk" data-testid={`${props.prefix}-bulk`}>
      <span>{t('console.selected', { count: props.count })}</span>
      {props.children}
      <Button type="link" onClick={props.onClear}>
        {t('console.clearSelection')}
      </Button>
    </div>
  );
}

/** How many rows are shown, and a button for the next page while there is one. */
export function LoadMore(props: {
  prefix: string;
  shown: number;
  hasMore: boolean;
  loading: boolean;
  onMore(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="console-more">
      <span className="muted" data-testid={`${props.prefix}-count`}>
        {props.hasMore
          ? t('console.shownMore', { count: props.shown })
          : t('console.shown', { count: props.shown })}
      </span>
      {props.hasMore && (
        <Button onClick={props.onMore} loading={props.loading} data-testid={`${props.prefix}-more`}>
          {t('console.loadMore')}
        </Button>
      )}
    </div>
  );
}
