import { defineHandler, type ElementOfType } from '../handler';

/** None end event: consumes the token. The instance completes when no token is left. */
export const endEventHandler = defineHandler<ElementOfType<'endEvent'>>({
  activate: () => ({ kind: 'leave', flowIds: [] }),
});
