export * from './instruments';
export * from './score';
