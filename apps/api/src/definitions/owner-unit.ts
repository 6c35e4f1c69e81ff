import { ForbiddenException } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { DEPLOYER_ROLES } from '../../../../libs/domain/src';
import type { OrgUnitEntity } from '../../../../libs/persistence/src';
import { type CurrentUser, hasRoleAt, outermost } from '../auth/current-user';
import type { RequestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';

/** What is being deployed, as the messages name it: a process key, a decision id or a form id. */
export interface Deployable {
  kind: 'Process' | 'Decision' | 'Form';
  key: string;
}

/** The refusals of ownerFor and of a deploy without a deployer role, in the reader's language. */
const OWNER_MESSAGES: Record<
  RequestLanguage,
  {
    deployerOnly: (kind: Deployable['kind']) => string;
    notOwner: (kind: Deployable['kind'], key: string, owner: OrgUnitEntity) => string;
    ownedSince: (kind: Deployable['kind'], key: string, owner: OrgUnitEntity) => string;
    expectOwner: (key: string, owner: OrgUnitEntity) => string;
    notYourUnit: (kind: Deployable['kind'], unit: string) => string;
    expectYourUnit: string;
    sayWhichUnit: (kind: Deployable['kind'], key: string) => string;
    expectHomeUnit: string;
  }
> = {
  en: {
    deployerOnly: (kind) =>
      `Deploying ${{ Process: 'diagrams', Decision: 'decisions', Form: 'forms' }[kind]} needs the psychLead or admin role`,
    notOwner: (kind, key, owner) =>
      `${kind} '${key}' belongs to ${owner.name} (${owner.orgPath}): only a psychLead or admin there or above publishes its versions. Deploy your variant under ${{ Process: 'a key', Decision: 'a decision id', Form: 'a form id' }[kind]} of your own`,
    ownedSince: (kind, key, owner) => `${kind} '${key}' is owned by ${owner.orgPath} since version 1`,
    expectOwner: (key, owner) => `Expected ${owner.id} (the owner of '${key}') or nothing`,
    notYourUnit: (kind, unit) =>
      `You may not deploy ${{ Process: 'processes', Decision: 'decisions', Form: 'forms' }[kind]} owned by unit ${unit}`,
    expectYourUnit: 'Expected a unit at or below one where you hold psychLead or admin',
    sayWhichUnit: (kind, key) => `Say which unit owns the new ${kind.toLowerCase()} '${key}'`,
    expectHomeUnit: 'Expected the id of a unit where you hold psychLead or admin',
  },
  'zh-CN': {
    deployerOnly: (kind) => `只有心理负责人或管理员可以部署${KIND_ZH[kind]}`,
    notOwner: (kind, key, owner) =>
      `${KIND_ZH[kind]}「${key}」属于「${owner.name}」（${owner.orgPath}）：只有该单位或其上级单位的心理负责人或管理员可以发布它的新版本。请另取一个${KIND_ZH[kind]} id，部署你自己的版本`,
    ownedSince: (kind, key, owner) => `${KIND_ZH[kind]}「${key}」自第 1 版起归 ${owner.orgPath} 所有`,
    expectOwner: (key, owner) => `须为 ${owner.id}（「${key}」的所属单位），或不填`,
    notYourUnit: (kind, unit) => `你不能部署归单位 ${unit} 所有的${KIND_ZH[kind]}`,
    expectYourUnit: '须为你担任心理负责人或管理员的单位，或其下级单位',
    sayWhichUnit: (kind, key) => `请指定新${KIND_ZH[kind]}「${key}」的所属单位`,
    expectHomeUnit: '须为你担任心理负责人或管理员的单位的 id',
  },
};

const KIND_ZH: Record<Deployable['kind'], string> = { Process: '流程', Decision: '决策', Form: '表单' };

/** 403 unless the user may deploy at all (docs/adr/0003), in the reader's language. */
export function deployerOnly(kind: Deployable['kind'], language: RequestLanguage = 'en'): ForbiddenException {
  return new ForbiddenException(OWNER_MESSAGES[language].deployerOnly(kind));
}

/**
 * The owner unit of the version about to be deployed (docs/adr/0003): the key's owner when it
 * exists (and the caller must deploy at or above it), else the unit asked for or the caller's one
 * deploying unit. Process keys, decision ids and form ids follow the same rule. Refusals are
 * worded in `language` (a lead saving a form in the Chinese editor reads Chinese).
 */
export async function ownerFor(
  units: Repository<OrgUnitEntity>,
  user: CurrentUser,
  { kind, key }: Deployable,
  latestOwnerUnitId: string | undefined,
  requested: string | undefined,
  language: RequestLanguage = 'en',
): Promise<OrgUnitEntity> {
  const say = OWNER_MESSAGES[language];
  if (latestOwnerUnitId) {
    const owner = await units.findOneByOrFail({ id: latestOwnerUnitId });
    if (!hasRoleAt(user, DEPLOYER_ROLES, owner.orgPath)) {
      throw new ForbiddenException(say.notOwner(kind, key, owner));
    }
    if (requested && requested !== owner.id) {
      throw new ProblemException(400, say.ownedSince(kind, key, owner), [
        { path: 'ownerUnitId', message: say.expectOwner(key, owner) },
      ]);
    }
    return owner;
  }
  if (requested) {
    const unit = await units.findOneBy({ id: requested });
    if (!unit || !hasRoleAt(user, DEPLOYER_ROLES, unit.orgPath)) {
      throw new ProblemException(400, say.notYourUnit(kind, requested), [
        { path: 'ownerUnitId', message: say.expectYourUnit },
      ]);
    }
    return unit;
  }
  const homes = outermost(user.roles.filter((grant) => DEPLOYER_ROLES.includes(grant.role)));
  const [home] = homes;
  if (!home || homes.length > 1) {
    throw new ProblemException(400, say.sayWhichUnit(kind, key), [
      { path: 'ownerUnitId', message: say.expectHomeUnit },
    ]);
  }
  return units.findOneByOrFail({ id: home.orgUnitId });
}
