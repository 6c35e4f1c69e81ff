import type { ProcessModel } from '../../../../libs/bpmn/src';

/**
 * The top-level message start event of `model` that `messageName` triggers, or undefined. Such
 * an event starts a new case when the message is published (event sub-processes' message starts
 * are subscriptions of a running case instead, and are not top level).
 */
export function messageStartEventOf(model: ProcessModel, messageName: string): string | undefined {
  // Definitions compiled before triggered start events existed lack the list.
  return (model.triggeredStartEventIds ?? []).find((id) => {
    const element = model.elements[id];
    return (
      element?.type === 'startEvent' &&
      !element.parentId &&
      element.trigger.kind === 'message' &&
      element.trigger.messageName === messageName
    );
  });
}
