export * from './config';
export * from './config.module';
export * from './key-derivation';
export * from './logger';
export * from './temporal-connection';
export * from './temporal-payload-codec';
