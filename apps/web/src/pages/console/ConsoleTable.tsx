import { Card, Checkbox, Empty, Grid, Spin, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';

interface ConsoleTableProps<T> {
  rows: T[];
  rowKey(row: T): string;
  columns: ColumnsType<T>;
  /** The phone's card for a row (below the md breakpoint tables become cards). */
  card(row: T): ReactNode;
  selected?: string[];
  onSelect?(keys: string[]): void;
  loading: boolean;
  empty: string;
  testId: string;
  rowClassName?(row: T): string;
  /** The row checkbox's name for screen readers. */
  selectLabel?: string;
}

/** A console list: an antd Table with row selection on a desk, a stack of cards on a phone. */
export function ConsoleTable<T extends object>({
  rows,
  rowKey,
  columns,
  card,
  selected,
  onSelect,
  loading,
  empty,
  testId,
  rowClassName,
  selectLabel,
}: ConsoleTableProps<T>) {
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const emptyNode = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;

  if (narrow) {
    if (rows.length === 0) return loading ? <Spin className="console-spin" /> : emptyNode;
    return (
      <div className="console-cards" data-testid={testId} data-layout="cards">
        {rows.map((row) => {
          const key = rowKey(row);
          return (
            <Card
              key={key}
              size="small"
              className={`console-card ${rowClassName?.(row) ?? ''}`}
              data-testid={`${testId}-row-${key}`}
            >
              {onSelect && selected && (
                <Checkbox
                  className="console-card-check"
                  checked={selected.includes(key)}
                  onChange={(event) =>
                    onSelect(
                      event.target.checked ? [...selected, key] : selected.filter((other) => other !== key),
                    )
                  }
                  data-testid={`${testId}-select-${key}`}
                />
              )}
              <div className="console-card-body">{card(row)}</div>
            </Card>
          );
        })}
      </div>
    );
  }

  return (
    <Table<T>
      data-testid={testId}
      data-layout="table"
      size="middle"
      rowKey={rowKey}
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: emptyNode }}
      rowClassName={rowClassName}
      onRow={(row) => ({ 'data-testid': `${testId}-row-${rowKey(row)}` }) as never}
      rowSelection={
        onSelect && selected
          ? {
              selectedRowKeys: selected,
              onChange: (keys) => onSelect(keys.map(String)),
              getCheckboxProps: (row) =>
                ({ 'data-testid': `${testId}-select-${rowKey(row)}`, 'aria-label': selectLabel }) as never,
            }
          : undefined
      }
    />
  );
}
