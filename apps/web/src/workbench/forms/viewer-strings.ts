// form-js's viewer writes a few fixed English words into its fields (a number field's step
// buttons, a select's placeholder, a tag list's search); it has no i18n (form-js#77). They are
// replaced in the DOM by the workbench's translator (translations/dom-translator.ts), as the
// editor's are. translateFormEditor leaves the inside of fields alone (there the words are the
// lead's), and its catalogue reads "Increment" as the properties panel's step ("步长"), so the
// viewer's own words are listed here, matched exactly, worded as the editor's catalogue words them.
import { observeDomTranslations } from '../translations/dom-translator';
import type { WorkbenchLanguage } from '../translations';

const VIEWER_ZH_CN: Readonly<Record<string, string>> = {
  Increment: '增加',
  Decrement: '减少',
  Search: '搜索',
  Select: '请选择',
  'Remove tag': '删除标签',
  'No results': '没有匹配的选项',
  'All values selected': '已全部选择',
  'Nothing to show.': '没有可显示的内容。',
  'Previous page': '上一页',
  'Next page': '下一页',
  Browse: '浏览',
  'No files selected': '未选择文件',
  'Powered by bpmn.io': '由 bpmn.io 提供技术支持',
  // A date field's placeholder.
  'mm/dd/yyyy': '年/月/日',
};

/** The lead's own words: labels and descriptions are never translated, even when they match. */
const USER_CONTENT = '.fjs-form-field-label, .fjs-form-field-description, .fjs-form-field-text';

/** Translates form-js viewer fields under `container` until the returned function is called. */
export function translateFormViewer(container: HTMLElement, language: WorkbenchLanguage): () => void {
  if (language !== 'zh-CN') return () => undefined;
  return observeDomTranslations(container, { catalogue: VIEWER_ZH_CN, skip: USER_CONTENT });
}
