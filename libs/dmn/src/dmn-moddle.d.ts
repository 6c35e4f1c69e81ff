// dmn-moddle 12 ships no types; this is the part of its entry point libs/dmn uses.
declare module 'dmn-moddle' {
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

  export class DmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ModdleParseResult>;
  }
}
