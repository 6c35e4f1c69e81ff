import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { setRequestLanguage } from '../api/http';
import { en } from './en';
import { zhCN, type Catalogue, type MessageKey } from './zh-CN';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
const CATALOGUES: Record<Language, Catalogue> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'carepath.language';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  /** Looks up a key built at run time (a role, a state); falls back to the raw value. */
  label(prefix: string, value: string): string;
  formatDateTime(iso: string | null | undefined): string;
  /** With seconds, for chronologies where order within a minute matters. */
  formatTimestamp(iso: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' || value === 'zh-CN' ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);

  const setLanguage = useCallback((next: Language) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage may be disabled; the choice then lasts for this page only
    }
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    document.documentElement.lang = language;
    setRequestLanguage(language);
    const catalogue = CATALOGUES[language];
    const t: Translate = (key, params) =>
      catalogue[key].replace(/\{(\w+)\}/g, (match, name: string) =>
        params && name in params ? String(params[name]) : match,
      );
    const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const timestampFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });
    const format = (formatter: Intl.DateTimeFormat, iso: string | null | undefined) => {
      if (!iso) return catalogue['common.none'];
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
    };
    return {
      language,
      setLanguage,
      t,
      label: (prefix, raw) => {
        const key = `${prefix}.${raw}`;
        return isMessageKey(key) ? catalogue[key] : raw;
      },
      formatDateTime: (iso) => format(dateFormat, iso),
      formatTimestamp: (iso) => format(timestampFormat, iso),
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() needs an <I18nProvider> above it');
  return i18n;
}
