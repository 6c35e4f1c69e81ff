import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { onCaseLine, ProcessDefinitionEntity, runnableAt } from '../../../../libs/persistence/src';
import { type Page, type PageQuery, paginate } from '../common/pagination';

/** The latest version of a key, seen under its deploy lock, and how to add the next one. */
export interface LockedKey {
  latest: ProcessDefinitionEntity | null;
  /** The transaction holding the lock: what else the deploy writes (its decisions) goes in it. */
  tx: EntityManager;
  insert(row: Omit<ProcessDefinitionEntity, 'id' | 'deployedAt'>): Promise<ProcessDefinitionEntity>;
}

/**
 * The SQL of the process_definition table. Definitions are no case data: every signed-in user
 * may list and read them, so the table has no visible-rows filter; who may *run* one at a unit
 * is `runnableAt` (docs/adr/0003).
 */
@Injectable()
export class DefinitionsRepository {
  constructor(private readonly db: DataSource) {}

  /** Newest deployment first; `key` keeps the versions of one process. */
  list(filter: { key?: string }, page: PageQuery): Promise<Page<ProcessDefinitionEntity>> {
    const qb = this.db.getRepository(ProcessDefinitionEntity).createQueryBuilder('d');
    if (filter.key) qb.where('d.key = :key', { key: filter.key });
    return paginate(qb, 'd.deployed_at', 'd.id', page, (d) => d.deployedAt);
  }

  /**
   * The display names of the deployers of the given definitions, for those whose key's owner unit
   * lies on the caller's line (the caller holds a role at, above or below it): a school's staff
   * read who deployed their district's pathway, not who deployed another school's own keys
   * (docs/adr/0017-versions-page.md).
   */
  async deployerNames(userId: string, definitionIds: string[]): Promise<Map<string, string>> {
    if (definitionIds.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.db.query(
      `SELECT d.id, u.display_name AS name
         FROM process_definition d
         JOIN app_user u ON u.id = d.deployed_by
         JOIN org_unit owner ON owner.id = d.owner_unit_id
        WHERE d.id = ANY($1) AND ${onCaseLine('owner.org_path', '$2')}`,
      [definitionIds, userId],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  findById(id: string): Promise<ProcessDefinitionEntity | null> {
    return this.db.getRepository(ProcessDefinitionEntity).findOneBy({ id });
  }

  /** The given version of a key, or its latest. */
  findVersion(key: string, version?: number): Promise<ProcessDefinitionEntity | null> {
    return this.db.getRepository(ProcessDefinitionEntity).findOne({
      where: version ? { key, version } : { key },
      order: { version: 'DESC' },
    });
  }

  /**
   * Runs `work` in one transaction holding the deploy lock of `key`, so versions of one key stay
   * dense and unique however many deploy at once.
   */
  withKeyLocked<T>(key: string, work: (locked: LockedKey) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`definition:${key}`]);
      const repo = tx.getRepository(ProcessDefinitionEntity);
      const latest = await repo.findOne({ where: { key }, order: { version: 'DESC' } });
      return work({ latest, tx, insert: (row) => repo.save(repo.create(row)) });
    });
  }

  /** Of the given definitions, those a case at `orgPath` may run (owned at or above it). */
  runnableAt(definitionIds: string[], orgPath: string): Promise<Set<string>> {
    return runnableAt(this.db.manager, definitionIds, orgPath);
  }

  /**
   * The latest version of every process with a top-level start event that message `name`
   * triggers. Narrowed in SQL so that not every model is loaded; the caller picks the event.
   */
  latestStartedByMessage(name: string): Promise<ProcessDefinitionEntity[]> {
    return this.db
      .getRepository(ProcessDefinitionEntity)
      .createQueryBuilder('d')
      .where(
        `d.id IN (
           SELECT latest.id FROM (
             SELECT DISTINCT ON (key) id, model FROM process_definition ORDER BY key, version DESC
           ) latest
           WHERE EXISTS (
             SELECT 1 FROM jsonb_array_elements_text(COALESCE(latest.model->'triggeredStartEventIds', '[]'::jsonb)) AS s(id)
             WHERE latest.model->'elements'->s.id->'trigger'->>'kind' = 'message'
               AND latest.model->'elements'->s.id->'trigger'->>'messageName' = :name))`,
        { name },
      )
      .orderBy('d.key')
      .getMany();
  }
}
