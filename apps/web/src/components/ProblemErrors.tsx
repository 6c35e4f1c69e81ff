import { Table } from 'antd';
import { ApiError, type ProblemError } from '../api/http';
import { useI18n } from '../i18n/i18n';

export function problemErrors(error: unknown): ProblemError[] {
  return error instanceof ApiError ? (error.problem?.errors ?? []) : [];
}

/** A problem's `errors[]` as a table: which element or field, and what is wrong with it. */
export function ProblemErrorsTable({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useI18n();
  const errors = problemErrors(error);
  if (errors.length === 0) return null;
  return (
    <Table<ProblemError & { index: number }>
      className="problem-errors"
      data-testid={testId}
      size="small"
      pagination={false}
      rowKey="index"
      dataSource={errors.map((item, index) => ({ ...item, index }))}
      onRow={() => ({ 'data-testid': `${testId}-row` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: 'where',
          title: t('defs.col.elementId'),
          render: (_, item) => <code>{item.elementId ?? item.path ?? t('common.none')}</code>,
        },
        { key: 'message', title: t('defs.col.message'), render: (_, item) => item.message },
      ]}
    />
  );
}
