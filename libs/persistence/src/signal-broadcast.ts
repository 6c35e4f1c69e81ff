import type { EntityManager } from 'typeorm';
import { signalStartEventOf } from '../../bpmn/src/workflow';
import type { DefinitionRef } from './process-definitions';
import { casesWaitingForSignal, type SignalReach, signalStartDefinitions } from './signal-subscriptions';

/** What a broadcast did: the cases it started and the waiting cases it reached (docs/api.md). */
export interface SignalBroadcastResult {
  startedInstances: string[];
  triggeredInstances: string[];
}

/**
 * How a broadcast reaches cases; the api (POST /api/signals) and the worker (a signal a case
 * threw) each bring their own, around the same Temporal Update and case start.
 */
export interface SignalDelivery {
  /** Checked before any case receives the signal, so a signal refused by one reaches none (sizes). */
  beforeTrigger?(instanceIds: string[]): Promise<void>;
  /** Hands the signal to a waiting case; false when it refused (nothing waits any more, or it ended). */
  trigger(instanceId: string): Promise<boolean>;
  /** Starts a case of `definition` at its signal start event; returns the new case's id. */
  start(definition: DefinitionRef, startEventId: string): Promise<string>;
}

/**
 * Broadcasts a signal (docs/signals.md), as Zeebe does: every case within `reach` with an open
 * subscription for the name receives it (each case once, however many of its elements wait:
 * the case triggers them all), then every process whose latest version runnable at `startAt`
 * has a top-level signal start event for it starts a case there. Cases started by the signal
 * are not also triggered by it: only subscriptions open before the broadcast count.
 */
export async function broadcastSignal(
  db: EntityManager,
  delivery: SignalDelivery,
  signal: { name: string; reach: SignalReach; startAt: string },
): Promise<SignalBroadcastResult> {
  const waiting = await casesWaitingForSignal(db, signal.name, signal.reach);
  const definitions = await signalStartDefinitions(db, signal.name, signal.startAt);
  await delivery.beforeTrigger?.(waiting);
  const triggeredInstances: string[] = [];
  for (const instanceId of waiting) {
    if (await delivery.trigger(instanceId)) triggeredInstances.push(instanceId);
  }
  const startedInstances: string[] = [];
  for (const definition of definitions) {
    const startEventId = signalStartEventOf(definition.model, signal.name);
    if (startEventId) startedInstances.push(await delivery.start(definition, startEventId));
  }
  return { startedInstances, triggeredInstances };
}
