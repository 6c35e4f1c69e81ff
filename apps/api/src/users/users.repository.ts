import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import type { Role } from '../../../../libs/domain/src';
import { atOrBelow, inScope, RoleAssignmentEntity, UserEntity } from '../../../../libs/persistence/src';
import { type Page, type PageQuery, paginate } from '../common/pagination';

export interface Grant {
  role: Role;
  orgUnitId: string;
}

export interface ScopedGrant extends Grant {
  orgPath: string;
}

/** A grant of someone, and whether it lies at or below a unit where the caller holds admin. */
export interface GrantInReach extends ScopedGrant {
  allowed: boolean;
}

/** Filters of GET /api/users: a role, a unit (and below), part of the username or display name. */
export interface UserFilter {
  role?: Role;
  orgUnitId?: string;
  q?: string;
}

/**
 * The SQL of accounts (app_user) and their grants (role_assignment). Whether a unit is within an
 * admin's reach is the org-scope rule with the admin role, asked in SQL like every read.
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The one visible-rows query of app_user: users holding a role at a unit in the caller's
   * scope (narrowed to grants of `role`, or at or below `orgUnitId`, when given).
   */
  private visible(callerId: string, grants: Pick<UserFilter, 'role' | 'orgUnitId'> = {}) {
    return this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where(
        `EXISTS (SELECT 1 FROM role_assignment lr JOIN org_unit lo ON lo.id = lr.org_unit_id
                 WHERE lr.user_id = u.id AND ${inScope('lo.org_path')}
                   ${grants.role ? 'AND lr.role = :role' : ''}
                   ${grants.orgUnitId ? `AND EXISTS (SELECT 1 FROM org_unit f WHERE f.id = :orgUnitId AND ${atOrBelow('lo.org_path', 'f.org_path')})` : ''})`,
        { scopeUserId: callerId, role: grants.role, orgUnitId: grants.orgUnitId },
      );
  }

  /** Visible users, newest first. */
  list(callerId: string, filter: UserFilter, page: PageQuery): Promise<Page<UserEntity>> {
    const qb = this.visible(callerId, filter);
    if (filter.q) {
      qb.andWhere(`(u.username ILIKE :q ESCAPE '\\' OR u.display_name ILIKE :q ESCAPE '\\')`, {
        q: `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    return paginate(qb, 'u.created_at', 'u.id', page, (u) => u.createdAt);
  }

  /**
   * The grants of these users on units in the caller's scope (the one visible-rows query of
   * role_assignment: others are not theirs to see), by user, in tree order.
   */
  async grantsInScope(callerId: string, userIds: string[]): Promise<Map<string, ScopedGrant[]>> {
    const byUser = new Map<string, ScopedGrant[]>();
    if (userIds.length === 0) return byUser;
    const rows: ({ userId: string } & ScopedGrant)[] = await this.db
      .createQueryBuilder()
      .select([
        'ra.user_id AS "userId"',
        'ra.role AS role',
        'ou.id AS "orgUnitId"',
        'ou.org_path AS "orgPath"',
      ])
      .from('role_assignment', 'ra')
      .innerJoin('org_unit', 'ou', 'ou.id = ra.org_unit_id')
      .where('ra.user_id IN (:...userIds)', { userIds })
      .andWhere(inScope('ou.org_path'), { scopeUserId: callerId })
      .orderBy('ou.org_path')
      .addOrderBy('ra.role')
      .getRawMany();
    for (const { userId, ...grant } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), grant]);
    return byUser;
  }

  /** Every grant of `targetId`, each with whether it lies within the caller's admin reach. */
  grantsInReach(callerId: string, targetId: string): Promise<GrantInReach[]> {
    return this.db
      .createQueryBuilder()
      .select(['ra.role AS role', 'ra.org_unit_id AS "orgUnitId"', 'ou.org_path AS "orgPath"'])
      .addSelect(inScope('ou.org_path', ['admin']), 'allowed')
      .from('role_assignment', 'ra')
      .innerJoin('org_unit', 'ou', 'ou.id = ra.org_unit_id')
      .where('ra.user_id = :targetId', { targetId, scopeUserId: callerId })
      .getRawMany();
  }

  /** For each named unit that exists: its path and whether the caller holds admin at or above it. */
  async unitsInReach(
    callerId: string,
    unitIds: string[],
  ): Promise<Map<string, { orgPath: string; allowed: boolean }>> {
    if (unitIds.length === 0) return new Map();
    const rows: { id: string; orgPath: string; allowed: boolean }[] = await this.db
      .createQueryBuilder()
      .select(['ou.id AS id', 'ou.org_path AS "orgPath"'])
      .addSelect(inScope('ou.org_path', ['admin']), 'allowed')
      .from('org_unit', 'ou')
      .where('ou.id IN (:...unitIds)', { unitIds, scopeUserId: callerId })
      .getRawMany();
    return new Map(rows.map((row) => [row.id, { orgPath: row.orgPath, allowed: row.allowed }]));
  }

  /** Whether the caller holds admin at the root unit. */
  async isRootAdmin(callerId: string): Promise<boolean> {
    const rows: unknown[] = await this.db
      .createQueryBuilder()
      .select('1')
      .from('org_unit', 'root')
      .where('root.parent_id IS NULL')
      .andWhere(inScope('root.org_path', ['admin']), { scopeUserId: callerId })
      .getRawMany();
    return rows.length > 0;
  }

  /** A user by id whatever the caller's scope: for rules that decide on it themselves. */
  findById(id: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).findOneBy({ id });
  }

  exists(id: string): Promise<boolean> {
    return this.db.getRepository(UserEntity).existsBy({ id });
  }

  /** Usernames by user id (for views of rows the caller may see). */
  async usernames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const rows: { id: string; username: string }[] = unique.length
      ? await this.db.query(`SELECT id, username FROM app_user WHERE id = ANY($1)`, [unique])
      : [];
    return new Map(rows.map((row) => [row.id, row.username]));
  }

  /** Creates the user with their grants in one transaction; null when the username is taken (any case). */
  insertWithGrants(
    user: Pick<UserEntity, 'username' | 'passwordHash' | 'displayName'>,
    grants: Grant[],
  ): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      const users = tx.getRepository(UserEntity);
      const taken = await users
        .createQueryBuilder('u')
        .where('lower(u.username) = lower(:username)', { username: user.username })
        .getExists();
      if (taken) return null;
      const { id } = await users.save(users.create(user));
      await insertGrants(tx.getRepository(RoleAssignmentEntity), id, grants);
      return id;
    });
  }

  async update(id: string, patch: Partial<Pick<UserEntity, 'displayName' | 'disabled'>>): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.db.getRepository(UserEntity).update({ id }, patch);
  }

  /** Replaces all grants of a user in one transaction. */
  async replaceGrants(userId: string, grants: Grant[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      const assignments = tx.getRepository(RoleAssignmentEntity);
      await assignments.delete({ userId });
      await insertGrants(assignments, userId, grants);
    });
  }
}

async function insertGrants(
  assignments: Repository<RoleAssignmentEntity>,
  userId: string,
  grants: Grant[],
): Promise<void> {
  if (grants.length === 0) return;
  await assignments.insert(grants.map((grant) => ({ userId, role: grant.role, orgUnitId: grant.orgUnitId })));
}
