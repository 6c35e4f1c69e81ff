import type { EntityManager } from 'typeorm';
import type { InstanceDescriptor, ProjectionStep } from '../../contracts/src';
import { atOrBelow, inScope } from './org-scope';
import type { DefinitionRef } from './process-definitions';

/**
 * The SQL of signals (docs/signals.md): the subscriptions cases open and close as their steps
 * are projected, and what a broadcast reaches. The rules (who may broadcast, where a case
 * starts) live in the services that call these.
 */

type OpenedSubscription = ProjectionStep['openedSubscriptions'][number];

/** Inserts the signal subscriptions among those a step opened, in one statement. */
export async function openSignalSubscriptions(
  db: EntityManager,
  instance: InstanceDescriptor,
  opened: OpenedSubscription[],
): Promise<void> {
  const signals = opened.flatMap((subscription) => (subscription.kind === 'signal' ? [subscription] : []));
  if (signals.length === 0) return;
  await db.query(
    `INSERT INTO signal_subscription (id, instance_id, element_id, org_path, signal_name, state, created_at)
     SELECT s.id, $1::uuid, s.element_id, $2, s.signal_name, 'open', s.created_at
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::timestamptz[]) AS s(id, element_id, signal_name, created_at)`,
    [
      instance.instanceId,
      instance.orgPath,
      signals.map((subscription) => subscription.subscriptionId),
      signals.map((subscription) => subscription.elementId),
      signals.map((subscription) => subscription.signalName),
      signals.map((subscription) => subscription.openedAt),
    ],
  );
}

/** Closes a subscription the step closed, when it is a signal's (ids are unique across both kinds). */
export async function closeSignalSubscription(
  db: EntityManager,
  closed: ProjectionStep['closedSubscriptions'][number],
): Promise<void> {
  await db.query(
    `UPDATE signal_subscription SET state = $2, closed_at = $3 WHERE id = $1 AND state = 'open'`,
    [closed.subscriptionId, closed.state, closed.at],
  );
}

/** A case that has ended waits for no signal. */
export async function closeLeftoverSignalSubscriptions(
  db: EntityManager,
  instanceId: string,
  at: string,
): Promise<void> {
  await db.query(
    `UPDATE signal_subscription SET state = 'cancelled', closed_at = $2 WHERE instance_id = $1 AND state = 'open'`,
    [instanceId, at],
  );
}

/**
 * Where a broadcast reaches waiting cases: the caller's scope (POST /api/signals, the org-scope
 * rule `inScope`), or a unit and everything below it (a signal a case threw, from the case's
 * own unit: never another school's).
 */
export type SignalReach = { userId: string } | { orgPath: string };

/** The cases with an open subscription for the signal within reach, the longest waiting first. */
export async function casesWaitingForSignal(
  db: EntityManager,
  signalName: string,
  reach: SignalReach,
): Promise<string[]> {
  const query = db
    .createQueryBuilder()
    .select('s.instance_id', 'instanceId')
    .addSelect('min(s.created_at)', 'since')
    .from('signal_subscription', 's')
    .where(`s.signal_name = :signalName AND s.state = 'open'`, { signalName })
    .groupBy('s.instance_id')
    .orderBy('since');
  if ('userId' in reach) query.andWhere(inScope('s.org_path'), { scopeUserId: reach.userId });
  else query.andWhere(atOrBelow('s.org_path', ':reachPath'), { reachPath: reach.orgPath });
  const rows = await query.getRawMany<{ instanceId: string }>();
  return rows.map((row) => row.instanceId);
}

/**
 * For every process key, its latest version that a case at `orgPath` may run (owned by that
 * unit or one above it, docs/adr/0003), when that version has a top-level signal start event
 * for `signalName`: the definitions a broadcast there starts a case of. Ordered by key.
 */
export async function signalStartDefinitions(
  db: EntityManager,
  signalName: string,
  orgPath: string,
): Promise<DefinitionRef[]> {
  return db.query(
    `SELECT latest.id, latest.key, latest.version, latest.model FROM (
       SELECT DISTINCT ON (d.key) d.id, d.key, d.version, d.model
       FROM process_definition d JOIN org_unit owner ON owner.id = d.owner_unit_id
       WHERE ${atOrBelow('$2::text', 'owner.org_path')}
       ORDER BY d.key, d.version DESC
     ) latest
     WHERE EXISTS (
       SELECT 1 FROM jsonb_array_elements_text(COALESCE(latest.model->'triggeredStartEventIds', '[]'::jsonb)) AS s(id)
       WHERE latest.model->'elements'->s.id->'trigger'->>'kind' = 'signal'
         AND latest.model->'elements'->s.id->'trigger'->>'signalName' = $1)
     ORDER BY latest.key`,
    [signalName, orgPath],
  );
}

/**
 * The access-log entry of a signal a case threw (as POST /api/signals records the caller's):
 * the signal's name and the cases it reached, never its variables.
 */
export async function logThrownSignal(
  db: EntityManager,
  entry: {
    instanceId: string;
    elementId: string;
    signalName: string;
    startedInstances: string[];
    triggeredInstances: string[];
  },
): Promise<void> {
  const { instanceId, ...detail } = entry;
  await db.query(
    `INSERT INTO access_log (user_id, action, resource_type, resource_id, detail)
     VALUES (NULL, 'signal.throw', 'instance', $1, $2)`,
    [instanceId, JSON.stringify(detail)],
  );
}
