export * from './password-policy';
export * from './roles';
export * from './task-view';
export * from './calendar-types';
export * from './sensitive-variables';
