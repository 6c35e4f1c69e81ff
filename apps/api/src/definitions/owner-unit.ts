import { ForbiddenException } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { DEPLOYER_ROLES } from '../../../../libs/domain/src';
import type { OrgUnitEntity } from '../../../../libs/persistence/src';
import { type CurrentUser, hasRoleAt, outermost } from '../auth/current-user';
import { ProblemException } from '../common/problem.filter';

/** What is being deployed, as the messages name it: a process key, a decision id or a form id. */
export interface Deployable {
  kind: 'Process' | 'Decision' | 'Form';
  key: string;
}

/**
 * The owner unit of the version about to be deployed (docs/adr/0003): the key's owner when it
 * exists (and the caller must deploy at or above it), else the unit asked for or the caller's one
 * deploying unit. Process keys, decision ids and form ids follow the same rule.
 */
export async function ownerFor(
  units: Repository<OrgUnitEntity>,
  user: CurrentUser,
  { kind, key }: Deployable,
  latestOwnerUnitId: string | undefined,
  requested: string | undefined,
): Promise<OrgUnitEntity> {
  const plural = { Process: 'processes', Decision: 'decisions', Form: 'forms' }[kind];
  const keyWord = { Process: 'a key', Decision: 'a decision id', Form: 'a form id' }[kind];
  if (latestOwnerUnitId) {
    const owner = await units.findOneByOrFail({ id: latestOwnerUnitId });
    if (!hasRoleAt(user, DEPLOYER_ROLES, owner.orgPath)) {
      throw new ForbiddenException(
        `${kind} '${key}' belongs to ${owner.name} (${owner.orgPath}): only a psychLead or admin there or above publishes its versions. Deploy your variant under ${keyWord} of your own`,
      );
    }
    if (requested && requested !== owner.id) {
      throw new ProblemException(400, `${kind} '${key}' is owned by ${owner.orgPath} since version 1`, [
        { path: 'ownerUnitId', message: `Expected ${owner.id} (the owner of '${key}') or nothing` },
      ]);
    }
    return owner;
  }
  if (requested) {
    const unit = await units.findOneBy({ id: requested });
    if (!unit || !hasRoleAt(user, DEPLOYER_ROLES, unit.orgPath)) {
      throw new ProblemException(400, `You may not deploy ${plural} owned by unit ${requested}`, [
        {
          path: 'ownerUnitId',
          message: 'Expected a unit at or below one where you hold psychLead or admin',
        },
      ]);
    }
    return unit;
  }
  const homes = outermost(user.roles.filter((grant) => DEPLOYER_ROLES.includes(grant.role)));
  const [home] = homes;
  if (!home || homes.length > 1) {
    throw new ProblemException(400, `Say which unit owns the new ${kind.toLowerCase()} '${key}'`, [
      { path: 'ownerUnitId', message: 'Expected the id of a unit where you hold psychLead or admin' },
    ]);
  }
  return units.findOneByOrFail({ id: home.orgUnitId });
}
