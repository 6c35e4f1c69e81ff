import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import type { AppConfig } from './config';

const LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  silent: [],
  error: ['error', 'fatal'],
  warn: ['error', 'fatal', 'warn'],
  log: ['error', 'fatal', 'warn', 'log'],
  debug: ['error', 'fatal', 'warn', 'log', 'debug'],
};

export function createLogger(level: AppConfig['logLevel'], context: string): ConsoleLogger {
  return new ConsoleLogger(context, { logLevels: LEVELS[level] });
}

export const logLevelsFor = (level: AppConfig['logLevel']): LogLevel[] => LEVELS[level];
