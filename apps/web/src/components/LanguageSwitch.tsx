import { Segmented } from 'antd';
import { LANGUAGES, useI18n, type Language } from '../i18n/i18n';

const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'EN' };

/** 中文 | EN, on the login page and in the header; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('header.language')}
      data-testid="language-switch"
      value={language}
      onChange={setLanguage}
      options={LANGUAGES.map((lang) => ({
        value: lang,
        label: <span data-testid={`language-${lang}`}>{LANGUAGE_NAMES[lang]}</span>,
      }))}
    />
  );
}
