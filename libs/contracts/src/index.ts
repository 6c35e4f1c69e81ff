export * from './continuing-as-new';
export * from './failure-types';
export * from './process-workflow';
