// The entry of libs/bpmn for workflow code (libs/engine, workflows/): the compiled model and its
// upgrade, pure and deterministic. Nothing here parses XML or touches Node (docs/architecture.md).
export * from './model';
export { upgradeModel } from './model-upgrade';
