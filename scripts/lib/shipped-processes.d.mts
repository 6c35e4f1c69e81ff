/** Types of shipped-processes.mjs for the TypeScript that imports it (the e2e test). */
export function shippedForms(root: string): Record<string, Record<string, unknown>>;
export function shippedDeployments(
  root: string,
): { file: string; body: { xml: string; forms?: Record<string, Record<string, unknown>> } }[];
