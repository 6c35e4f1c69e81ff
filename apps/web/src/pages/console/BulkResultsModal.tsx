import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { List, Modal, Typography } from 'antd';
import type { BulkItemResult } from '../../api/types';
import { useI18n, type Translate } from '../../i18n/i18n';

export type BulkAction = 'assign' | 'cancel' | 'retry';

/** An item's failure in the user's language: by the status the single action answered. */
export function failureText(action: BulkAction, result: BulkItemResult, t: Translate): string {
  const status = result.status;
  if (status === 400 && action === 'assign') return t('console.results.assign.400');
  if (status === 400) return t('console.results.400', { detail: result.error?.detail ?? '' });
  if (status === 403) return t('console.results.403');
  if (status === 404) return t('console.results.404');
  if (status === 409) return t(`console.results.${action}.409`);
  if (status === 503 || status === 504) return t('console.results.503');
  return t('console.results.other', { status });
}

export const succeeded = (result: BulkItemResult) => result.status >= 200 && result.status < 300;

export interface BulkOutcome {
  action: BulkAction;
  results: BulkItemResult[];
  /** What to call each item (the student and the task or process), by its id. */
  names: Map<string, string>;
}

/** Which items of a bulk action succeeded, which failed and why. */
export function BulkResultsModal({ outcome, onClose }: { outcome: BulkOutcome | null; onClose(): void }) {
  const { t } = useI18n();
  const results = outcome?.results ?? [];
  const ok = results.filter(succeeded).length;
  return (
    <Modal
      open={outcome !== null}
      title={t('console.results.title')}
      onCancel={onClose}
      onOk={onClose}
      okText={t('console.results.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      data-testid="bulk-results"
    >
      <Typography.Paragraph strong data-testid="bulk-results-summary">
        {t('console.results.summary', { ok, failed: results.length - ok })}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={results}
        renderItem={(result) => {
          const done = succeeded(result);
          return (
            <List.Item data-testid={`bulk-result-${result.id}`} data-outcome={done ? 'ok' : 'failed'}>
              <List.Item.Meta
                avatar={
                  done ? (
                    <CheckCircleFilled style={{ color: '#1e7b4c' }} aria-label={t('console.results.ok')} />
                  ) : (
                    <CloseCircleFilled
                      style={{ color: '#b42318' }}
                      aria-label={t('console.results.failed')}
                    />
                  )
                }
                title={outcome?.names.get(result.id) ?? t('common.none')}
                description={
                  done ? t('console.results.ok') : outcome && failureText(outcome.action, result, t)
                }
              />
            </List.Item>
          );
        }}
      />
    </Modal>
  );
}
