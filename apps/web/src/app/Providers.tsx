import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { ApiError } from '../api/http';
import { useI18n } from '../i18n/i18n';
import { SessionProvider } from '../session/session';

// Server state lives in TanStack Query (ADR 0021): lists refetch when the window regains focus
// and every 30 s while open, so a teacher's inbox shows tasks assigned meanwhile. A 4xx is an
// answer, not a glitch: it is not retried.
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
    mutations: { retry: false },
  },
});

/** Ant Design's own parts in the user's language: dates, pagination, empty states. */
function AntdConfig({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      // No space squeezed between two Chinese characters ("保存", not "保 存"): labels read as written.
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1f6f8b', borderRadius: 6, fontSize: 14 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <AntdConfig>{children}</AntdConfig>
      </SessionProvider>
    </QueryClientProvider>
  );
}
