import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { listUsers } from '../api/endpoints';
import type { UserView } from '../api/types';
import { useI18n } from '../i18n/i18n';

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/** A person's roles in words ("心理教师、班主任"). */
export function useRolesText() {
  const { label } = useI18n();
  return (user: UserView) => [...new Set(user.roles.map((grant) => label('role', grant.role)))].join('、');
}

/**
 * The one user picker (reassigning on the case page, the console's bulk reassign and assignee
 * filter): finds a user in the caller's scope by name or username (GET /api/users?q=, debounced)
 * and shows each by display name and roles; the value is the user's id. `offer` narrows whom it
 * offers (the case page: people on the case's line, not the current holder).
 */
export function UserPicker({
  value,
  onChange,
  testId,
  placeholder,
  allowClear,
  style,
  offer,
}: {
  value?: string;
  onChange(id: string | undefined, user: UserView | undefined): void;
  testId: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  offer?(user: UserView): boolean;
}) {
  const { t } = useI18n();
  const rolesText = useRolesText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const users = useQuery({
    queryKey: ['users', 'picker', q],
    queryFn: () => listUsers({ q: q || undefined, limit: 20 }),
    staleTime: 60_000,
  });
  const [chosen, setChosen] = useState<UserView | undefined>(undefined);
  const items = users.data?.items.filter((user) => !user.disabled && (offer?.(user) ?? true)) ?? [];
  const options = [...(chosen && !items.some((u) => u.id === chosen.id) ? [chosen] : []), ...items].map(
    (user) => ({
      value: user.id,
      label: user.displayName || user.username,
      user,
    }),
  );
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      allowClear={allowClear}
      placeholder={placeholder ?? t('userPicker.search')}
      style={{ minWidth: 220, ...style }}
      notFoundContent={users.isFetching ? <Spin size="small" /> : t('userPicker.noMatch')}
      onChange={(id: string | undefined) => {
        const user = options.find((option) => option.value === id)?.user;
        setChosen(user);
        onChange(id, user);
      }}
      options={options}
      optionRender={(option) => {
        const user = (option.data as { user: UserView }).user;
        return (
          <div data-testid={`user-option-${user.username}`}>
            <div>{user.displayName || user.username}</div>
            <div className="muted" style={{ fontSize: 12 }}>
              {rolesText(user)}
            </div>
          </div>
        );
      }}
      data-testid={testId}
    />
  );
}
