import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import * as argon2 from 'argon2';
import type { Role } from '../../../../libs/domain/src';
import type { UserEntity } from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRole } from '../auth/current-user';
import { ProblemException, type ProblemError } from '../common/problem.filter';
import type { CreateUserDto, ListUsersQuery, RoleGrantDto, UpdateUserDto } from './users.dto';
import { UsersRepository } from './users.repository';

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
    private readonly users: UsersRepository,
    private readonly accessLog: AccessLog,
  ) {}

  async create(caller: CurrentUser, dto: CreateUserDto): Promise<UserView> {
    await this.checkGrants(caller, dto.roles);
    const passwordHash = await argon2.hash(dto.password);
    const id = await this.users.insertWithGrants(
      { username: dto.username, passwordHash, displayName: dto.displayName },
      dto.roles,
    );
    if (!id) throw new ConflictException(`Username ${dto.username} is taken`);
    await this.accessLog.record(caller.id, 'user.create', 'user', id, {
      username: dto.username,
      roles: dto.roles,
    });
    return this.view(caller, id);
  }

  /** Users holding a role within the caller's scope (the picker for assigning tasks). */
  async list(caller: CurrentUser, query: ListUsersQuery) {
    const page = await this.users.list(
      caller.id,
      { role: query.role, orgUnitId: query.orgUnitId, q: query.q },
      query,
    );
    const grants = await this.users.grantsInScope(
      caller.id,
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
    await this.users.update(id, {
      ...(dto.disabled === undefined ? {} : { disabled: dto.disabled }),
      ...(dto.displayName === undefined ? {} : { displayName: dto.displayName }),
    });
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
    await this.users.replaceGrants(id, roles);
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
    const reach = await this.users.unitsInReach(caller.id, unitIds);
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
    const rows = await this.users.grantsInReach(caller.id, targetId);
    const exists = await this.users.exists(targetId);
    const seen = rows.some((row) => row.allowed);
    const atRoot = rows.length === 0 && exists && (await this.users.isRootAdmin(caller.id));
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

  private async view(caller: CurrentUser, id: string): Promise<UserView> {
    const user = await this.users.findById(id);
    const grants = (await this.users.grantsInScope(caller.id, [id])).get(id) ?? [];
    const mayManage = user && grants.length === 0 ? await this.users.isRootAdmin(caller.id) : true;
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
