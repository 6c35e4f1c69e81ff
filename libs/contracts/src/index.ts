export * from './process-workflow';
