import { createHash } from 'node:crypto';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { type DiagramProblem, type ProcessModel, upgradeModel } from '../../../../libs/bpmn/src';
import { DEPLOYER_ROLES } from '../../../../libs/domain/src';
import type { OrgUnitEntity, ProcessDefinitionEntity } from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRole, hasRoleAt, outermost } from '../auth/current-user';
import { ProblemException } from '../common/problem.filter';
import { OrgUnitsRepository } from '../org-units/org-units.repository';
import { compileInWorker } from './compile-pool';
import type { ListDefinitionsQuery } from './definitions.dto';
import { DefinitionsRepository } from './definitions.repository';
import { TimerStarts } from './timer-starts.service';

export interface DeployResult {
  created: boolean;
  definition: {
    id: string;
    key: string;
    version: number;
    name: string | null;
    ownerUnitId: string;
    warnings: DiagramProblem[];
  };
}

function summarise(d: ProcessDefinitionEntity) {
  return {
    id: d.id,
    key: d.key,
    version: d.version,
    name: d.name,
    ownerUnitId: d.ownerUnitId,
    deployedAt: d.deployedAt.toISOString(),
    deployedBy: d.deployedBy,
  };
}

@Injectable()
export class DefinitionsService {
  constructor(
    private readonly definitions: DefinitionsRepository,
    private readonly units: OrgUnitsRepository,
    private readonly accessLog: AccessLog,
    private readonly timerStarts: TimerStarts,
  ) {}

  /**
   * Publishes a diagram as the next version of its key. Who may (docs/adr/0003): a deployer
   * (psychLead, admin) at or above the key's owner unit, which the first version fixes; a school
   * that wants its own variant of the district's pathway deploys it under a key of its own.
   */
  async deploy(
    user: CurrentUser,
    xml: string,
    forms: Record<string, unknown> = {},
    ownerUnitId?: string,
  ): Promise<DeployResult> {
    if (!hasRole(user, DEPLOYER_ROLES))
      throw new ForbiddenException('Deploying diagrams needs the psychLead or admin role');
    const compiled = await compileInWorker(xml);
    if (!compiled.ok) {
      throw new ProblemException(
        400,
        `The diagram has ${compiled.errors.length} problem(s): ${compiled.errors.map((e) => `${e.elementId || '(document)'}: ${e.message}`).join('; ')}`,
        compiled.errors.map((e) => ({
          elementId: e.elementId,
          elementType: e.elementType,
          message: e.message,
        })),
      );
    }
    const { model } = compiled;
    const warnings = [...compiled.warnings, ...missingFormWarnings(model, forms)];
    const sha256 = createHash('sha256').update(xml).update('\0').update(JSON.stringify(forms)).digest('hex');
    // Deployments of one key are serialised so versions stay dense and unique.
    const result = await this.definitions.withKeyLocked(model.id, async ({ latest, insert }) => {
      const owner = await this.ownerFor(user, model.id, latest, ownerUnitId);
      const replaced = latest?.model;
      if (latest && latest.sha256 === sha256) return { created: false, entity: latest, replaced };
      const entity = await insert({
        key: model.id,
        version: (latest?.version ?? 0) + 1,
        name: model.name ?? null,
        xml,
        model,
        forms,
        sha256,
        ownerUnitId: owner.id,
        deployedBy: user.id,
      });
      return { created: true, entity, replaced };
    });
    if (result.created) {
      await this.accessLog.record(user.id, 'definition.deploy', 'definition', result.entity.id, {
        key: model.id,
        version: result.entity.version,
      });
    }
    const { entity } = result;
    await this.syncTimerStarts(entity, result.created, result.created ? result.replaced : undefined);
    return {
      created: result.created,
      definition: {
        id: entity.id,
        key: entity.key,
        version: entity.version,
        name: entity.name,
        ownerUnitId: entity.ownerUnitId,
        warnings,
      },
    };
  }

