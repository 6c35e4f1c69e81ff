import { LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, List, Modal, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { BREAK_GLASS_ROLES, LEGAL_HOLD_ROLES } from '../../../../../libs/domain/src';
import {
  breakGlass,
  type CaseRead,
  listCaseReads,
  placeLegalHold,
  releaseLegalHold,
} from '../../api/confidentiality';
import { ApiError } from '../../api/http';
import type { InstanceDetail, Me } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';

// The case's confidentiality on its page (docs/security.md): who read it (for its supervisors),
// its legal hold, and emergency access (紧急查阅) to a case outside one's scope.

const MAX_REASON = 500;

/** True when `me` holds one of `roles` at the case's unit or above it (the api decides again). */
function holdsAt(me: Me, roles: readonly string[], orgPath: string): boolean {
  return me.roles.some(
    (grant) =>
      roles.includes(grant.role) && (orgPath === grant.orgPath || orgPath.startsWith(`${grant.orgPath}/`)),
  );
}

export const mayHoldCase = (me: Me, orgPath: string) => holdsAt(me, LEGAL_HOLD_ROLES, orgPath);
export const mayBreakGlass = (me: Me) => me.roles.some((grant) => BREAK_GLASS_ROLES.includes(grant.role));

/** Asks for a reason (1–500 characters, not blank) and sends it; the api's refusal is shown in it. */
function ReasonDialog({
  title,
  explain,
  label,
  hint,
  okText,
  danger,
  testId,
  onSubmit,
  onClose,
}: {
  title: string;
  explain: string;
  label: string;
  hint: string;
  okText: string;
  danger?: boolean;
  testId: string;
  onSubmit(reason: string): Promise<unknown>;
  onClose(): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const send = useMutation({ mutationFn: (reason: string) => onSubmit(reason) });
  const ready = text.trim() !== '';
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{
        disabled: !ready,
        danger: danger ?? false,
        loading: send.isPending,
        ...{ 'data-testid': `${testId}-submit` },
      }}
      onOk={() => ready && send.mutate(text.trim())}
      destroyOnHidden
    >
      <div data-testid={testId}>
        <Typography.Paragraph>{explain}</Typography.Paragraph>
        <label className="field">
          <span>{label}</span>
          <Input.TextArea
            value={text}
            maxLength={MAX_REASON}
            autoSize={{ minRows: 2, maxRows: 5 }}
            onChange={(event) => setText(event.target.value)}
            data-testid={`${testId}-reason`}
          />
        </label>
        <Typography.Text type="secondary">{hint}</Typography.Text>
        <ErrorMessage error={send.error} testId={`${testId}-error`} />
      </div>
    </Modal>
  );
}

/** The legal hold badge, and place / release for a principal, district supervisor or admin. */
export function LegalHoldControl({
  detail,
  me,
  onChanged,
}: {
  detail: InstanceDetail;
  me: Me;
  onChanged(message: string): void;
}) {
  const { t, formatDateTime } = useI18n();
  const [open, setOpen] = useState(false);
  const hold = detail.legalHold;
  const may = mayHoldCase(me, detail.orgPath) && !detail.purgedAt && !detail.breakGlassUntil;
  return (
    <>
      {hold && (
        <Tooltip title={t('hold.badgeTip', { name: hold.by.displayName, time: formatDateTime(hold.since) })}>
          <Tag color="gold" icon={<LockOutlined aria-hidden aria-label="" />} data-testid="legal-hold-badge">
            {t('hold.badge')}
          </Tag>
        </Tooltip>
      )}
      {may && (
        <Button
          size="small"
          onClick={() => setOpen(true)}
          data-testid={hold ? 'legal-hold-release' : 'legal-hold-place'}
        >
          {hold ? t('hold.release') : t('hold.place')}
        </Button>
      )}
      {open && (
        <ReasonDialog
          title={hold ? t('hold.releaseTitle') : t('hold.placeTitle')}
          explain={hold ? t('hold.releaseExplain') : t('hold.placeExplain')}
          label={t('hold.reason')}
          hint={t('hold.reasonHint')}
          okText={hold ? t('hold.release') : t('hold.place')}
          danger={Boolean(hold)}
          testId="legal-hold-dialog"
          onClose={() => setOpen(false)}
          onSubmit={async (reason) => {
            await (hold ? releaseLegalHold(detail.id, reason) : placeLegalHold(detail.id, reason));
            setOpen(false);
            onChanged(hold ? t('hold.released') : t('hold.placed'));
          }}
        />
      )}
    </>
  );
}

