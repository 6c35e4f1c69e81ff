const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 date-time with an offset ('2025-09-01T08:00:00+08:00', '…Z') as the UTC instant
 * it names ('2025-09-01T00:00:00.000Z'), or null for anything else. A local date-time without
 * offset is refused: a deadline must name one instant, whatever the server's time zone.
 */
export function toUtcInstant(value: string): string | null {
  if (!ISO_DATE_TIME.test(value)) return null;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}
