import { Alert } from 'antd';
import { ApiError, NetworkError } from '../api/http';
import { useI18n, type Translate } from '../i18n/i18n';

/** The sentence to show for a failed request: the problem's detail, else a generic one. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return t('error.sessionExpired');
    return error.message || t('error.generic', { status: error.status });
  }
  if (error instanceof NetworkError) return t('error.network');
  return error instanceof Error ? error.message : String(error);
}

interface ErrorMessageProps {
  error: unknown;
  testId?: string;
  /** Sentences that replace the server's for these statuses (a 403 explained in the user's terms). */
  byStatus?: Partial<Record<number, string>>;
}

/** A failed request as an antd error Alert; nothing when there is no error. */
export function ErrorMessage({ error, testId = 'error', byStatus }: ErrorMessageProps) {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  const explained = error instanceof ApiError ? byStatus?.[error.status] : undefined;
  return (
    <Alert
      className="cp-alert"
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      title={explained ?? describeError(error, t)}
    />
  );
}

/** What just succeeded (saved, deployed), as an antd success Alert with role status. */
export function Notice({ text, testId = 'notice' }: { text: string | null; testId?: string }) {
  if (!text) return null;
  return (
    <Alert className="cp-alert" type="success" showIcon role="status" data-testid={testId} title={text} />
  );
}
