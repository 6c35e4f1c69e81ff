export * from './audit-chain';
export * from './data-source';
export * from './entities';
export * from './org-scope';
export * from './projection-writer';
export * from './task-candidates';
