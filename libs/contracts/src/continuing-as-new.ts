/**
 * A case about to continue as new refuses new Updates for a moment (their handlers would hold
 * the old run open), with this failure type. The next run accepts them, so a client sends the
 * same Update again, to the workflow id without a run id, after a short pause.
 */
export const CONTINUING_AS_NEW = 'ContinuingAsNew';

export function isContinuingAsNew(error: unknown): boolean {
  const cause = (error as { cause?: { type?: unknown } } | null)?.cause;
  return cause?.type === CONTINUING_AS_NEW;
}

/** Sends an Update again while the case refuses it for continuing as new (a few hundred ms at most). */
export async function retryWhileContinuingAsNew<T>(send: () => Promise<T>, attempts = 40): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if (!isContinuingAsNew(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(25 * 2 ** attempt, 250)));
    }
  }
}
