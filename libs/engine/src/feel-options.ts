import type { FeelOptions } from '../../expressions/src';
import type { EngineContext } from './types';

/**
 * What every FEEL evaluation of the engine gets from its context: the step's time for now() and
 * today(), and the case's calendar for the school-day functions. One place, so no element forgets
 * the calendar.
 */
export function feelOptions(ctx: EngineContext): FeelOptions {
  return ctx.calendar === undefined ? { now: ctx.now } : { now: ctx.now, calendar: ctx.calendar };
}
