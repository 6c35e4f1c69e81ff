import type { EntityManager } from 'typeorm';
import type { DecisionsModel } from '../../dmn/src/evaluation';
import { atOrBelow } from './org-scope';

export interface DecisionRef {
  id: string;
  decisionId: string;
  version: number;
  model: DecisionsModel;
}

/**
 * The latest deployed version of a decision that a case at `orgPath` may evaluate: one owned by
 * its unit or a unit above it, the rule of `latestDefinition` (docs/adr/0003). Null when none.
 */
export async function latestDecision(
  db: EntityManager,
  decisionId: string,
  orgPath: string,
): Promise<DecisionRef | null> {
  const rows: DecisionRef[] = await db.query(
    `SELECT d.id, d.decision_id AS "decisionId", d.version, d.model
     FROM decision_definition d JOIN org_unit owner ON owner.id = d.owner_unit_id
     WHERE d.decision_id = $1 AND ${atOrBelow('$2::text', 'owner.org_path')}
     ORDER BY d.version DESC LIMIT 1`,
    [decisionId, orgPath],
  );
  return rows[0] ?? null;
}

/** Of the given decision ids, those a case at `orgPath` could evaluate (the rule of `latestDecision`). */
export async function decisionsRunnableAt(
  db: EntityManager,
  decisionIds: string[],
  orgPath: string,
): Promise<Set<string>> {
  if (decisionIds.length === 0) return new Set();
  const rows: { decisionId: string }[] = await db.query(
    `SELECT DISTINCT d.decision_id AS "decisionId"
     FROM decision_definition d JOIN org_unit owner ON owner.id = d.owner_unit_id
     WHERE d.decision_id = ANY($1::text[]) AND ${atOrBelow('$2::text', 'owner.org_path')}`,
    [decisionIds, orgPath],
  );
  return new Set(rows.map((row) => row.decisionId));
}
