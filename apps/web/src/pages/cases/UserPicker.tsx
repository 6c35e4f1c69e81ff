import { useQuery } from '@tanstack/react-query';
import { Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { listUsers } from '../../api/endpoints';
import type { UserView } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

const DEBOUNCE_MS = 300;

/** On the case's line: a grant at the case's unit, above it (who supervise or serve it) or below it. */
function onLine(user: UserView, caseOrgPath: string): boolean {
  return user.roles.some(
    (grant) =>
      caseOrgPath === grant.orgPath ||
      caseOrgPath.startsWith(`${grant.orgPath}/`) ||
      grant.orgPath.startsWith(`${caseOrgPath}/`),
  );
}

interface Props {
  /** The case's org path: only people on its line are offered. */
  caseOrgPath: string;
  /** Who holds the task now (a username): not offered again. */
  exclude?: string | null;
  value: UserView | null;
  onChange(user: UserView | null): void;
}

/** Search people by name or username (GET /api/users?q=), debounced; shows each one's roles. */
export function UserPicker({ caseOrgPath, exclude, value, onChange }: Props) {
  const { t, label } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(typed.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [typed]);

  const users = useQuery({
    queryKey: ['users', 'picker', q],
    queryFn: () => listUsers({ q: q || undefined, limit: 50 }),
    staleTime: 30_000,
  });
  const offered = (users.data?.items ?? []).filter(
    (user) => !user.disabled && user.username !== exclude && onLine(user, caseOrgPath),
  );

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      style={{ width: '100%' }}
      placeholder={t('case.reassign.search')}
      value={value?.id}
      onChange={(id) => onChange(offered.find((user) => user.id === id) ?? null)}
      notFoundContent={users.isFetching ? <Spin size="small" /> : t('case.reassign.noMatch')}
      data-testid="user-picker"
      optionLabelProp="label"
      options={offered.map((user) => ({
        value: user.id,
        label: user.displayName || user.username,
        title: user.displayName || user.username,
        'data-testid': `user-option-${user.username}`,
        user,
      }))}
      optionRender={(option) => {
        const user = (option.data as { user: UserView }).user;
        return (
          <Space size={4} wrap>
            <Typography.Text strong>{user.displayName || user.username}</Typography.Text>
            <Typography.Text type="secondary">{user.username}</Typography.Text>
            {[...new Set(user.roles.map((grant) => grant.role))].map((role) => (
              <Tag key={role} bordered={false}>
                {label('role', role)}
              </Tag>
            ))}
          </Space>
        );
      }}
    />
  );
}
