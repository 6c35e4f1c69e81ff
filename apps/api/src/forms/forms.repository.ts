import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { atOrBelow, canonicalJson, FormDefinitionEntity } from '../../../../libs/persistence/src';

/** The SQL of deployed forms; the rules (who may deploy, owners, schemas) stay in FormsService. */

/** Of the schema's canonical JSON, so key order does not make a new version. */
export function schemaSha256(schema: unknown): string {
  return createHash('sha256').update(canonicalJson(schema)).digest('hex');
}

export async function lockFormId(tx: EntityManager, formId: string): Promise<void> {
  // Serialise deployments of one form id so versions stay dense and unique.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`form:${formId}`]);
}

export function findFormVersion(
  db: EntityManager,
  formId: string,
  version?: number,
): Promise<FormDefinitionEntity | null> {
  return db
    .getRepository(FormDefinitionEntity)
    .findOne({ where: version === undefined ? { formId } : { formId, version }, order: { version: 'DESC' } });
}

export function insertFormVersion(
  tx: EntityManager,
  row: Omit<FormDefinitionEntity, 'id' | 'deployedAt'>,
): Promise<FormDefinitionEntity> {
  const repo = tx.getRepository(FormDefinitionEntity);
  return repo.save(repo.create(row));
}

/**
 * The latest version of every form id, by form id. With `usableAt`, only the form ids owned at
 * one of those units or above it: the forms a task of a case there may bind (the owner rule of
 * taskFormSql, docs/forms.md#binding-which-form-a-task-has), decided in the WHERE clause.
 */
export function latestFormVersions(db: EntityManager, usableAt?: string[]): Promise<FormDefinitionEntity[]> {
  const query = db.getRepository(FormDefinitionEntity).createQueryBuilder('f');
  if (usableAt) {
    query.where(
      `EXISTS (SELECT 1 FROM org_unit usable_ou JOIN org_unit form_owner ON form_owner.id = f.owner_unit_id
                WHERE usable_ou.id = ANY(CAST(:usableAt AS uuid[]))
                  AND ${atOrBelow('usable_ou.org_path', 'form_owner.org_path')})`,
      { usableAt },
    );
  }
  return query.distinctOn(['f.form_id']).orderBy('f.form_id').addOrderBy('f.version', 'DESC').getMany();
}
