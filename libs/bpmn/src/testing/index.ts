// Test helpers of libs/bpmn (diagram snippets and their compilation); for tests only.
export * from './diagram';
export * from './fixtures';
export * from './chinese';
