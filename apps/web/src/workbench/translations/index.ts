/**
 * The bpmn.io parts of the workbench in Chinese (zh-CN, the default) and English. Three
 * mechanisms, one per kind of upstream text (docs/translations.md, docs/adr/0016):
 * - bpmn-js, diagram-js, the properties panels, element templates and bpmn-js-bpmnlint pass their
 *   texts to diagram-js's `translate` service: `bpmnTranslateModule` replaces it with a catalogue;
 * - lint messages are sentences built at run time: `translateLintMessage` rebuilds them by pattern
 *   (the translate service falls back to it, since bpmn-js-bpmnlint translates each message);
 * - form-js 1.23.0 and bpmn-js-token-simulation 0.39.4 have no i18n, and bpmn-js-properties-panel
 *   leaves the panel chrome's translate unset: these fixed English texts are replaced in the DOM
 *   as they appear (`translateFormEditor`, and the observers `bpmnTranslateModule` starts).
 */
import { bpmnZhCN, bpmnZhCNPatterns } from './catalogue-bpmn';
import { type WorkbenchLanguage } from './language';
import { translateLintMessage } from './lint-messages';
import { fillTemplate, type Replacements } from './template';
import {
  startModelerDomTranslation,
  type CanvasLike,
  type EventBusLike,
  type InjectorLike,
} from './modeler-dom-translation';

export { type WorkbenchLanguage } from './language';
export { translateLintMessage } from './lint-messages';
export { translateFormEditor } from './form-editor';

export type TranslateFn = (template: string, replacements?: Replacements) => string;

/** The translate function for one language: catalogue, then lint patterns, then the English. */
export function bpmnTranslator(language: WorkbenchLanguage): TranslateFn {
  if (language === 'en') return (template, replacements) => fillTemplate(template, replacements);
  return (template, replacements) => {
    const known = Object.prototype.hasOwnProperty.call(bpmnZhCN, template) ? bpmnZhCN[template] : undefined;
    return fillTemplate(
      known ?? byPattern(template) ?? translateLintMessage(template, language),
      replacements,
    );
  };
}

function byPattern(template: string): string | undefined {
  for (const { pattern, zh } of bpmnZhCNPatterns) {
    const match = pattern.exec(template);
    if (match) return zh(...match.slice(1).map((group) => group ?? ''));
  }
  return undefined;
}

/**
 * A didi module for `additionalModules` that replaces diagram-js's translate service. Switching
 * language means recreating the modeler (the services read `translate` once, at creation).
 */
export function bpmnTranslateModule(language: WorkbenchLanguage) {
  return {
    __init__: ['carePathDomTranslation'],
    translate: ['value', bpmnTranslator(language)] as const,
    carePathDomTranslation: [
      'factory',
      Object.assign(
        (canvas: CanvasLike, eventBus: EventBusLike, injector: InjectorLike) =>
          startModelerDomTranslation(canvas, eventBus, injector, language),
        { $inject: ['canvas', 'eventBus', 'injector'] },
      ),
    ] as const,
  };
}
