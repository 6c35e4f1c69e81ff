// The parts of untyped bpmn.io entry points the versions page uses (docs/versions.md).

declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: { message: string }[] }>;
  }
}

declare module 'zeebe-bpmn-moddle/resources/zeebe.json' {
  const schema: Record<string, unknown>;
  export default schema;
}

declare module 'bpmn-js-differ' {
  /** What bpmn-js-differ 3.2.0 answers: elements by id (the changed ones with their attributes). */
  export interface DiffResult {
    _added: Record<string, unknown>;
    _removed: Record<string, unknown>;
    _changed: Record<
      string,
      { model: unknown; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }
    >;
    _layoutChanged: Record<string, unknown>;
  }
  export function diff(older: unknown, newer: unknown): DiffResult;
}
