import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Grid, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../../api/download';
import { getCompliance } from '../../api/endpoints';
import type { ComplianceItem } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { formatDuration } from '../cases/caseModel';
import './compliance.css';

/** How late a line was, in words: "晚了 3 小时", "已超期 2 天", "按时". */
export function latenessWords(item: ComplianceItem, t: Translate): string {
  const duration = formatDuration(item.lateByMs, t);
  switch (item.status) {
    case 'late':
      return t('compliance.late', { duration });
    case 'overdue':
      return t('compliance.overdue', { duration });
    case 'onTime':
      return t('compliance.onTime');
    case 'open':
      return t('compliance.open');
    case 'cancelled':
      return item.lateByMs > 0 ? t('compliance.withdrawnLate', { duration }) : t('compliance.withdrawn');
  }
}

const STATUS_COLORS: Record<ComplianceItem['status'], string> = {
  onTime: 'success',
  late: 'warning',
  open: 'processing',
  overdue: 'error',
  cancelled: 'default',
};

/** Brings the timeline's entry for an audit seq into view (merged entries carry "a+b" keys). */
function showInTimeline(seq: number): void {
  const entries = document.querySelectorAll<HTMLElement>('[data-seqs]');
  const target = [...entries].find((entry) => entry.dataset.seqs?.split('+').includes(String(seq)));
  if (!target) return;
  target.scrollIntoView({ behavior: 'smooth', block: 'center' });
  target.classList.add('history-entry-flash');
  setTimeout(() => target.classList.remove('history-entry-flash'), 2_000);
}

/**
 * The case's compliance review for its supervisors (docs/compliance.md): each deadline, when it
 * was done and by whom, how late in words, the escalations it set off and the audit entries that
 * prove it (each a link to its entry in the timeline), and the review as a PDF to file.
 */
export function CaseCompliance({ instanceId, reason }: { instanceId: string; reason: string | undefined }) {
  const { t, formatDateTime } = useI18n();
  const screens = Grid.useBreakpoint();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState(false);
  const review = useQuery({
    queryKey: ['instance', instanceId, 'compliance', reason ?? ''],
    queryFn: () => getCompliance(instanceId, reason),
    retry: false,
  });
  const items = review.data?.items ?? [];

  const exportPdf = async () => {
    setExporting(true);
    setExportError(false);
    try {
      const query = reason ? `?reason=${encodeURIComponent(reason)}` : '';
      await downloadFile(
        `/instances/${encodeURIComponent(instanceId)}/compliance${query}`,
        'application/pdf',
        `compliance-${review.data?.businessKey ?? instanceId}.pdf`,
      );
    } catch {
      setExportError(true);
    } finally {
      setExporting(false);
    }
  };

  const evidence = (item: ComplianceItem) => (
    <Space size={[4, 4]} wrap>
      {item.evidence.map((entry) => (
        <Tooltip
          key={entry.seq}
          title={t('compliance.evidenceTip', {
            seq: entry.seq,
            type: t(`compliance.type.${entry.type}` as MessageKey),
            time: formatDateTime(entry.at),
          })}
        >
          <Button
            size="small"
            type="link"
            className="compliance-seq"
            onClick={() => showInTimeline(entry.seq)}
            data-testid="compliance-evidence"
          >
            #{entry.seq}
          </Button>
        </Tooltip>
      ))}
    </Space>
  );
  const escalations = (item: ComplianceItem) =>
    item.escalations.length === 0
      ? t('compliance.none')
      : item.escalations.map((e) => (
          <div key={`${e.elementId}-${e.firedAt}`}>
            {e.name} · {formatDateTime(e.firedAt)}
          </div>
        ));
  const lateness = (item: ComplianceItem) => (
    <Tag color={STATUS_COLORS[item.status]} data-testid="compliance-late" data-status={item.status}>
      {latenessWords(item, t)}
    </Tag>
  );

  return (
    <Card
      title={t('compliance.title')}
      size="small"
      className="case-card compliance-card"
      data-testid="case-compliance"
      extra={
        <Button
          icon={<DownloadOutlined aria-hidden aria-label="" />}
          onClick={() => void exportPdf()}
          loading={exporting}
          disabled={!review.data}
          data-testid="compliance-pdf"
        >
          {t('compliance.pdf')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('compliance.hint')}</Typography.Paragraph>
      {review.data && (
        <Tag
          color={review.data.chain.verified ? 'success' : 'error'}
          data-testid="compliance-chain"
          data-verified={String(review.data.chain.verified)}
          style={{ marginBottom: 8 }}
        >
          {review.data.chain.verified ? t('compliance.chainOk') : t('compliance.chainFailed')}
        </Tag>
      )}
      {exportError && (
        <Alert type="error" showIcon title={t('compliance.pdfFailed')} style={{ marginBottom: 8 }} />
      )}
      <ErrorMessage error={review.error} testId="compliance-error" />
      {screens.md ? (
        <Table<ComplianceItem>
          size="small"
          rowKey="taskId"
          loading={review.isPending}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('compliance.empty') }}
          onRow={(item) => ({ 'data-testid': 'compliance-line', 'data-element-id': item.elementId }) as never}
          columns={[
            { key: 'step', title: t('compliance.step'), render: (_, item) => item.name },
            { key: 'due', title: t('compliance.due'), render: (_, item) => formatDateTime(item.dueAt) },
            {
              key: 'done',
              title: t('compliance.done'),
              render: (_, item) =>
                item.completedAt ? formatDateTime(item.completedAt) : t('compliance.none'),
            },
            {
              key: 'by',
              title: t('compliance.by'),
              render: (_, item) => item.actor?.displayName ?? t('compliance.none'),
            },
            { key: 'late', title: t('compliance.lateBy'), render: (_, item) => lateness(item) },
            {
              key: 'escalations',
              title: t('compliance.escalations'),
              render: (_, item) => escalations(item),
            },
            { key: 'evidence', title: t('compliance.evidence'), render: (_, item) => evidence(item) },
          ]}
        />
      ) : items.length === 0 ? (
        <Typography.Text type="secondary">{review.isPending ? '' : t('compliance.empty')}</Typography.Text>
      ) : (
        // On a phone: one block per line, label and value stacked, nothing wider than the screen.
        <ul className="compliance-list">
          {items.map((item) => (
            <li
              key={item.taskId}
              className="compliance-item"
              data-testid="compliance-line"
              data-element-id={item.elementId}
            >
              <div className="compliance-item-head">
                <strong>{item.name}</strong> {lateness(item)}
              </div>
              <dl>
                <dt>{t('compliance.due')}</dt>
                <dd>{formatDateTime(item.dueAt)}</dd>
                <dt>{t('compliance.done')}</dt>
                <dd>{item.completedAt ? formatDateTime(item.completedAt) : t('compliance.none')}</dd>
                <dt>{t('compliance.by')}</dt>
                <dd>{item.actor?.displayName ?? t('compliance.none')}</dd>
                <dt>{t('compliance.escalations')}</dt>
                <dd>{escalations(item)}</dd>
                <dt>{t('compliance.evidence')}</dt>
                <dd>{evidence(item)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