function whatLabel(item: CaseRead, t: (key: MessageKey) => string): string {
  const byAction = `reads.action.${item.action}`;
  const byWhat = `reads.what.${item.what}`;
  const known = (key: string): key is MessageKey => t(key as MessageKey) !== key;
  if (known(byAction)) return t(byAction);
  if (known(byWhat)) return t(byWhat);
  return t('reads.what.other');
}

/** 查阅记录: every access_log row about the case, newest first, for its supervisors. */
export function CaseReads({ instanceId }: { instanceId: string }) {
  const { t, formatTimestamp } = useI18n();
  const reads = useInfiniteQuery({
    queryKey: ['instance', instanceId, 'reads'],
    queryFn: ({ pageParam }) => listCaseReads(instanceId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    retry: false,
  });
  const items = reads.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card title={t('reads.title')} size="small" className="case-card case-reads" data-testid="case-reads">
      <Typography.Paragraph type="secondary">{t('reads.hint')}</Typography.Paragraph>
      <ErrorMessage error={reads.error} testId="case-reads-error" />
      {reads.isSuccess && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reads.empty')} />
      ) : (
        <List
          size="small"
          loading={reads.isPending}
          dataSource={items}
          rowKey="id"
          renderItem={(item) => (
            <List.Item data-testid="case-read" data-action={item.action} data-via={item.via}>
              <div className="case-read">
                <div className="case-read-head">
                  <Typography.Text strong>{item.user?.displayName ?? t('reads.unknownUser')}</Typography.Text>
                  <span>{whatLabel(item, t)}</span>
                  {item.via === 'breakGlass' && (
                    <Tag color="red" bordered={false}>
                      {t('reads.viaBreakGlass')}
                    </Tag>
                  )}
                </div>
                <Typography.Text type="secondary" className="case-read-at">
                  {formatTimestamp(item.at)}
                </Typography.Text>
                {item.reason && (
                  <div className="case-read-reason" data-testid="case-read-reason">
                    {t('reads.reason', { reason: item.reason })}
                  </div>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
      {reads.hasNextPage && (
        <Button
          onClick={() => void reads.fetchNextPage()}
          loading={reads.isFetchingNextPage}
          data-testid="case-reads-more"
        >
          {t('reads.more')}
        </Button>
      )}
    </Card>
  );
}

/** A case outside the caller's scope (404): a principal or district supervisor may break the glass. */
export function BreakGlassOffer({ instanceId, onGranted }: { instanceId: string; onGranted(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Card size="small" className="case-card" data-testid="break-glass-offer">
      <Typography.Title level={4}>
        <SafetyCertificateOutlined aria-hidden aria-label="" /> {t('breakGlass.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('breakGlass.explain')}</Typography.Paragraph>
      <Button danger type="primary" onClick={() => setOpen(true)} data-testid="break-glass-start">
        {t('breakGlass.start')}
      </Button>
      {open && (
        <ReasonDialog
          title={t('breakGlass.dialogTitle')}
          explain={t('breakGlass.explain')}
          label={t('breakGlass.reason')}
          hint={t('breakGlass.reasonHint')}
          okText={t('breakGlass.submit')}
          danger
          testId="break-glass-dialog"
          onClose={() => setOpen(false)}
          onSubmit={async (reason) => {
            await breakGlass(instanceId, reason);
            setOpen(false);
            onGranted();
          }}
        />
      )}
    </Card>
  );
}

/** "紧急查阅，有效至 HH:mm"; when the grant ends the page reads the case again (and gets 404). */
export function BreakGlassBanner({ instanceId, until }: { instanceId: string; until: string }) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  useEffect(() => {
    const left = Date.parse(until) - Date.now();
    const timer = setTimeout(
      () => void queryClient.invalidateQueries({ queryKey: ['instance', instanceId] }),
      Math.max(0, left) + 500,
    );
    return () => clearTimeout(timer);
  }, [until, instanceId, queryClient]);
  const time = new Date(until).toLocaleTimeString(language, {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return (
    <Alert
      type="warning"
      showIcon
      title={t('breakGlass.banner', { time })}
      description={t('breakGlass.bannerHint')}
      data-testid="break-glass-banner"
      style={{ marginBottom: 12 }}
    />
  );
}

/** The api's answer for a case outside one's scope (or unknown): 404. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
