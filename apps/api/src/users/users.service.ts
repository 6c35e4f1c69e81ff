import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { OrgUnitEntity, RoleAssignmentEntity, UserEntity } from '../../../../libs/persistence/src/entities';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRole } from '../auth/current-user';
import { UserDirectory } from '../auth/user-directory';
import type { CreateUserDto } from './users.dto';

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly directory: UserDirectory,
    private readonly accessLog: AccessLog,
  ) {}

  async create(caller: CurrentUser, dto: CreateUserDto): Promise<CurrentUser> {
    if (!hasRole(caller, ['admin'])) throw new ForbiddenException('Creating users needs the admin role');
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
      for (const grant of dto.roles) {
        if (!(await tx.getRepository(OrgUnitEntity).existsBy({ id: grant.orgUnitId }))) {
          throw new NotFoundException(`Org unit ${grant.orgUnitId} does not exist`);
        }
        await tx
          .getRepository(RoleAssignmentEntity)
          .insert({ userId: user.id, role: grant.role, orgUnitId: grant.orgUnitId });
      }
      return user.id;
    });
    await this.accessLog.record(caller.id, 'user.create', 'user', id, { username: dto.username });
    const created = await this.directory.findActive(id);
    if (!created) throw new Error(`User ${id} vanished after creation`);
    return created;
  }
}
