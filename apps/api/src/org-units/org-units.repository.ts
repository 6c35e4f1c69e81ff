import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROLES, type Role } from '../../../../libs/domain/src';
import { inScope, OrgUnitEntity } from '../../../../libs/persistence/src';

/** The SQL of the org_unit table (the tree of city, district, school, grade and class). */
@Injectable()
export class OrgUnitsRepository {
  constructor(private readonly db: DataSource) {}

  /** The one visible-rows query: units at or below any unit where the user holds a role, any role. */
  private visible(userId: string) {
    return this.db
      .getRepository(OrgUnitEntity)
      .createQueryBuilder('ou')
      .where(inScope('ou.org_path', ROLES), { scopeUserId: userId });
  }

  /** Visible units in tree order (a parent before its children). */
  listVisible(userId: string, limit: number): Promise<OrgUnitEntity[]> {
    return this.visible(userId).orderBy('ou.org_path').take(limit).getMany();
  }

  findVisible(userId: string, id: string): Promise<OrgUnitEntity | null> {
    return this.visible(userId).andWhere('ou.id = :id', { id }).getOne();
  }

  /** Whether the user holds one of `roles` at the unit or above it (the org-scope rule in SQL). */
  inScopeOf(userId: string, id: string, roles: readonly Role[]): Promise<boolean> {
    return this.db
      .getRepository(OrgUnitEntity)
      .createQueryBuilder('ou')
      .where('ou.id = :id', { id })
      .andWhere(inScope('ou.org_path', roles), { scopeUserId: userId })
      .getExists();
  }

  /**
   * A unit by id whatever the caller's scope: for rules that decide on it themselves (where a
   * case would live, who owns a pathway); never handed to a caller unchecked.
   */
  findById(id: string): Promise<OrgUnitEntity | null> {
    return this.db.getRepository(OrgUnitEntity).findOneBy({ id });
  }

  findRoot(): Promise<OrgUnitEntity | null> {
    return this.db
      .getRepository(OrgUnitEntity)
      .createQueryBuilder('ou')
      .where('ou.parent_id IS NULL')
      .getOne();
  }

  pathTaken(orgPath: string): Promise<boolean> {
    return this.db.getRepository(OrgUnitEntity).existsBy({ orgPath });
  }

  insert(
    unit: Pick<OrgUnitEntity, 'parentId' | 'kind' | 'name' | 'code' | 'orgPath'>,
  ): Promise<OrgUnitEntity> {
    const repo = this.db.getRepository(OrgUnitEntity);
    return repo.save(repo.create(unit));
  }
}
