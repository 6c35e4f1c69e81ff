// The bench worker's workflow bundle: the interpreter as shipped, and its hand-written yardstick.
export { runProcess } from '../../workflows/src/run-process';
export { handWrittenPathway } from './hand-written';
