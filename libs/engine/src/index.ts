export { completeTask, MAX_ACTIVATIONS_PER_STEP, startInstance } from './engine';
export { HANDLERS, handlerFor } from './elements';
export { DEFAULT_PRIORITY } from './elements/task/user-task';
export type * from './types';
