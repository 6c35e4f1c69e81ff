import {
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { parseDuration } from '../../../../libs/expressions/src';

/** How long a published message may wait for a case: 30 days, as in docs/api.md. */
export const MAX_TIME_TO_LIVE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * A message's time to live in milliseconds, or why it is not one. Years and months are refused:
 * their length depends on the date, so "P1M" would sometimes exceed the bound and sometimes not.
 * Zero is allowed and means "do not buffer" (as in Zeebe).
 */
export function parseTimeToLive(text: string): { millis: number } | { error: string } {
  const duration = parseDuration(text);
  if (!duration) return { error: 'must be an ISO 8601 duration such as PT24H or P7D' };
  if (duration.years || duration.months) {
    return { error: 'must be given in weeks, days, hours, minutes or seconds (not years or months)' };
  }
  const millis =
    ((((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes) * 60 +
      duration.seconds) *
    1000;
  if (millis > MAX_TIME_TO_LIVE_MS) return { error: 'must be at most P30D' };
  return { millis };
}

@ValidatorConstraint({ name: 'isTimeToLive' })
export class IsTimeToLive implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && 'millis' in parseTimeToLive(value);
  }

  defaultMessage(args: ValidationArguments): string {
    const value: unknown = args.value;
    const reason =
      typeof value === 'string'
        ? (parseTimeToLive(value) as { error?: string }).error
        : 'must be an ISO 8601 duration string';
    return `${args.property} ${reason ?? 'is not valid'}`;
  }
}
