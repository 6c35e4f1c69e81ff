import { Behaviors } from './behaviors/behaviors';
import type { Arrival } from './behaviors/tokens';
import { releaseInclusiveJoin } from './elements/gateway/inclusive-gateway';
import type { Step } from './types';

/**
 * Element activations one step may perform before the engine concludes the diagram loops
 * without ever waiting (e.g. a gateway cycling through undefined tasks). Far above any real
 * step of a care pathway; keeps a workflow from spinning forever.
 */
export const MAX_ACTIVATIONS_PER_STEP = 10_000;

/**
 * One engine step over a private copy of the state: the entry points (engine.ts) act through
 * the behaviours, then `run` moves every token until it waits or ends. What each element does
 * lives in its handler (elements/), how instances change in the behaviours (behaviors/).
 */
export class Runtime extends Behaviors {
  private activations = 0;

  result(): Step {
    return { state: this.state, commands: this.log.commands, events: this.log.events };
  }

  /**
   * Moves every queued token until each waits or ends, then re-checks inclusive joins whose
   * missing tokens can no longer come (another branch ended), until none fires.
   */
  run(): void {
    for (;;) {
      for (let arrival = this.tokens.next(); arrival; arrival = this.tokens.next()) this.arrive(arrival);
      if (!releaseInclusiveJoin(this)) break;
    }
  }

  private arrive(arrival: Arrival): void {
    const instance = this.transitions.enter(arrival);
    if (!instance) return;
    this.activations += 1;
    if (this.activations > MAX_ACTIVATIONS_PER_STEP) {
      // Every token still in flight stops where it is, each in an incident, so none is lost.
      const message = `Expected the instance to reach a wait state within ${MAX_ACTIVATIONS_PER_STEP} element activations; the diagram loops without waiting`;
      const pending = this.tokens.takeAll();
      this.incidents.raise(instance, message, 'activate');
      for (const other of pending) {
        const stuck = this.transitions.enter(other);
        if (stuck) this.incidents.raise(stuck, message, 'activate');
      }
      return;
    }
    this.transitions.start(instance);
  }
}
