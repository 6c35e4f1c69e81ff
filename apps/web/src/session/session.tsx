import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setUnauthorizedHandler } from '../api/http';
import { clearToken, readToken, saveToken } from './token';

interface Session {
  token: string | null;
  /** True after the api rejected the token: the login page says the session ended. */
  expired: boolean;
  signIn(token: string): void;
  signOut(expired?: boolean): void;
}

const SessionContext = createContext<Session | null>(null);

/** The signed-in token, and what signing out clears (every cached answer of the last user). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState<string | null>(readToken);
  const [expired, setExpired] = useState(false);

  const signOut = useCallback(
    (wasExpired = false) => {
      clearToken();
      queryClient.clear();
      setToken(null);
      setExpired(wasExpired);
    },
    [queryClient],
  );

  useEffect(() => setUnauthorizedHandler(() => signOut(true)), [signOut]);

  const value = useMemo<Session>(
    () => ({
      token,
      expired,
      signIn: (next) => {
        saveToken(next);
        queryClient.clear();
        setExpired(false);
        setToken(next);
      },
      signOut,
    }),
    [token, expired, signOut, queryClient],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a <SessionProvider> above it');
  return session;
}
