import { Card, Empty, Grid, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes, ReactNode } from 'react';
import './card-table.css';

/** One column: its heading and what a row shows under it (also the card's labelled line). */
export interface CardColumn<T> {
  key: string;
  title: ReactNode;
  render(row: T): ReactNode;
  numeric?: boolean;
  /** Left out of the phone card (the card's title already says it). */
  hideOnCard?: boolean;
}

interface CardTableProps<T> {
  rows: readonly T[];
  columns: readonly CardColumn<T>[];
  rowKey(row: T): string;
  /** `data-testid` of a row (the desktop `<tr>` or the phone card). */
  rowTestId?(row: T): string;
  /** A class on a row, e.g. the one being viewed. */
  rowClassName?(row: T): string;
  /** The card's heading on phones; without it every column is a labelled line. */
  cardTitle?(row: T): ReactNode;
  loading?: boolean;
  empty: ReactNode;
  testId: string;
}

/**
 * An antd Table from `md` up, and one antd Card per row below it (docs/web.md#mobile): at
 * 375 px a table never scrolls the page sideways. Test ids live in the cells' content, so the
 * same selectors find them in both layouts.
 */
export function CardTable<T>(props: CardTableProps<T>) {
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const { rows, columns, rowKey, rowTestId, rowClassName, cardTitle, loading, empty, testId } = props;

  if (phone) {
    if (rows.length === 0)
      return (
        <div data-testid={testId}>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
        </div>
      );
    return (
      <div className="cp-card-list" data-testid={testId}>
        {rows.map((row) => (
          <Card
            key={rowKey(row)}
            size="small"
            title={cardTitle?.(row)}
            className={rowClassName?.(row)}
            data-testid={rowTestId?.(row)}
          >
            <dl className="cp-card-fields">
              {columns
                .filter((column) => !column.hideOnCard)
                .map((column) => (
                  <div key={column.key} className="cp-card-field">
                    <dt>{column.title}</dt>
                    <dd>{column.render(row)}</dd>
                  </div>
                ))}
            </dl>
          </Card>
        ))}
      </div>
    );
  }

  const antColumns: ColumnsType<T> = columns.map((column) => ({
    key: column.key,
    title: column.title,
    align: column.numeric ? 'right' : undefined,
    render: (_: unknown, row: T) => column.render(row),
  }));
  return (
    <Table<T>
      data-testid={testId}
      columns={antColumns}
      dataSource={rows as T[]}
      rowKey={rowKey}
      rowClassName={rowClassName}
      onRow={(row) => ({ 'data-testid': rowTestId?.(row) }) as HTMLAttributes<HTMLElement>}
      loading={loading}
      pagination={false}
      size="middle"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );
}
