import { Button, Card, List, Typography } from 'antd';
import { useState } from 'react';
import type { Incident } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { RetryIncidentPanel } from './RetryIncidentPanel';

interface Props {
  incidents: Incident[];
  /** The element's name for an incident (never its id). */
  elementName(elementId: string): string;
  /** The user supervises this case: each incident gets a Retry action. */
  mayRetry: boolean;
  onRetried(): void;
}

/** A case's open incidents: where it is stuck and why; supervisors retry them inline. */
export function CaseIncidents({ incidents, elementName, mayRetry, onRetried }: Props) {
  const { t, formatDateTime } = useI18n();
  const [retryingId, setRetryingId] = useState<string | null>(null);
  if (incidents.length === 0) return null;

  return (
    <Card title={t('case.incidents')} size="small" className="case-incidents" data-testid="case-incidents">
      <List
        dataSource={incidents}
        rowKey="id"
        renderItem={(incident) => (
          <List.Item
            data-testid={`incident-row-${incident.id}`}
            data-element-id={incident.elementId}
            style={{ display: 'block' }}
          >
            <div className="case-incident-head">
              <div>
                <Typography.Text strong type="danger">
                  {elementName(incident.elementId)}
                </Typography.Text>
                <div className="case-incident-message">{incident.message}</div>
                <Typography.Text type="secondary">{formatDateTime(incident.createdAt)}</Typography.Text>
              </div>
              {mayRetry && (
                <Button
                  type="primary"
                  size="small"
                  disabled={retryingId === incident.id}
                  onClick={() => setRetryingId(incident.id)}
                  data-testid={`incident-retry-${incident.id}`}
                >
                  {t('incident.retry')}
                </Button>
              )}
            </div>
            {retryingId === incident.id && (
              <RetryIncidentPanel
                incident={incident}
                elementName={elementName(incident.elementId)}
                onCancel={() => setRetryingId(null)}
                onRetried={() => {
                  setRetryingId(null);
                  onRetried();
                }}
              />
            )}
          </List.Item>
        )}
      />
    </Card>
  );
}
