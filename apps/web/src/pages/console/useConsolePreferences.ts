import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { getPreference, putPreference } from '../../api/endpoints';
import type { PreferenceView } from '../../api/types';

/** Where the console's saved filters live on the server: one object per list. */
export type ConsoleSection = 'cases' | 'tasks';

const KEY = ['preferences', 'console'] as const;

/**
 * The console's filters as saved on the server (GET/PUT /api/me/preferences/console): `ready`
 * once the saved value is read (or could not be), then `value` starts from it and every change
 * is saved after a short pause.
 */
export function useConsolePreference<T extends Record<string, unknown>>(
  section: ConsoleSection,
  defaults: T,
): { ready: boolean; value: T; setValue(next: T): void; saved: boolean } {
  const client = useQueryClient();
  const stored = useQuery({ queryKey: KEY, queryFn: () => getPreference('console'), staleTime: Infinity });
  const [value, setLocal] = useState<T | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (next: Record<string, unknown>) => putPreference('console', next),
    onSuccess: () => setSaved(true),
  });
  const ready = stored.isSuccess || stored.isError;

  useEffect(() => {
    if (!ready || value !== null) return;
    const saved = stored.data?.value?.[section];
    setLocal({ ...defaults, ...(typeof saved === 'object' && saved !== null ? (saved as Partial<T>) : {}) });
  }, [ready, stored.data, section, value]);

  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );

  return {
    ready: value !== null,
    value: value ?? defaults,
    saved,
    setValue(next) {
      setLocal(next);
      setSaved(false);
      // Both lists share one saved object: the cache holds the latest of it, written at once.
      const previous = client.getQueryData<PreferenceView>(KEY);
      const snapshot = { ...(previous?.value ?? {}), [section]: next };
      client.setQueryData<PreferenceView>(KEY, {
        key: 'console',
        value: snapshot,
        updatedAt: previous?.updatedAt ?? null,
      });
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(() => save.mutate(snapshot), 600);
    },
  };
}
