/** The workbench speaks the app's two languages (apps/web/src/i18n); zh-CN is the default. */
export type WorkbenchLanguage = 'zh-CN' | 'en';
