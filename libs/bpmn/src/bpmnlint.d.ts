// bpmnlint 11 ships JSDoc types (lib/types.d.ts) but no entry declaration; this is the part the
// lint rule's spec runs (the web app lints through bpmn-js-bpmnlint).
declare module 'bpmnlint' {
  export interface LintReport {
    id?: string;
    message: string;
    category: string;
  }

  export class Linter {
    constructor(options: { config?: object; resolver: object });
    lint(root: unknown, config?: object): Promise<Record<string, LintReport[]>>;
  }
}

declare module 'bpmnlint/lib/resolver/static-resolver' {
  class StaticResolver {
    constructor(cache: Record<string, unknown>);
  }
  export = StaticResolver;
}