  /**
   * The owner unit of the version about to be deployed: the key's owner when it exists (and the
   * caller must deploy at or above it), else the unit asked for or the caller's one deploying unit.
   */
  private async ownerFor(
    user: CurrentUser,
    key: string,
    latest: ProcessDefinitionEntity | null,
    requested: string | undefined,
  ): Promise<OrgUnitEntity> {
    if (latest) {
      const owner = await this.unit(latest.ownerUnitId);
      if (!hasRoleAt(user, DEPLOYER_ROLES, owner.orgPath)) {
        throw new ForbiddenException(
          `Process '${key}' belongs to ${owner.name} (${owner.orgPath}): only a psychLead or admin there or above publishes its versions. Deploy your variant under a key of your own`,
        );
      }
      if (requested && requested !== owner.id) {
        throw new ProblemException(400, `Process '${key}' is owned by ${owner.orgPath} since version 1`, [
          { path: 'ownerUnitId', message: `Expected ${owner.id} (the owner of '${key}') or nothing` },
        ]);
      }
      return owner;
    }
    if (requested) {
      const unit = await this.units.findById(requested);
      if (!unit || !hasRoleAt(user, DEPLOYER_ROLES, unit.orgPath)) {
        throw new ProblemException(400, `You may not deploy processes owned by unit ${requested}`, [
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
      throw new ProblemException(400, `Say which unit owns the new process '${key}'`, [
        { path: 'ownerUnitId', message: 'Expected the id of a unit where you hold psychLead or admin' },
      ]);
    }
    return this.unit(home.orgUnitId);
  }

  /** A unit that must exist (a grant's or an owner's: foreign keys keep them). */
  private async unit(id: string): Promise<OrgUnitEntity> {
    const unit = await this.units.findById(id);
    if (!unit) throw new Error(`Org unit ${id} is gone although a row refers to it`);
    return unit;
  }

  /**
   * Timer start events run as a schedule per key, in step with the latest version. Only a
   * diagram that has them, or replaces one that had them, needs Temporal here.
   */
  private async syncTimerStarts(
    entity: ProcessDefinitionEntity,
    created: boolean,
    replaced: ProcessModel | undefined,
  ): Promise<void> {
    const now = new Date().toISOString();
    const timers = TimerStarts.timersOf(upgradeModel(entity.model), now);
    const hadTimers = replaced !== undefined && TimerStarts.timersOf(upgradeModel(replaced), now).length > 0;
    if (timers.length === 0 && !hadTimers) return;
    // Cases a timer starts live at the key's owner unit: the pathway's home.
    await this.timerStarts.sync(entity, timers, entity.ownerUnitId, created);
  }

  /** Definitions are not case data: every signed-in user may list them. */
  async list(query: ListDefinitionsQuery) {
    const page = await this.definitions.list({ key: query.key }, query);
    return {
      items: page.items.map(summarise),
      nextCursor: page.nextCursor,
    };
  }

  async get(id: string) {
    const d = await this.definitions.findById(id);
    if (!d) throw new NotFoundException(`Definition ${id} not found`);
    return { ...summarise(d), xml: d.xml, forms: d.forms };
  }

  /** The given version of a key, or its latest. */
  async resolve(key: string, version?: number): Promise<ProcessDefinitionEntity> {
    const definition = await this.definitions.findVersion(key, version);
    if (!definition)
      throw new NotFoundException(`No definition ${key}${version ? ` version ${version}` : ''}`);
    return definition;
  }
}

/**
 * User tasks whose linked form is not deployed with the diagram: the task opens without its
 * form, so the deploy says so (a warning, not a refusal: the form may come in a later deploy).
 */
function missingFormWarnings(model: ProcessModel, forms: Record<string, unknown>): DiagramProblem[] {
  return Object.values(model.elements).flatMap((element) =>
    element.type === 'userTask' && element.formId !== undefined && !Object.hasOwn(forms, element.formId)
      ? [
          {
            elementId: element.id,
            elementType: 'bpmn:UserTask',
            message: `User task '${element.id}' links form '${element.formId}', which is not deployed: send it in \`forms\``,
          },
        ]
      : [],
  );
}
