import { formEditorZhCN } from './catalogue-form-editor.zh-CN';
import { observeDomTranslations } from './dom-translator';
import { type WorkbenchLanguage } from './language';

/**
 * What the user built in the editor: the form preview on the canvas (their labels, descriptions,
 * placeholders, options) and the properties panel's header, which repeats the selected field's
 * label. Empty states on the canvas are the editor's and are translated.
 */
const USER_CONTENT = [
  '.fjs-form-field',
  '.bio-properties-panel-header-label',
  '.bio-properties-panel-collapsible-entry-header-title',
  '.cm-editor',
].join(', ');

/**
 * Translates a form-js FormEditor mounted in `container` (palette, properties panel, empty
 * states) until the returned function is called. For 'en' it does nothing.
 */
export function translateFormEditor(container: HTMLElement, language: WorkbenchLanguage): () => void {
  if (language !== 'zh-CN') return () => undefined;
  return observeDomTranslations(container, { catalogue: formEditorZhCN, skip: USER_CONTENT });
}
