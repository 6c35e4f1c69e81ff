import { formEditorZhCN, formEditorZhCNPatterns } from './catalogue-form-editor.zh-CN';
import { observeDomTranslations } from './dom-translator';
import { type WorkbenchLanguage } from './language';

/**
 * What the user built in the editor: the form preview on the canvas (their labels, descriptions,
 * placeholders, options, texts) and the properties panel's header and list item titles, which
 * repeat the selected field's label and its options' labels. FEEL and template editors hold
 * what they typed too.
 */
const USER_CONTENT = [
  '.fjs-form-field',
  '.bio-properties-panel-header-label',
  '.bio-properties-panel-collapsible-entry-header-title',
].join(', ');

/** The editor's own words on the canvas: empty states, placeholders, the field context pad. */
const EDITOR_ON_CANVAS = [
  '.fjs-form-field-placeholder',
  '.fjs-empty-component',
  '.fjs-empty-editor',
  '.fjs-context-pad',
].join(', ');

/**
 * Translates a form-js FormEditor mounted in `container` (palette, properties panel, empty
 * states) until the returned function is called. For 'en' it does nothing.
 */
export function translateFormEditor(container: HTMLElement, language: WorkbenchLanguage): () => void {
  if (language !== 'zh-CN') return () => undefined;
  return observeDomTranslations(container, {
    catalogue: formEditorZhCN,
    patterns: formEditorZhCNPatterns,
    skip: USER_CONTENT,
    allow: EDITOR_ON_CANVAS,
    // FEEL and template editors: the text is the user's, the aria-label the field's label
    skipTexts: '.cm-editor',
  });
}
