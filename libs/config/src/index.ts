export * from './config';
export * from './logger';
export * from './temporal-connection';
export * from './config.module';
