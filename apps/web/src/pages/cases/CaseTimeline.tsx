import { Alert, Card, Empty, Segmented, Space, Switch, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { TimelineItem, TimelineTone } from './caseModel';

const COLORS: Record<TimelineTone, string> = {
  start: 'blue',
  done: 'green',
  late: 'orange',
  incident: 'red',
  info: 'blue',
  minor: 'gray',
  end: 'gray',
};

interface Props {
  items: TimelineItem[];
  loading: boolean;
  error: unknown;
}

/** The case's history in words, oldest or newest first; pass-through steps on request. */
export function CaseTimeline({ items, loading, error }: Props) {
  const { t, formatTimestamp } = useI18n();
  const [newestFirst, setNewestFirst] = useState(true);
  const [allSteps, setAllSteps] = useState(false);
  const shown = items.filter((item) => allSteps || !item.minor);
  const ordered = newestFirst ? [...shown].reverse() : shown;

  return (
    <Card title={t('case.history')} size="small" data-testid="case-timeline">
      <Space wrap size={8} className="case-timeline-toolbar">
        <Segmented
          size="small"
          value={newestFirst ? 'newest' : 'oldest'}
          onChange={(value) => setNewestFirst(value === 'newest')}
          options={[
            { value: 'newest', label: t('case.timeline.newestFirst') },
            { value: 'oldest', label: t('case.timeline.oldestFirst') },
          ]}
          data-testid="timeline-order"
          aria-label={t('case.timeline.order')}
        />
        <Space size={4}>
          <Switch size="small" checked={allSteps} onChange={setAllSteps} data-testid="timeline-all-steps" />
          <span>{t('case.timeline.allSteps')}</span>
        </Space>
      </Space>
      {error ? (
        <Alert type="error" showIcon title={t('case.timeline.loadFailed')} data-testid="history-error" />
      ) : null}
      {ordered.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={loading ? t('common.loading') : t('case.historyEmpty')}
          data-testid="history-empty"
        />
      ) : (
        <Timeline
          data-testid="case-history"
          items={ordered.map((item) => ({
            key: item.key,
            color: COLORS[item.tone],
            content: (
              <div
                data-testid="history-entry"
                data-type={item.type}
                data-tone={item.tone}
                // The audit seqs the line stands for: the compliance review's evidence finds it.
                data-seqs={item.key}
              >
                <Typography.Text
                  className="timeline-text"
                  type={item.tone === 'late' ? 'warning' : item.tone === 'incident' ? 'danger' : undefined}
                >
                  {item.text}
                </Typography.Text>
                {item.detail && <div className="timeline-detail">{item.detail}</div>}
                <div className="timeline-time">
                  <time dateTime={item.at}>{formatTimestamp(item.at)}</time>
                </div>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
