import { randomUUID } from 'node:crypto';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import { CORRELATE_MESSAGE_UPDATE, type CorrelateMessageArgs } from '../../../../libs/contracts/src';
import { CASE_VIEWER_ROLES } from '../../../../libs/domain/src';
import type { ProcessDefinitionEntity } from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRole } from '../auth/current-user';
import { ProblemException } from '../common/problem.filter';
import { checkCaseVariables, checkCaseVariablesSize } from '../common/variable-limits';
import { DefinitionsRepository } from '../definitions/definitions.repository';
import { InstancesRepository } from '../instances/instances.repository';
import { InstancesService } from '../instances/instances.service';
import { CaseUpdates } from '../temporal/case-updates.service';
import { messageStartEventOf } from './message-start';
import type { PublishMessageDto } from './messages.dto';
import { MessagesRepository } from './messages.repository';
import { parseTimeToLive } from './time-to-live';

export interface PublishResult {
  /** Every case the message reached: waiting cases it was correlated with, and cases it started. */
  correlatedInstances: string[];
  /** True when nothing waited and the message was kept for its time to live. */
  buffered: boolean;
}

/**
 * Rounds of "correlate, else buffer". A second round is needed only when a subscription opened
 * between the two (the buffer then refuses, see bufferUnlessWaiting); a third is a safety margin.
 */
const MAX_ROUNDS = 3;

