/**
 * Texts written straight into the modeler's DOM without `translate`: bpmn-js-token-simulation
 * 0.39.4 (lib/features/**) and diagram-js 15.28.1's popup menu. Translated by the observer that
 * `bpmnTranslateModule` starts on the canvas container (canvas-dom-translation.ts).
 */
export const canvasDomZhCN: Record<string, string> = {};
