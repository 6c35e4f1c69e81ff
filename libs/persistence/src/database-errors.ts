/**
 * Tells a write that no retry can fix from one that may succeed later. PostgreSQL says so in
 * the error's SQLSTATE: class 22 (data exception: a value of the wrong type or too long) and
 * class 23 (integrity constraint violation) fail the same way every time. Everything else
 * (connection loss, 08; serialisation failures, 40; resource limits, 53; a table missing while
 * a migration is still to run, 42; errors without a SQLSTATE) is treated as transient.
 */
const PERMANENT_SQLSTATE = /^(22|23)[0-9A-Z]{3}$/;

export interface PermanentDatabaseError {
  /** The SQLSTATE, e.g. '23505'. */
  code: string;
  /** PostgreSQL's message; its `detail` (which may quote row values) is left out on purpose. */
  message: string;
  constraint?: string;
  table?: string;
}

/** The permanent failure described by `error`, or null when a retry may succeed. */
export function permanentDatabaseError(error: unknown): PermanentDatabaseError | null {
  const candidates = [error, (error as { driverError?: unknown } | null)?.driverError];
  for (const candidate of candidates) {
    if (typeof candidate !== 'object' || candidate === null) continue;
    const { code, message, constraint, table } = candidate as Record<string, unknown>;
    if (typeof code === 'string' && PERMANENT_SQLSTATE.test(code)) {
      return {
        code,
        message: typeof message === 'string' ? message : 'database error',
        ...(typeof constraint === 'string' ? { constraint } : {}),
        ...(typeof table === 'string' ? { table } : {}),
      };
    }
  }
  return null;
}
