// Test helpers of libs/persistence (factories and a small world of schools and people); for tests only.
export * from './factories';
export * from './world';
