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
    <table className="data-table problem-errors" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('defs.col.elementId')}</th>
          <th>{t('defs.col.message')}</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((item, index) => (
          <tr key={index} data-testid={`${testId}-row`}>
            <td>
              <code>{item.elementId ?? item.path ?? t('common.none')}</code>
            </td>
            <td>{item.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
