import { canReach } from '../reachability';
import type { ElementInstance } from '../types';
import type { Behaviors } from './behaviors';

/** A token on its way into an element of a scope. */
export interface Arrival {
  elementId: string;
  scopeId: string;
  flowId?: string;
}

/**
 * The tokens of a step that have left one element and not yet entered the next, first in first
 * out: the runtime moves them one at a time, so the order elements are entered in (and so every
 * id and command) depends only on the diagram and the events, never on timing.
 */
export class Tokens {
  private queue: Arrival[] = [];

  constructor(private readonly b: Behaviors) {}

  enqueue(arrival: Arrival): void {
    this.queue.push(arrival);
  }

  /** The next token to move, or none when every token waits or ended. */
  next(): Arrival | undefined {
    return this.queue.shift();
  }

  /** Every token still on its way, taken out of the queue (the loop guard stops them all). */
  takeAll(): Arrival[] {
    const pending = this.queue;
    this.queue = [];
    return pending;
  }

  /** Tokens on their way into a scope that is being terminated never arrive. */
  dropScope(scopeId: string): void {
    this.queue = this.queue.filter((arrival) => arrival.scopeId !== scopeId);
  }

  /** Whether a token is on its way into the scope (then it is not done yet). */
  anyInto(scopeId: string): boolean {
    return this.queue.some((arrival) => arrival.scopeId === scopeId);
  }

  /** Whether a token live in the join's scope (not already joining there) can still reach `flowId`. */
  canStillArrive(join: ElementInstance, flowId: string): boolean {
    const { model, state } = this.b;
    const source = model.flows[flowId]?.sourceId;
    if (source === undefined) return false;
    const live = Object.values(state.instances).filter(
      (other) =>
        other.parentId === join.parentId &&
        other.id !== join.id &&
        !(other.state === 'joining' && other.elementId === join.elementId),
    );
    return (
      live.some((other) => other.elementId === source || canReach(model, other.elementId, source)) ||
      this.queue.some(
        (arrival) =>
          arrival.scopeId === join.parentId &&
          (arrival.elementId === source || canReach(model, arrival.elementId, source)),
      )
    );
  }
}
