import { randomUUID } from 'node:crypto';
import { ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TRIGGER_SIGNAL_UPDATE, type TriggerSignalArgs } from '../../../../libs/contracts/src';
import { CASE_VIEWER_ROLES } from '../../../../libs/domain/src';
import {
  broadcastSignal,
  ProcessDefinitionEntity,
  type SignalBroadcastResult,
} from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { CaseFiles } from '../case-file/case-file.service';
import { type CurrentUser, hasRole } from '../auth/current-user';
import { checkCaseVariables, checkCaseVariablesSize } from '../common/variable-limits';
import { InstancesRepository } from '../instances/instances.repository';
import { InstancesService } from '../instances/instances.service';
import { CaseUpdates } from '../temporal/case-updates.service';
import type { BroadcastSignalDto } from './signals.dto';

/**
 * POST /api/signals (docs/signals.md): a signal reaches every case in the caller's scope that
 * waits for its name, and starts a case, at the caller's unit, of every process runnable there
 * whose latest version has a top-level signal start event for it. Who may broadcast is the rule
 * of messages: anyone with a case-viewing role.
 */
@Injectable()
export class SignalsService {
  constructor(
    private readonly db: DataSource,
    private readonly updates: CaseUpdates,
    private readonly instances: InstancesService,
    private readonly accessLog: AccessLog,
    private readonly cases: InstancesRepository,
    private readonly caseFiles: CaseFiles,
  ) {}

  async broadcast(user: CurrentUser, dto: BroadcastSignalDto): Promise<SignalBroadcastResult> {
    if (!hasRole(user, CASE_VIEWER_ROLES)) {
      throw new ForbiddenException('Broadcasting signals needs a case-viewing role');
    }
    const variables = dto.variables ?? {};
    // The size a case started by the signal gets; waiting cases are checked with their own.
    checkCaseVariablesSize({}, variables);
    // Resolved before anything happens, so a bad orgUnitId fails the request as a whole.
    const home = await this.homeUnit(user, dto.orgUnitId);
    const args: TriggerSignalArgs = {
      signalName: dto.name,
      variables,
      actor: { id: user.id, username: user.username },
    };
    const signalId = randomUUID();
    const result = await broadcastSignal(
      this.db.manager,
      {
        // Before any case receives it, so that a signal too large for one case reaches none.
        beforeTrigger: async (instanceIds) => {
          for (const instanceId of instanceIds) await checkCaseVariables(this.cases, instanceId, variables);
        },
        trigger: async (instanceId) => {
          // Each case gets the signal's sensitive values sealed with its own key (ADR 0020).
          const sealed = { ...args, variables: await this.caseFiles.sealInbound(instanceId, variables) };
          const outcome = await this.updates.tryExecute(instanceId, TRIGGER_SIGNAL_UPDATE, [sealed], {
            updateId: `signal:${signalId}:${instanceId}`,
            unanswered: 'the signal may still reach it when it runs again',
          });
          // Accepted means its step is written (the Update waits for it): no `sync` follows.
          return outcome.accepted;
        },
        start: async (definition, startEventId) => {
          const entity = await this.db
            .getRepository(ProcessDefinitionEntity)
            .findOneByOrFail({ id: definition.id });
          const { instance } = await this.instances.startDefinition(
            user,
            entity,
            { orgUnitId: home.id, variables },
            startEventId,
          );
          return instance.id;
        },
      },
      { name: dto.name, reach: { userId: user.id }, startAt: home.orgPath },
    );
    // The variables are not logged: they may identify a student.
    await this.accessLog.record(user.id, 'signal.broadcast', 'signal', null, { name: dto.name, ...result });
    return result;
  }

  /**
   * The unit a signal acts from: the one named in the request (which must be in the caller's
   * scope), else the unit of the caller's first case-viewing role (the rule of messages).
   */
  private async homeUnit(user: CurrentUser, orgUnitId?: string): Promise<{ id: string; orgPath: string }> {
    if (orgUnitId) {
      const { unit } = await this.instances.placeCase(user, { orgUnitId });
      return { id: unit.id, orgPath: unit.orgPath };
    }
    const grant = user.roles.find((role) => CASE_VIEWER_ROLES.includes(role.role))!;
    return { id: grant.orgUnitId, orgPath: grant.orgPath };
  }
}
