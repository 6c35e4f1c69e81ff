import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SUPERVISOR_ROLES } from '../../../../libs/domain/src';
import { atOrBelow } from '../../../../libs/persistence/src';

/** An access_log row about one case. */
export interface CaseReadRow {
  id: string;
  at: Date;
  userId: string | null;
  displayName: string | null;
  action: string;
  resourceType: string;
  detail: Record<string, unknown>;
}

/** A case's active legal hold. */
export interface ActiveHold {
  id: string;
  placedAt: Date;
  placedBy: { id: string; displayName: string };
  purgeBlockedAt: Date | null;
  purgeJobId: string | null;
  purgeElementId: string | null;
}

/**
 * The SQL of a case's confidentiality: its legal holds, break-glass grants and the access_log
 * rows about it. Callers have passed the scope checks (findVisible) except `caseOrgPath`, which
 * break-glass uses on purpose (it is the way to a case outside one's scope).
 */
@Injectable()
export class ConfidentialityRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Every access_log row about the case, newest first: rows on the case itself (reads, history,
   * denials, holds, break-glass) and rows naming it in their detail (task reads, sealed reads,
   * student files, exports). One row more than `limit` when more follow.
   */
  async reads(instanceId: string, limit: number, before: string | undefined): Promise<CaseReadRow[]> {
    const rows: (Omit<CaseReadRow, 'id'> & { id: string | number })[] = await this.db.query(
      `SELECT l.id::text AS id, l.at, l.user_id AS "userId", u.display_name AS "displayName", l.action,
              l.resource_type AS "resourceType", l.detail
         FROM access_log l LEFT JOIN app_user u ON u.id = l.user_id
        WHERE ((l.resource_type = 'instance' AND l.resource_id = $1)
               OR (l.detail ? 'instanceId' AND l.detail ->> 'instanceId' = $1)
               OR (l.detail ? 'instances' AND l.detail -> 'instances' @> jsonb_build_array($1::text)))
          AND ($2::bigint IS NULL OR l.id < $2::bigint)
        ORDER BY l.id DESC
        LIMIT $3`,
      [instanceId, before ?? null, limit + 1],
    );
    return rows.map((row) => ({ ...row, id: String(row.id) }));
  }

  /** The case's active legal hold, or null (`manager`: inside a transaction, locking it). */
  async activeHold(instanceId: string, manager: EntityManager = this.db.manager): Promise<ActiveHold | null> {
    const rows: {
      id: string;
      placed_at: Date;
      placed_by: string;
      display_name: string;
      purge_blocked_at: Date | null;
      purge_job_id: string | null;
      purge_element_id: string | null;
    }[] = await manager.query(
      `SELECT h.id, h.placed_at, h.placed_by, u.display_name, h.purge_blocked_at, h.purge_job_id, h.purge_element_id
         FROM legal_hold h JOIN app_user u ON u.id = h.placed_by
        WHERE h.instance_id = $1 AND h.released_at IS NULL
        ${manager === this.db.manager ? '' : 'FOR UPDATE OF h'}`,
      [instanceId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      placedAt: row.placed_at,
      placedBy: { id: row.placed_by, displayName: row.display_name },
      purgeBlockedAt: row.purge_blocked_at,
      purgeJobId: row.purge_job_id,
      purgeElementId: row.purge_element_id,
    };
  }

  /** Locks the case's row (serialises with its projection and its purge); false when it is gone. */
  async lockCase(manager: EntityManager, instanceId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM process_instance WHERE id = $1 FOR UPDATE`, [
      instanceId,
    ]);
    return rows.length > 0;
  }

  /** A new active hold; null when the case is already held (the unique index says so). */
  async insertHold(manager: EntityManager, instanceId: string, userId: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO legal_hold (instance_id, placed_by) VALUES ($1, $2)
       ON CONFLICT (instance_id) WHERE released_at IS NULL DO NOTHING RETURNING id`,
      [instanceId, userId],
    );
    return rows[0]?.id ?? null;
  }

  async releaseHold(manager: EntityManager, holdId: string, userId: string): Promise<void> {
    await manager.query(`UPDATE legal_hold SET released_by = $2, released_at = now() WHERE id = $1`, [
      holdId,
      userId,
    ]);
  }

  /**
   * Where a case lives, by id alone — NOT scoped: only break-glass asks, since reaching a case
   * outside one's scope is what it is for (docs/security.md#break-glass).
   */
  async caseOrgPath(instanceId: string): Promise<string | null> {
    const rows: { org_path: string }[] = await this.db.query(
      `SELECT org_path FROM process_instance WHERE id = $1`,
      [instanceId],
    );
    return rows[0]?.org_path ?? null;
  }

  /** A grant of `seconds` from now (database time); returns when it ends. */
  async insertGrant(
    manager: EntityManager,
    instanceId: string,
    userId: string,
    seconds: number,
  ): Promise<{ id: string; expiresAt: Date }> {
    const rows: { id: string; expires_at: Date }[] = await manager.query(
      `INSERT INTO break_glass_grant (instance_id, user_id, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING id, expires_at`,
      [instanceId, userId, seconds],
    );
    return { id: rows[0]!.id, expiresAt: rows[0]!.expires_at };
  }

  /**
   * The case's supervisors: enabled holders of a supervising role (principal, districtSupervisor,
   * psychLead, admin) at the case's unit or above it, but `except`.
   */
  async supervisorsOf(manager: EntityManager, orgPath: string, except: string): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(
      `SELECT DISTINCT r.user_id FROM role_assignment r
         JOIN org_unit u ON u.id = r.org_unit_id
         JOIN app_user a ON a.id = r.user_id
        WHERE r.role = ANY($2::text[]) AND NOT a.disabled AND r.user_id <> $3
          AND ${atOrBelow('$1::text', 'u.org_path')}`,
      [orgPath, SUPERVISOR_ROLES, except],
    );
    return rows.map((row) => row.user_id);
  }
}
