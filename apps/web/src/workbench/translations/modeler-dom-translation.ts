import { canvasDomZhCN, canvasDomZhCNPatterns } from './catalogue-canvas-dom.zh-CN';
import { panelChromeZhCN } from './catalogue-panel-extras.zh-CN';
import { observeDomTranslations } from './dom-translator';
import { type WorkbenchLanguage } from './language';

export interface CanvasLike {
  getContainer(): Element;
}
export interface EventBusLike {
  on(event: string, callback: () => void): void;
}
export interface InjectorLike {
  get(name: string, strict?: boolean): unknown;
}

/** Where bpmn-js-properties-panel 5.65.3 renders (BpmnPropertiesPanelRenderer#_container). */
interface PropertiesPanelLike {
  _container?: Element;
}

/** Element names and values the user wrote, wherever the DOM repeats them. */
const CANVAS_USER_CONTENT = '.djs-search-results, .bjsl-id-hint, .bts-scope';
const PANEL_USER_CONTENT = [
  '.bio-properties-panel-header-label',
  '.bio-properties-panel-collapsible-entry-header-title',
].join(', ');

/**
 * Started by `bpmnTranslateModule` inside the modeler, for texts that never reach `translate`:
 * - below the canvas container, the token simulation's and the popup menu's hard-coded English
 *   (catalogue-canvas-dom.zh-CN.ts); diagram labels are SVG and never touched;
 * - in the properties panel, @bpmn-io/properties-panel's own chrome (section toggles, list
 *   buttons, the FEEL switch): bpmn-js-properties-panel 5.65.3 does not hand `translate` to its
 *   Group, ListGroup and FEEL components, which then fall back to English.
 */
export function startModelerDomTranslation(
  canvas: CanvasLike,
  eventBus: EventBusLike,
  injector: InjectorLike,
  language: WorkbenchLanguage,
): { stop(): void } {
  if (language !== 'zh-CN') return { stop: () => undefined };
  const stops = [
    observeDomTranslations(canvas.getContainer(), {
      catalogue: canvasDomZhCN,
      patterns: canvasDomZhCNPatterns,
      skip: CANVAS_USER_CONTENT,
    }),
  ];
  let panelObserved = false;
  const observePanel = () => {
    const panel = injector.get('propertiesPanel', false) as PropertiesPanelLike | undefined;
    if (panelObserved || !panel?._container) return;
    panelObserved = true;
    stops.push(
      observeDomTranslations(panel._container, { catalogue: panelChromeZhCN, skip: PANEL_USER_CONTENT }),
    );
  };
  observePanel();
  eventBus.on('diagram.init', observePanel);
  eventBus.on('propertiesPanel.attach', observePanel);
  const stop = () => stops.splice(0).forEach((disconnect) => disconnect());
  eventBus.on('diagram.destroy', stop);
  return { stop };
}
