import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import {
  type CaseKey,
  caseFamilyKeys,
  caseSensitiveNames,
  openAuditData,
  openSealed,
  sealForCase,
  sealingKey,
  sealInbound,
} from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import type { CurrentUser } from '../auth/current-user';
import type { RequestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';

type Variables = Record<string, unknown>;

/** What the api knows of a case's file when it reads or writes it. */
export interface CaseFileState {
  id: string;
  sealedAt: Date | null;
  purgedAt: Date | null;
}

/** Opens a case's sealed values for one reader, with the keys of the case's family. */
export interface CaseOpener {
  variables(values: Variables | null | undefined): Variables | null;
  /** An audit entry's data: sealed free text opened, or null once purged. */
  data(values: Variables): Variables;
}

const SEALED_READ: Record<RequestLanguage, string> = {
  'zh-CN': '该个案档案已封存：查阅须在 reason 参数中说明理由（将与查阅人一并记录）',
  en: 'This case file is sealed: reading it needs a reason in the query parameter `reason` (recorded with the reader)',
};

const SEALED_WRITE: Record<RequestLanguage, string> = {
  'zh-CN': '该个案档案已封存，只读',
  en: 'This case file is sealed: it is read-only',
};

/**
 * The case file's keys, seal and purge as the api applies them (ADR 0020): it seals what a
 * client sends into a case before it reaches Temporal, opens sealed values only for a caller the
 * scope checks already let see the case, and holds sealed files to reads with a reason.
 * Lists, search, notifications and logs never come here: they never decrypt.
 */
@Injectable()
export class CaseFiles {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accessLog: AccessLog,
  ) {}

  /**
   * Seals what a client sends into the case (start, completion, message, retry): its sensitive
   * values, and anything that only looks sealed, with the case's key. What Temporal then
   * keeps of them is ciphertext the case's key opens, and purge destroys.
   */
  async sealInbound(instanceId: string, variables: Variables): Promise<Variables> {
    if (Object.keys(variables).length === 0) return variables;
    const manager = this.db.manager;
    const [names, key] = await Promise.all([
      caseSensitiveNames(manager, instanceId),
      sealingKey(manager, this.config.dataKey, instanceId),
    ]);
    return sealInbound(variables, names, key);
  }

  /** Seals one free text the case keeps (a cancellation's reason) with the case's key. */
  async sealText(instanceId: string, text: string): Promise<string | null> {
    const key: CaseKey | null = await sealingKey(this.db.manager, this.config.dataKey, instanceId);
    return key ? sealForCase(key, text) : null;
  }

  /** The opener for one case; call only after the scope checks passed. */
  async opener(instanceId: string): Promise<CaseOpener> {
    const keys = await caseFamilyKeys(this.db.manager, this.config.dataKey, instanceId);
    return {
      variables: (values) => (values ? openSealed(values, keys) : null),
      data: (values) => openAuditData(values, keys),
    };
  }

  /**
   * A sealed case file answers reads only with a reason: 403 naming `reason` without one; with
   * one, the reason is recorded in the access log with the reader and what was read.
   */
  async admitRead(
    user: CurrentUser,
    instance: CaseFileState,
    read: { resourceType: 'instance' | 'task'; resourceId: string; what: string; via?: 'breakGlass' },
    reason: string | undefined,
    language: RequestLanguage,
  ): Promise<void> {
    if (!instance.sealedAt) return;
    if (reason === undefined) {
      throw new ProblemException(403, SEALED_READ[language], [
        { path: 'reason', message: SEALED_READ[language] },
      ]);
    }
    await this.accessLog.record(user.id, 'case.sealed.read', read.resourceType, read.resourceId, {
      instanceId: instance.id,
      read: read.what,
      reason: reason.trim(),
      ...(read.via ? { via: read.via } : {}),
    });
  }

  /** Nothing changes in a sealed case file: 409 for every write. */
  assertWritable(instance: Pick<CaseFileState, 'sealedAt'>, language: RequestLanguage = 'en'): void {
    if (instance.sealedAt) throw new ConflictException(SEALED_WRITE[language]);
  }
}
