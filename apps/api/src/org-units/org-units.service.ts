import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { ORG_ADMIN_ROLES } from '../../../../libs/domain/src';
import { ORG_UNIT_KINDS, type OrgUnitEntity } from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRoleAt } from '../auth/current-user';
import { ProblemException } from '../common/problem.filter';
import type { CreateOrgUnitDto } from './org-units.dto';
import { OrgUnitsRepository } from './org-units.repository';

export function toOrgUnitView(unit: OrgUnitEntity) {
  return {
    id: unit.id,
    parentId: unit.parentId,
    kind: unit.kind,
    name: unit.name,
    code: unit.code,
    orgPath: unit.orgPath,
  };
}

@Injectable()
export class OrgUnitsService {
  constructor(
    private readonly units: OrgUnitsRepository,
    private readonly accessLog: AccessLog,
  ) {}

  async create(user: CurrentUser, dto: CreateOrgUnitDto) {
    const parent = dto.parentId ? await this.units.findById(dto.parentId) : await this.units.findRoot();
    if (!parent) throw new NotFoundException(`Parent org unit ${dto.parentId} does not exist`);
    if (!hasRoleAt(user, ORG_ADMIN_ROLES, parent.orgPath)) {
      throw new ForbiddenException(
        'Creating org units needs the admin or districtSupervisor role at or above the parent',
      );
    }
    // The tree goes city → district → school → grade → class; a level may be skipped, never reversed.
    if (ORG_UNIT_KINDS.indexOf(dto.kind) <= ORG_UNIT_KINDS.indexOf(parent.kind)) {
      throw new ProblemException(400, `A ${dto.kind} cannot be placed under a ${parent.kind}`, [
        { path: 'kind', message: `Expected a kind below ${parent.kind}` },
      ]);
    }
    const orgPath = `${parent.orgPath}/${dto.code}`;
    if (await this.units.pathTaken(orgPath))
      throw new ConflictException(`Code ${dto.code} is already used under ${parent.orgPath}`);
    const unit = await this.units.insert({
      parentId: parent.id,
      kind: dto.kind,
      name: dto.name,
      code: dto.code,
      orgPath,
    });
    await this.accessLog.record(user.id, 'orgUnit.create', 'orgUnit', unit.id, { orgPath });
    return toOrgUnitView(unit);
  }

  /** Units at or below any unit where the caller holds a role. */
  async list(user: CurrentUser, limit = 500) {
    const units = await this.units.listVisible(user.id, limit);
    return { items: units.map(toOrgUnitView), nextCursor: null };
  }

  /** A unit the caller may see, or 404 (never a hint that it exists elsewhere). */
  async findVisible(user: CurrentUser, id: string): Promise<OrgUnitEntity> {
    const unit = await this.units.findVisible(user.id, id);
    if (!unit) throw new NotFoundException(`Org unit ${id} not found`);
    return unit;
  }
}
