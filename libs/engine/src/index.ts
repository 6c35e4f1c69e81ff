export * from './engine';
export { HANDLERS, handlerFor } from './elements';
export { DEFAULT_PRIORITY } from './elements/task/user-task';
export type * from './types';
export { nextCycleDue } from './waits';
