import { canvasDomZhCN } from './catalogue-canvas-dom.zh-CN';
import { observeDomTranslations } from './dom-translator';
import { type WorkbenchLanguage } from './language';

export interface CanvasLike {
  getContainer(): Element;
}
export interface EventBusLike {
  on(event: string, callback: () => void): void;
}

/**
 * Started by `bpmnTranslateModule` inside the modeler: translates the token simulation's and the
 * popup menu's hard-coded English (catalogue-canvas-dom.zh-CN.ts) below the canvas container,
 * which is where both render. Diagram labels are SVG and never touched.
 */
export function startCanvasDomTranslation(
  canvas: CanvasLike,
  eventBus: EventBusLike,
  language: WorkbenchLanguage,
): { stop(): void } {
  if (language !== 'zh-CN') return { stop: () => undefined };
  const disconnect = observeDomTranslations(canvas.getContainer(), {
    catalogue: canvasDomZhCN,
    // the simulation log repeats element names the user wrote, and scope ids
    skip: '.bts-scope',
  });
  eventBus.on('diagram.destroy', disconnect);
  return { stop: disconnect };
}
