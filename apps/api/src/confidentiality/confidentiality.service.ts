import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import { BREAK_GLASS_ROLES, LEGAL_HOLD_ROLES, SUPERVISOR_ROLES } from '../../../../libs/domain/src';
import {
  appendAuditEvents,
  auditHeadKey,
  purgeHeldCase,
  PurgeRefused,
  recordNotifications,
  sealForCase,
  sealingKey,
} from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRole, hasRoleAt } from '../auth/current-user';
import { MAX_READ_REASON_LENGTH } from '../case-file/case-file.dto';
import type { RequestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';
import { InstancesRepository } from '../instances/instances.repository';
import type { CaseReadsQuery } from './confidentiality.dto';
import type { BreakGlassGrantView, CaseReadItem, CaseReadPage } from './confidentiality.responses';
import { type CaseReadRow, ConfidentialityRepository } from './confidentiality.repository';

/** The kind of the notification a case's supervisors get when someone breaks the glass. */
export const BREAK_GLASS_NOTIFICATION = 'case.breakGlass';

type Messages = Record<RequestLanguage, string>;

const REASON_RULE: Messages = {
  'zh-CN': `请填写理由（1–${MAX_READ_REASON_LENGTH} 个字符，不能只有空格）`,
  en: `reason is required: 1–${MAX_READ_REASON_LENGTH} characters, not only spaces`,
};
const READS_FORBIDDEN: Messages = {
  'zh-CN': '只有个案所在单位或上级的校长、督导、心理负责人或管理员可以查看查阅记录',
  en: "Only the case's principal, district supervisor, psychology lead or an admin may see who read it",
};
const HOLD_FORBIDDEN: Messages = {
  'zh-CN': '只有个案所在单位或上级的校长、督导或管理员可以设置或解除法律保全',
  en: "Only the case's principal, district supervisor or an admin may place or release a legal hold",
};
const ALREADY_HELD: Messages = {
  'zh-CN': '该个案已处于法律保全中',
  en: 'This case is already under a legal hold',
};
const NOT_HELD: Messages = {
  'zh-CN': '该个案没有法律保全',
  en: 'This case is not under a legal hold',
};
const PURGED: Messages = {
  'zh-CN': '该个案已消档，无可保全的内容',
  en: 'This case is purged: there is nothing left to hold',
};
const PURGE_REFUSED: Messages = {
  'zh-CN': '保全期间到期的消档尚不能执行：该个案调用的子个案仍在进行。请在其结束后再解除保全',
  en: 'The purge this hold stopped cannot run yet: a case it called is still running. Release the hold after it ends',
};
const BREAK_GLASS_FORBIDDEN: Messages = {
  'zh-CN': '只有校长或督导可以申请紧急查阅',
  en: 'Only a principal or a district supervisor may ask for emergency access',
};
const ALREADY_IN_SCOPE: Messages = {
  'zh-CN': '您已有权查看该个案，无需紧急查阅',
  en: 'You already see this case: no emergency access is needed',
};

/** What an access_log action read or did, for the reads list. */
function whatOf(row: CaseReadRow): string {
  switch (row.action) {
    case 'instance.read':
      return 'case';
    case 'instance.history.read':
      return 'history';
    case 'instance.history.verify':
      return 'verify';
    case 'instance.reads.read':
      return 'reads';
    case 'task.read':
      return 'task';
    case 'student.file.read':
      return 'studentFile';
    case 'instance.export':
    case 'task.export':
      return 'export';
    case 'case.legalHold.placed':
    case 'case.legalHold.released':
      return 'legalHold';
    case 'case.breakGlass.granted':
      return 'breakGlass';
    case 'access.denied':
    case 'access.denied-capped':
      return 'denied';
    case 'case.sealed.read': {
      const read = row.detail.read;
      if (read === 'instance') return 'case';
      if (read === 'student file') return 'studentFile';
      return typeof read === 'string' ? read : row.resourceType;
    }
    default:
      if (row.action.includes('compliance')) return 'compliance';
      return row.resourceType;
  }
}

/**
 * The rest of R10 (docs/security.md, ADR 0024): who read a case (for its supervisors), legal
 * holds that stop its purge, and emergency access (break-glass) to one case outside one's scope.
 */
@Injectable()
export class ConfidentialityService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ConfidentialityRepository,
    private readonly instances: InstancesRepository,
    private readonly accessLog: AccessLog,
  ) {}

  /** Every access_log row about the case, for its supervisors; 403 for other staff in scope. */
  async reads(
    user: CurrentUser,
    id: string,
    query: CaseReadsQuery,
    language: RequestLanguage,
  ): Promise<CaseReadPage> {
    const orgPath = await this.visibleCase(user, id);
    if (!hasRoleAt(user, SUPERVISOR_ROLES, orgPath)) throw new ForbiddenException(READS_FORBIDDEN[language]);
    // Reading who read the case is itself a read about the case: recorded first, so it is listed.
    await this.accessLog.record(user.id, 'instance.reads.read', 'instance', id);
    const limit = query.limit ?? 50;
    const rows = await this.repository.reads(id, limit, query.before);
    const items: CaseReadItem[] = rows.slice(0, limit).map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      user: row.userId ? { id: row.userId, displayName: row.displayName ?? '' } : null,
      action: row.action,
      what: whatOf(row),
      reason: typeof row.detail.reason === 'string' ? row.detail.reason : null,
      via: row.detail.via === 'breakGlass' ? 'breakGlass' : 'scope',
    }));
    return { items, nextBefore: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
  }

  /** Places a legal hold: the case's purge will not happen while it lasts. */
  async placeHold(user: CurrentUser, id: string, body: unknown, language: RequestLanguage): Promise<void> {
    const reason = checkedReason(body, language);
    const orgPath = await this.visibleCase(user, id);
    if (!hasRoleAt(user, LEGAL_HOLD_ROLES, orgPath)) throw new ForbiddenException(HOLD_FORBIDDEN[language]);
    await this.db.transaction(async (manager) => {
      await this.repository.lockCase(manager, id);
      const [state]: { purged_at: Date | null }[] = await manager.query(
        `SELECT purged_at FROM process_instance WHERE id = $1`,
        [id],
      );
      if (state?.purged_at) throw new ConflictException(PURGED[language]);
      const holdId = await this.repository.insertHold(manager, id, user.id);
      if (!holdId) throw new ConflictException(ALREADY_HELD[language]);
      await this.chain(manager, id, user, 'case.legalHold.placed', { legalHoldId: holdId }, reason);
    });
    await this.accessLog.record(user.id, 'case.legalHold.placed', 'instance', id, { instanceId: id, reason });
  }

  /**
   * Releases the legal hold. When the case's purge step ran while it was held, the purge is done
   * now, in the same transaction: nobody has to run the step again (ADR 0024).
   */
  async releaseHold(user: CurrentUser, id: string, body: unknown, language: RequestLanguage): Promise<void> {
    const reason = checkedReason(body, language);
    const orgPath = await this.visibleCase(user, id);
    if (!hasRoleAt(user, LEGAL_HOLD_ROLES, orgPath)) throw new ForbiddenException(HOLD_FORBIDDEN[language]);
    const purged = await this.db.transaction(async (manager) => {
      await this.repository.lockCase(manager, id);
      const hold = await this.repository.activeHold(id, manager);
      if (!hold) throw new ConflictException(NOT_HELD[language]);
      await this.repository.releaseHold(manager, hold.id, user.id);
      // Sealed before the purge below destroys the key: the history keeps it as ciphertext.
      await this.chain(manager, id, user, 'case.legalHold.released', { legalHoldId: hold.id }, reason);
      if (!hold.purgeBlockedAt || !hold.purgeJobId) return false;
      try {
        await purgeHeldCase(
          manager,
          this.config.dataKey,
          { instanceId: id, jobId: hold.purgeJobId, elementId: hold.purgeElementId ?? 'purge-file' },
          hold.id,
        );
      } catch (error) {
        if (error instanceof PurgeRefused) throw new ConflictException(PURGE_REFUSED[language]);
        throw error;
      }
      return true;
    });
    await this.accessLog.record(user.id, 'case.legalHold.released', 'instance', id, {
      instanceId: id,
      reason,
      purged,
    });
  }

  /**
   * Emergency access (break-glass) to one case outside the caller's scope, for a principal or
   * district supervisor: read-only, for BREAK_GLASS_SECONDS, audited in the access log and the
   * case's chain, and told to the case's supervisors. Any case: that is what it is for; the
   * caller must know its id, and an unknown id is a 404 (so it does reveal that an id exists).
   */
  async breakGlass(
    user: CurrentUser,
    id: string,
    body: unknown,
    language: RequestLanguage,
  ): Promise<BreakGlassGrantView> {
    const reason = checkedReason(body, language);
    if (!hasRole(user, BREAK_GLASS_ROLES)) throw new ForbiddenException(BREAK_GLASS_FORBIDDEN[language]);
    const orgPath = await this.repository.caseOrgPath(id);
    if (!orgPath) throw new NotFoundException(`Case ${id} not found`);
    if (await this.instances.findVisible(user.id, id))
      throw new ConflictException(ALREADY_IN_SCOPE[language]);
    const grant = await this.db.transaction(async (manager) => {
      await this.repository.lockCase(manager, id);
      const granted = await this.repository.insertGrant(manager, id, user.id, this.config.breakGlassSeconds);
      const until = granted.expiresAt.toISOString();
      await this.chain(
        manager,
        id,
        user,
        'case.breakGlass.granted',
        { grantId: granted.id, userId: user.id, grantedUntil: until },
        reason,
      );
      // Content-free: that emergency access was given, to whom, until when; never the case.
      await recordNotifications(manager, {
        recipientIds: await this.repository.supervisorsOf(manager, orgPath, user.id),
        instanceId: id,
        taskId: null,
        kind: BREAK_GLASS_NOTIFICATION,
        orgPath,
        title: `Emergency access granted: ${user.displayName} until ${until}`,
        idempotencyKey: `${BREAK_GLASS_NOTIFICATION}:${granted.id}`,
      });
      return { until };
    });
    await this.accessLog.record(user.id, 'case.breakGlass.granted', 'instance', id, {
      instanceId: id,
      via: 'breakGlass',
      reason,
      grantedUntil: grant.until,
    });
    return { grantedUntil: grant.until };
  }

  /** The case's org path when the caller sees it by scope (SQL), else 404. */
  private async visibleCase(user: CurrentUser, id: string): Promise<string> {
    const instance = await this.instances.findVisible(user.id, id);
    if (!instance) throw new NotFoundException(`Case ${id} not found`);
    return instance.orgPath;
  }

  /** Appends one entry to the case's chain, its reason sealed with the case key (null once purged). */
  private async chain(
    manager: EntityManager,
    id: string,
    user: CurrentUser,
    type: 'case.legalHold.placed' | 'case.legalHold.released' | 'case.breakGlass.granted',
    data: Record<string, unknown>,
    reason: string,
  ): Promise<void> {
    const key = await sealingKey(manager, this.config.dataKey, id);
    await appendAuditEvents(
      manager,
      id,
      [
        {
          type,
          at: new Date().toISOString(),
          actor: user.username,
          data: { ...data, reason: key ? sealForCase(key, reason) : null },
        },
      ],
      auditHeadKey(this.config.dataKey),
    );
  }
}

/** The body's reason, trimmed; 400 naming `reason` in the caller's language. */
function checkedReason(body: unknown, language: RequestLanguage): string {
  const reason = (body as { reason?: unknown } | undefined)?.reason;
  if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_READ_REASON_LENGTH) {
    throw new ProblemException(400, `${REASON_RULE[language]}`, [
      { path: 'reason', message: REASON_RULE[language] },
    ]);
  }
  return reason.trim();
}
