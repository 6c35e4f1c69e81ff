import type { Command, EngineContext, EngineEvent } from '../types';

/**
 * What one step hands back besides the state: the commands for the workflow shell, in the order
 * they were issued, and the audit events, stamped with the step's time. Their order is part of
 * what recorded workflow histories replay, so nothing here may reorder them.
 */
export class StepLog {
  readonly commands: Command[] = [];
  readonly events: EngineEvent[] = [];

  constructor(private readonly ctx: EngineContext) {}

  command(command: Command): void {
    this.commands.push(command);
  }

  event(event: Omit<EngineEvent, 'at'>): void {
    this.events.push({ ...event, at: this.ctx.now });
  }
}
