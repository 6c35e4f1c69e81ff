// @bpmn-io/element-templates-validator ships no types; the specs check templates with this.
declare module '@bpmn-io/element-templates-validator' {
  export function validateZeebe(template: object): {
    valid: boolean;
    object: object;
    errors: { message: string; dataPath?: string }[] | null;
  };
}
