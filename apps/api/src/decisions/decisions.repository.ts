import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { DecisionsModel } from '../../../../libs/dmn/src';
import { DecisionDefinitionEntity } from '../../../../libs/persistence/src';

/** The SQL of deployed decisions; the rules (who may deploy, owners) stay in DecisionsService. */

export function sha256Of(xml: string): string {
  return createHash('sha256').update(xml).digest('hex');
}

export async function lockDecisionId(tx: EntityManager, decisionId: string): Promise<void> {
  // Serialise deployments of one decision id so versions stay dense and unique.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`decision:${decisionId}`]);
}

export function latestVersion(
  tx: EntityManager,
  decisionId: string,
): Promise<DecisionDefinitionEntity | null> {
  return tx
    .getRepository(DecisionDefinitionEntity)
    .findOne({ where: { decisionId }, order: { version: 'DESC' } });
}

export function insertVersion(
  tx: EntityManager,
  row: {
    decisionId: string;
    version: number;
    name: string | null;
    xml: string;
    model: DecisionsModel;
    sha256: string;
    ownerUnitId: string;
    deployedBy: string;
  },
): Promise<DecisionDefinitionEntity> {
  const repo = tx.getRepository(DecisionDefinitionEntity);
  return repo.save(repo.create(row));
}

/** The latest version of every decision id, by decision id. */
export function latestVersions(db: EntityManager): Promise<DecisionDefinitionEntity[]> {
  return db
    .getRepository(DecisionDefinitionEntity)
    .createQueryBuilder('d')
    .distinctOn(['d.decision_id'])
    .orderBy('d.decision_id')
    .addOrderBy('d.version', 'DESC')
    .getMany();
}
