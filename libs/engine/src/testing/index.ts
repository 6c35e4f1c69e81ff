// Test helpers of libs/engine (the fluent model builder, scenarios); for tests only.
export * from './process-builder';
export * from './scenario';
