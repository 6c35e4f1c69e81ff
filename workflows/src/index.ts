// The workflow bundle's entry: Temporal registers every function exported here.
export { runProcess } from './run-process';
export { timerStartCases } from './timer-start';
