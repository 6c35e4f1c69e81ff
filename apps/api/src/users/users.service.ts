import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from '../../../../libs/domain/src/roles';
import { RoleAssignmentEntity, UserEntity } from '../../../../libs/persistence/src/entities';
import { atOrBelow, inScope } from '../../../../libs/persistence/src/org-scope';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRole } from '../auth/current-user';
import { paginate } from '../common/pagination';
import { ProblemException, type ProblemError } from '../common/problem.filter';
import type { CreateUserDto, ListUsersQuery, RoleGrantDto, UpdateUserDto } from './users.dto';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  roles: { role: Role; orgUnitId: string; orgPath: string }[];
}

/**
 * Accounts and their role grants (docs/adr/0003). An admin manages users only within their
 * reach: every grant they give, and every grant of a user they change, lies at or below a unit
 * where they hold admin, so nobody grants a role above their own. Whether a unit is within reach
 * is decided by the org-scope filter in SQL (`inScope` with the admin role), like every read.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLog,
  ) {}

  async create(caller: CurrentUser, dto: CreateUserDto): Promise<UserView> {
    await this.checkGrants(caller, dto.roles);
    const passwordHash = await argon2.hash(dto.password);
    const id = await this.db.transaction(async (tx) => {
      const taken = await tx
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .where('lower(u.username) = lower(:username)', { username: dto.username })
        .getExists();
      if (taken) throw new ConflictException(`Username ${dto.username} is taken`);
      const user = await tx
        .getRepository(UserEntity)
        .save(
          tx
            .getRepository(UserEntity)
            .create({ username: dto.username, passwordHash, displayName: dto.displayName }),
        );
      await insertGrants(tx, user.id, dto.roles);
      return user.id;
    });
    await this.accessLog.record(caller.id, 'user.create', 'user', id, {
      username: dto.username,
      roles: dto.roles,
    });
    return this.view(caller, id);
  }

  /** Users holding a role within the caller's scope (the picker for assigning tasks). */
  async list(caller: CurrentUser, query: ListUsersQuery) {
    const qb = this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where(
        `EXISTS (SELECT 1 FROM role_assignment lr JOIN org_unit lo ON lo.id = lr.org_unit_id
                 WHERE lr.user_id = u.id AND ${inScope('lo.org_path')}
                   ${query.role ? 'AND lr.role = :role' : ''}
                   ${query.orgUnitId ? `AND EXISTS (SELECT 1 FROM org_unit f WHERE f.id = :orgUnitId AND ${atOrBelow('lo.org_path', 'f.org_path')})` : ''})`,
        { scopeUserId: caller.id, role: query.role, orgUnitId: query.orgUnitId },
      );
    if (query.q) {
      qb.andWhere(`(u.username ILIKE :q ESCAPE '\\' OR u.display_name ILIKE :q ESCAPE '\\')`, {
        q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    const page = await paginate(qb, 'u.created_at', 'u.id', query, (u) => u.createdAt);
    const grants = await this.grantsInScope(
      caller,
      page.items.map((u) => u.id),
    );
    return {
      items: page.items.map((u) => toView(u, grants.get(u.id) ?? [])),
      nextCursor: page.nextCursor,
    };
  }

  async get(caller: CurrentUser, id: string): Promise<UserView> {
    return this.view(caller, id);
  }

  /** Renames, disables or re-enables a user within the caller's reach. Audited. */
  async update(caller: CurrentUser, id: string, dto: UpdateUserDto): Promise<UserView> {
    await this.checkManages(caller, id);
    if (dto.disabled !== undefined || dto.displayName !== undefined) {
      await this.db.getRepository(UserEntity).update(
        { id },
        {
          ...(dto.disabled === undefined ? {} : { disabled: dto.disabled }),
          ...(dto.displayName === undefined ? {} : { displayName: dto.displayName }),
        },
      );
    }
    await this.accessLog.record(caller.id, 'user.update', 'user', id, { ...dto });
    return this.view(caller, id);
  }

  /**
   * Replaces a user's grants. What they see follows at once: every read loads current roles,
   * and a task stays visible to its candidates only while they remain on its case's line.
   */
  async replaceRoles(caller: CurrentUser, id: string, roles: RoleGrantDto[]): Promise<UserView> {
    const before = await this.checkManages(caller, id);
    await this.checkGrants(caller, roles);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(RoleAssignmentEntity).delete({ userId: id });
      await insertGrants(tx, id, roles);
    });
    await this.accessLog.record(caller.id, 'user.roles', 'user', id, {
      before: before.map(({ role, orgUnitId }) => ({ role, orgUnitId })),
      after: roles,
    });
    return this.view(caller, id);
  }

  /**
   * Grants must name existing units, each (role, unit) once, all within the caller's reach.
   * 400 names the grant that is malformed; 403 the one outside the reach.
   */
  private async checkGrants(caller: CurrentUser, grants: RoleGrantDto[]): Promise<void> {
    if (!hasRole(caller, ['admin'])) throw new ForbiddenException('Managing users needs the admin role');
    const errors: ProblemError[] = [];
    const seen = new Set<string>();
    grants.forEach((grant, index) => {
      const key = `${grant.role}@${grant.orgUnitId}`;
      if (seen.has(key)) {
        errors.push({
          path: `roles.${index}`,
          message: `Expected each role at a unit once: ${grant.role} at ${grant.orgUnitId} is given twice`,
        });
      }
      seen.add(key);
    });
    if (errors.length > 0) throw new ProblemException(400, 'The role grants repeat themselves', errors);
    const unitIds = [...new Set(grants.map((grant) => grant.orgUnitId))];
    const reach = await this.adminReach(caller, unitIds);
    grants.forEach((grant, index) => {
      if (!reach.has(grant.orgUnitId)) {
        errors.push({ path: `roles.${index}.orgUnitId`, message: `Expected an existing org unit` });
      }
    });
    if (errors.length > 0) throw new ProblemException(400, 'Some role grants name no org unit', errors);
    grants.forEach((grant, index) => {
      const unit = reach.get(grant.orgUnitId)!;
      if (!unit.allowed) {
        errors.push({
          path: `roles.${index}.orgUnitId`,
          message: `Expected a unit at or below one where you hold admin; ${unit.orgPath} is not`,
        });
      }
    });
    if (errors.length > 0) {
      throw new ProblemException(
        403,
        'You may grant roles only at or below a unit where you hold admin',
        errors,
      );
    }
  }

  /**
   * The target's grants, when the caller may change them: every one at or below a unit where
   * the caller holds admin (a user with no grants: an admin at the root). Nobody changes their
   * own account here, so nobody locks themselves out or raises themselves. 404 for a user the
   * caller cannot see at all.
   */
  private async checkManages(caller: CurrentUser, targetId: string) {
    if (!hasRole(caller, ['admin'])) throw new ForbiddenException('Managing users needs the admin role');
    const rows: { role: Role; orgUnitId: string; orgPath: string; allowed: boolean }[] = await this.db
      .createQueryBuilder()
      .select(['ra.role AS role', 'ra.org_unit_id AS "orgUnitId"', 'ou.org_path AS "orgPath"'])
      .addSelect(inScope('ou.org_path', ['admin']), 'allowed')
      .from('role_assignment', 'ra')
      .innerJoin('org_unit', 'ou', 'ou.id = ra.org_unit_id')
      .where('ra.user_id = :targetId', { targetId, scopeUserId: caller.id })
      .getRawMany();
    const exists = await this.db.getRepository(UserEntity).existsBy({ id: targetId });
    const seen = rows.some((row) => row.allowed);
    const atRoot = rows.length === 0 && exists && (await this.isRootAdmin(caller));
    if (!exists || (!seen && !atRoot)) throw new NotFoundException(`User ${targetId} not found`);
    if (targetId === caller.id) throw new ForbiddenException('You cannot change your own account here');
    const outside = rows.filter((row) => !row.allowed);
    if (outside.length > 0) {
      throw new ForbiddenException(
        `User ${targetId} also holds roles outside your reach (${outside.map((row) => `${row.role} at ${row.orgPath}`).join(', ')}): an admin above them manages this user`,
      );
    }
    return rows;
  }

  private async isRootAdmin(caller: CurrentUser): Promise<boolean> {
    const rows: unknown[] = await this.db
      .createQueryBuilder()
      .select('1')
      .from('org_unit', 'root')
      .where('root.parent_id IS NULL')
      .andWhere(inScope('root.org_path', ['admin']), { scopeUserId: caller.id })
      .getRawMany();
    return rows.length > 0;
  }

  /** For each named unit that exists: its path and whether the caller holds admin at or above it. */
  private async adminReach(
    caller: CurrentUser,
    unitIds: string[],
  ): Promise<Map<string, { orgPath: string; allowed: boolean }>> {
    if (unitIds.length === 0) return new Map();
    const rows: { id: string; orgPath: string; allowed: boolean }[] = await this.db
      .createQueryBuilder()
      .select(['ou.id AS id', 'ou.org_path AS "orgPath"'])
      .addSelect(inScope('ou.org_path', ['admin']), 'allowed')
      .from('org_unit', 'ou')
      .where('ou.id IN (:...unitIds)', { unitIds, scopeUserId: caller.id })
      .getRawMany();
    return new Map(rows.map((row) => [row.id, { orgPath: row.orgPath, allowed: row.allowed }]));
  }

  /** The grants of these users that lie within the caller's scope (others are not theirs to see). */
  private async grantsInScope(caller: CurrentUser, userIds: string[]) {
    const byUser = new Map<string, UserView['roles']>();
    if (userIds.length === 0) return byUser;
    const rows: { userId: string; role: Role; orgUnitId: string; orgPath: string }[] = await this.db
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
      .andWhere(inScope('ou.org_path'), { scopeUserId: caller.id })
      .orderBy('ou.org_path')
      .addOrderBy('ra.role')
      .getRawMany();
    for (const { userId, ...grant } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), grant]);
    return byUser;
  }

  private async view(caller: CurrentUser, id: string): Promise<UserView> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id });
    const grants = (await this.grantsInScope(caller, [id])).get(id) ?? [];
    const mayManage = user && grants.length === 0 ? await this.isRootAdmin(caller) : true;
    if (!user || (grants.length === 0 && !mayManage)) throw new NotFoundException(`User ${id} not found`);
    return toView(user, grants);
  }
}

function toView(user: UserEntity, roles: UserView['roles']): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    disabled: user.disabled,
    roles,
  };
}

async function insertGrants(tx: EntityManager, userId: string, grants: RoleGrantDto[]): Promise<void> {
  if (grants.length === 0) return;
  await tx
    .getRepository(RoleAssignmentEntity)
    .insert(grants.map((grant) => ({ userId, role: grant.role, orgUnitId: grant.orgUnitId })));
}
