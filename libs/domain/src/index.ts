export * from './password-policy';
export * from './roles';
export * from './task-view';
export * from './calendar-types';
export * from './notice-audiences';
// School-day arithmetic (pure); the case calendar builder is the server entry case-calendar.ts.
export * from './calendar';
export * from './calendar-check';
export * from './sensitive-variables';
// Screening instruments and scoring (issue 12, R1; docs/screening.md).
export * from './screening';
