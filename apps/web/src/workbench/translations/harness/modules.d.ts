// Loose types for modules.js (the bpmn.io packages mostly ship none).
export { default as Modeler } from 'bpmn-js/lib/Modeler';
export const modelerModules: object[];
export const zeebeModdle: object;
export const bpmnlint: { config: object; resolver: object };
export class FormEditor {
  constructor(options: { container: HTMLElement });
  importSchema(schema: object): Promise<unknown>;
  get<T = unknown>(name: string): T;
  destroy(): void;
}
