// bpmn-moddle 10 ships types for its element model ('bpmn-moddle/types') but none for its entry
// point; this is the part of that entry point libs/bpmn uses.
declare module 'bpmn-moddle' {
  export interface ModdleWarning {
    message: string;
    element?: { $type: string; id?: string };
    property?: string;
    value?: unknown;
    error?: Error;
  }

  export interface ModdleParseResult {
    rootElement: unknown;
    warnings: ModdleWarning[];
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ModdleParseResult>;
  }
}