/**
 * POST /api/messages (docs/messages.md): a message reaches every case in the caller's scope
 * that waits for its name and correlation key, starts a case of every latest definition with a
 * matching message start event, and, when it reached nothing, waits in the buffer for its time
 * to live.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly definitions: DefinitionsRepository,
    private readonly cases: InstancesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly updates: CaseUpdates,
    private readonly instances: InstancesService,
    private readonly accessLog: AccessLog,
  ) {}

  async publish(user: CurrentUser, dto: PublishMessageDto): Promise<PublishResult> {
    if (!hasRole(user, CASE_VIEWER_ROLES)) {
      throw new ForbiddenException('Publishing messages needs a case-viewing role');
    }
    const variables = dto.variables ?? {};
    // The size a case started by the message gets; waiting cases are checked with their own.
    checkCaseVariablesSize({}, variables);
    const ttl = dto.timeToLive ? parseTimeToLive(dto.timeToLive) : { millis: 0 };
    const ttlMillis = 'millis' in ttl ? ttl.millis : 0;
    const startable = await this.messageStarts(dto.name);
    // Resolved before anything happens, so a bad orgUnitId fails the request as a whole.
    const home = startable.length > 0 || ttlMillis > 0 ? await this.homeUnit(user, dto.orgUnitId) : null;
    // Only pathways of the home unit or above start there (docs/adr/0003).
    const runnable = home
      ? await this.definitions.runnableAt(
          startable.map((start) => start.definition.id),
          home.orgPath,
        )
      : new Set<string>();
    const starts = startable.filter((start) => runnable.has(start.definition.id));

    const correlated: string[] = [];
    let buffered = false;
    correlated.push(...(await this.correlateWaiting(user, dto, variables)));
    const started: string[] = [];
    for (const start of starts) {
      const id = await this.startByMessage(user, start, dto.correlationKey, home!.id, variables);
      if (id) started.push(id);
    }
    for (let round = 1; round <= MAX_ROUNDS && ttlMillis > 0; round++) {
      if (correlated.length > 0 || started.length > 0) break;
      buffered = await this.bufferUnlessWaiting(user, dto, variables, home!.orgPath, ttlMillis);
      if (buffered) break;
      correlated.push(...(await this.correlateWaiting(user, dto, variables)));
    }
    // Neither the variables nor the correlation key are logged: they may identify a student.
    await this.accessLog.record(user.id, 'message.publish', 'message', null, {
      name: dto.name,
      correlatedInstances: correlated,
      startedInstances: started,
      buffered,
    });
    return { correlatedInstances: [...correlated, ...started], buffered };
  }

  /**
   * Sends the message to each case in scope with an open subscription for it. A case refuses
   * when the subscription was used meanwhile (or the case ended): it is skipped.
   */
  private async correlateWaiting(
    user: CurrentUser,
    dto: PublishMessageDto,
    variables: Record<string, unknown>,
  ): Promise<string[]> {
    const waiting = await this.messages.waitingCases(user.id, dto);
    const args: CorrelateMessageArgs = {
      messageName: dto.name,
      correlationKey: dto.correlationKey,
      variables,
      actor: { id: user.id, username: user.username },
    };
    const messageId = randomUUID();
    const correlated: string[] = [];
    // Before any case receives it, so that a message too large for one case reaches none.
    for (const instanceId of waiting) await checkCaseVariables(this.cases, instanceId, variables);
    for (const instanceId of waiting) {
      const outcome = await this.updates.tryExecute(instanceId, CORRELATE_MESSAGE_UPDATE, [args], {
        updateId: `message:${messageId}:${instanceId}`,
        unanswered: `the message may still reach it when it runs again (it reached ${
          correlated.length > 0 ? correlated.join(', ') : 'no other case'
        } before)`,
      });
      // Accepted means its step is written (the Update waits for it): no `sync` follows.
      if (!outcome.accepted) continue;
      correlated.push(instanceId);
    }
    return correlated;
  }

  /**
   * Starts a case at a message start event, as Zeebe does with a correlation key: the key
   * becomes the case's business key, and no second case of the process starts while one with
   * that key is active (it received the message as a waiting case, if it waits for it). A key
   * that is a student's case key (`<schoolCode>-<studentNo>`, docs/student-cases.md) of a student
   * the caller sees starts the case as that student's, at the student's class; any other key
   * starts it at the home unit. Returns the new case's id, or null when none was started.
   */
  private async startByMessage(
    user: CurrentUser,
    start: { definition: ProcessDefinitionEntity; startEventId: string },
    correlationKey: string,
    homeUnitId: string,
    variables: Record<string, unknown>,
  ): Promise<string | null> {
    const businessKey = correlationKey === '' ? undefined : correlationKey;
    const studentId = businessKey ? await this.cases.visibleStudentByCaseKey(user.id, businessKey) : null;
    // School codes repeat across districts: "open with this key" means the student's own case,
    // or, for a key that names no student, a case the caller sees.
    const open = studentId
      ? await this.cases.openCaseOf(studentId, start.definition.key)
      : businessKey &&
        (await this.cases.visibleOpenCaseByBusinessKey(user.id, start.definition.key, businessKey));
    if (open) return null;
    const placement = studentId
      ? { studentId, businessKey, variables }
      : { orgUnitId: homeUnitId, businessKey, variables };
    try {
      const { instance } = await this.instances.startDefinition(
        user,
        start.definition,
        placement,
        start.startEventId,
      );
      return instance.id;
    } catch (error) {
      // Another message (or a person) opened the student's case a moment before: that one stands.
      if (error instanceof ProblemException && error.getStatus() === 409) return null;
      throw error;
    }
  }

  /** Buffers the message unless a subscription for it opened since we looked (then: false). */
  private bufferUnlessWaiting(
    user: CurrentUser,
    dto: PublishMessageDto,
    variables: Record<string, unknown>,
    orgPath: string,
    ttlMillis: number,
  ): Promise<boolean> {
    return this.messages.bufferUnlessWaiting(
      user.id,
      {
        messageName: dto.name,
        correlationKey: dto.correlationKey,
        variables,
        orgPath,
        createdBy: user.id,
      },
      ttlMillis,
      this.config.dataKey,
    );
  }

  /** The latest version of every process whose top-level message start event `name` triggers. */
  private async messageStarts(
    name: string,
  ): Promise<{ definition: ProcessDefinitionEntity; startEventId: string }[]> {
    // Narrowed in SQL so that not every model is loaded; messageStartEventOf decides.
    const definitions = await this.definitions.latestStartedByMessage(name);
    return definitions.flatMap((definition) => {
      const startEventId = messageStartEventOf(definition.model, name);
      return startEventId ? [{ definition, startEventId }] : [];
    });
  }

  /**
   * The unit a message acts from: the one named in the request (which must be in the caller's
   * scope), else the unit of the caller's first case-viewing role.
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
