import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import { SUPERVISOR_ROLES } from '../../../../libs/domain/src';
import { type ChainVerification, verifyAuditChain } from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRoleAt } from '../auth/current-user';
import { InstancesService } from '../instances/instances.service';

/** Verifies a case's audit chain on request: its links and its signed head (ADR 0004). */
@Injectable()
export class AuditVerificationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly instances: InstancesService,
    private readonly accessLog: AccessLog,
  ) {}

  /** 404 outside the caller's scope, 403 for a non-supervisor within it. */
  async verify(user: CurrentUser, id: string): Promise<ChainVerification> {
    const instance = await this.instances.findVisible(user, id);
    if (!hasRoleAt(user, SUPERVISOR_ROLES, instance.orgPath)) {
      throw new ForbiddenException("Verifying a case's audit chain needs a supervising role");
    }
    const verification = await verifyAuditChain(this.db, id, this.config.dataKey);
    await this.accessLog.record(user.id, 'instance.history.verify', 'instance', id, {
      valid: verification.valid,
    });
    return verification;
  }
}
