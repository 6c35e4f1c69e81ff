// The bpmn.io packages below ship no TypeScript types (bpmn-js itself does). The modeler uses
// them through its own narrow interfaces (createModeler.ts, carePathPanel.ts, lintConfig.ts).
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: { [name: string]: unknown };
  export const BpmnPropertiesProviderModule: { [name: string]: unknown };
  export const ZeebePropertiesProviderModule: { [name: string]: unknown };
  export function useService(name: string, strict?: boolean): unknown;
}
declare module '@bpmn-io/properties-panel' {
  export const CheckboxGroup: (props: object) => unknown;
  export const SelectEntry: (props: object) => unknown;
}
declare module '@bpmn-io/properties-panel/preact' {
  export function h(component: unknown, props: object, ...children: unknown[]): unknown;
}
declare module 'bpmn-js-element-templates' {
  export const CloudElementTemplatesPropertiesProviderModule: { [name: string]: unknown };
}
declare module '@bpmn-io/element-template-chooser' {
  const module: { [name: string]: unknown };
  export default module;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const module: { [name: string]: unknown };
  export default module;
}
declare module 'bpmn-js-bpmnlint' {
  const module: { [name: string]: unknown };
  export default module;
}
declare module 'bpmn-js-token-simulation' {
  const module: { [name: string]: unknown };
  export default module;
}
declare module 'zeebe-bpmn-moddle/resources/zeebe.json' {
  const schema: { [name: string]: unknown };
  export default schema;
}
declare module 'bpmnlint/lib/resolver/static-resolver' {
  export default class StaticResolver {
    constructor(cache: Record<string, unknown>);
  }
}
declare module 'bpmnlint/rules/*' {
  const rule: (config?: unknown) => { check(node: never, reporter: never): void };
  export default rule;
}
declare module 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/*' {
  const rule: (config?: unknown) => { check(node: never, reporter: never): void };
  export default rule;
}
