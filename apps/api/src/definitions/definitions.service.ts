import { createHash } from 'node:crypto';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProcessModel } from '../../../../libs/bpmn/src/model';
import { upgradeModel } from '../../../../libs/bpmn/src/model-upgrade';
import { DEPLOYER_ROLES } from '../../../../libs/domain/src/roles';
import { ProcessDefinitionEntity } from '../../../../libs/persistence/src/entities';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRole } from '../auth/current-user';
import { paginate } from '../common/pagination';
import { ProblemException } from '../common/problem.filter';
import { compileInWorker } from './compile-pool';
import type { ListDefinitionsQuery } from './definitions.dto';
import { TimerStarts } from './timer-starts.service';

export interface DeployResult {
  created: boolean;
  definition: { id: string; key: string; version: number; name: string | null; warnings: unknown[] };
}

function summarise(d: ProcessDefinitionEntity) {
  return {
    id: d.id,
    key: d.key,
    version: d.version,
    name: d.name,
    deployedAt: d.deployedAt,
    deployedBy: d.deployedBy,
  };
}

@Injectable()
export class DefinitionsService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLog,
    private readonly timerStarts: TimerStarts,
  ) {}

  async deploy(user: CurrentUser, xml: string, forms: Record<string, unknown> = {}): Promise<DeployResult> {
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
    const { model, warnings } = compiled;
    const sha256 = createHash('sha256').update(xml).update('\0').update(JSON.stringify(forms)).digest('hex');
    const result = await this.db.transaction(async (tx) => {
      // Serialise deployments of one key so versions stay dense and unique.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`definition:${model.id}`]);
      const repo = tx.getRepository(ProcessDefinitionEntity);
      const latest = await repo.findOne({ where: { key: model.id }, order: { version: 'DESC' } });
      const replaced = latest?.model;
      if (latest && latest.sha256 === sha256) return { created: false, entity: latest, replaced };
      const entity = await repo.save(
        repo.create({
          key: model.id,
          version: (latest?.version ?? 0) + 1,
          name: model.name ?? null,
          xml,
          model,
          forms,
          sha256,
          deployedBy: user.id,
        }),
      );
      return { created: true, entity, replaced };
    });
    if (result.created) {
      await this.accessLog.record(user.id, 'definition.deploy', 'definition', result.entity.id, {
        key: model.id,
        version: result.entity.version,
      });
    }
    const { entity } = result;
    await this.syncTimerStarts(user, entity, result.created, result.created ? result.replaced : undefined);
    return {
      created: result.created,
      definition: { id: entity.id, key: entity.key, version: entity.version, name: entity.name, warnings },
    };
  }

  /**
   * Timer start events run as a schedule per key, in step with the latest version. Only a
   * diagram that has them, or replaces one that had them, needs Temporal here.
   */
  private async syncTimerStarts(
    user: CurrentUser,
    entity: ProcessDefinitionEntity,
    created: boolean,
    replaced: ProcessModel | undefined,
  ): Promise<void> {
    const now = new Date().toISOString();
    const timers = TimerStarts.timersOf(upgradeModel(entity.model), now);
    const hadTimers = replaced !== undefined && TimerStarts.timersOf(upgradeModel(replaced), now).length > 0;
    if (timers.length === 0 && !hadTimers) return;
    // Cases a timer starts live at the deploying lead's unit (the role that let them deploy).
    const home = user.roles.find((grant) => DEPLOYER_ROLES.includes(grant.role)) ?? user.roles[0];
    if (!home) return;
    await this.timerStarts.sync(entity, timers, home.orgUnitId, created);
  }

  /** Definitions are not case data: every signed-in user may list them. */
  async list(query: ListDefinitionsQuery) {
    const qb = this.db.getRepository(ProcessDefinitionEntity).createQueryBuilder('d');
    if (query.key) qb.where('d.key = :key', { key: query.key });
    const page = await paginate(qb, 'd.deployed_at', 'd.id', query, (d) => d.deployedAt);
    return {
      items: page.items.map(summarise),
      nextCursor: page.nextCursor,
    };
  }

  async get(id: string) {
    const d = await this.db.getRepository(ProcessDefinitionEntity).findOneBy({ id });
    if (!d) throw new NotFoundException(`Definition ${id} not found`);
    return { ...summarise(d), xml: d.xml, forms: d.forms };
  }

  /** The given version of a key, or its latest. */
  async resolve(key: string, version?: number): Promise<ProcessDefinitionEntity> {
    const definition = await this.db.getRepository(ProcessDefinitionEntity).findOne({
      where: version ? { key, version } : { key },
      order: { version: 'DESC' },
    });
    if (!definition)
      throw new NotFoundException(`No definition ${key}${version ? ` version ${version}` : ''}`);
    return definition;
  }
}
