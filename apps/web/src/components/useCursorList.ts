import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cursor, Page } from '../api/types';

export interface CursorList<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

/**
 * Loads the first page of a `{items, nextCursor}` list whenever `key` changes, and further
 * pages on demand. Answers to superseded requests are dropped.
 */
export function useCursorList<T>(
  fetchPage: (cursor?: Cursor) => Promise<Page<T>>,
  key: string,
): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback((from: Cursor | undefined, append: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    fetchRef.current(from).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((previous) => (append ? [...previous, ...page.items] : page.items));
        setCursor(page.nextCursor ?? null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(failure);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    load(undefined, false);
  }, [key, load]);

  return {
    items,
    error,
    loading,
    hasMore: cursor !== null,
    loadMore: () => {
      if (cursor !== null) load(cursor, true);
    },
    reload: () => load(undefined, false),
  };
}
