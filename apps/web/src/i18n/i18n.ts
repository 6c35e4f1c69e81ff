import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { setRequestLanguage } from '../api/http';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

// i18next holds the catalogues, the current language and interpolation (docs/web.md#i18n,
// ADR 0021). The catalogues stay flat ('inbox.title') with `{name}` placeholders, so
// keySeparator and nsSeparator are off and the interpolation markers are single braces.

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'carepath.language';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' || value === 'zh-CN' ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  setRequestLanguage(language);
}

const initialLanguage = storedLanguage();
void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage,
  fallbackLng: 'zh-CN',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { prefix: '{', suffix: '}', escapeValue: false },
  returnNull: false,
  initAsync: false,
});
applyLanguage(initialLanguage);
i18next.on('languageChanged', applyLanguage);

export function setLanguage(next: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // storage may be disabled; the choice then lasts for this page only
  }
  void i18next.changeLanguage(next);
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

/** Translates outside React (a chart's tooltip, a CSV header): the current language. */
export const translate: Translate = (key, params) => i18next.t(key, params ?? {});

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

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${language}:${withSeconds}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(language, {
      dateStyle: 'medium',
      timeStyle: withSeconds ? 'medium' : 'short',
    });
    formatters.set(key, found);
  }
  return found;
}

/**
 * The app's typed view of react-i18next: `t` only accepts keys of the zh-CN catalogue (the
 * compiler checks every call), plus the date formats the pages share.
 */
export function useI18n(): I18n {
  const { t: i18nextT, i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const t: Translate = (key, params) => i18nextT(key, params ?? {});
  const format = (withSeconds: boolean, iso: string | null | undefined) => {
    if (!iso) return t('common.none');
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : formatter(language, withSeconds).format(date);
  };
  return {
    language,
    setLanguage,
    t,
    label: (prefix, raw) => {
      const key = `${prefix}.${raw}`;
      return i18n.exists(key) ? i18nextT(key) : raw;
    },
    formatDateTime: (iso) => format(false, iso),
    formatTimestamp: (iso) => format(true, iso),
  };
}
