import { Button, Result } from 'antd';
import { hrefFor } from '../routing/routes';
import { useI18n } from '../i18n/i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={<span data-testid="page-title">{t('notFound.title')}</span>}
      extra={
        <Button type="primary" href={hrefFor({ page: 'inbox' })}>
          {t('nav.inbox')}
        </Button>
      }
    />
  );
}
