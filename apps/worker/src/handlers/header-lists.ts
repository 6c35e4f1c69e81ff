/** A comma-separated header as its items, trimmed, empty ones dropped. */
export function headerList(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The key every write of a job is stored under (docs/service-handlers.md: idempotent). */
export function jobKey(instanceId: string, jobId: string): string {
  return `job:${instanceId}:${jobId}`;
}
