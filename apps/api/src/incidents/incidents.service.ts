import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { RETRY_INCIDENT_UPDATE, type RetryIncidentArgs } from '../../../../libs/contracts/src';
import { SUPERVISOR_ROLES } from '../../../../libs/domain/src';
import type { IncidentEntity } from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { CaseFiles } from '../case-file/case-file.service';
import { type CurrentUser, hasRoleAt } from '../auth/current-user';
import { checkCaseVariables } from '../common/variable-limits';
import { InstancesRepository } from '../instances/instances.repository';
import { CaseUpdates } from '../temporal/case-updates.service';
import type { ListIncidentsQuery } from './incidents.dto';
import { IncidentsRepository } from './incidents.repository';

function toIncidentView(x: IncidentEntity) {
  return {
    id: x.id,
    instanceId: x.instanceId,
    elementId: x.elementId,
    message: x.message,
    createdAt: x.createdAt.toISOString(),
    state: x.state,
    resolvedAt: x.resolvedAt?.toISOString() ?? null,
  };
}

/** Incidents: where a case is stuck and why; supervisors retry them once the cause is fixed. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly instances: InstancesRepository,
    private readonly updates: CaseUpdates,
    private readonly accessLog: AccessLog,
    private readonly caseFiles: CaseFiles,
  ) {}

  async list(user: CurrentUser, query: ListIncidentsQuery) {
    const page = await this.incidents.list(
      user.id,
      { state: query.state ?? 'open', instanceId: query.instanceId },
      query,
    );
    // Incident messages may quote case values (a FEEL error naming a variable): reads are logged.
    await this.accessLog.record(user.id, 'incident.list', 'incident', null, {
      state: query.state ?? 'open',
      instanceId: query.instanceId ?? null,
      count: page.items.length,
    });
    return { items: page.items.map(toIncidentView), nextCursor: page.nextCursor };
  }

  /**
   * Retries what failed, after setting `variables` on the incident's scope. Supervisors of the
   * case only; the workflow refuses (409) an incident that is no longer open.
   */
  async retry(user: CurrentUser, id: string, variables: Record<string, unknown>): Promise<void> {
    const incident = await this.findVisible(user, id);
    if (!hasRoleAt(user, SUPERVISOR_ROLES, incident.orgPath)) {
      throw new ForbiddenException('Retrying an incident needs a supervising role above the case');
    }
    if (incident.state !== 'open') throw new ConflictException(`Incident ${id} is already resolved`);
    await checkCaseVariables(this.instances, incident.instanceId, variables);
    const args: RetryIncidentArgs = {
      incidentId: id,
      // Sensitive values set at a retry are sealed with the case key, like any others.
      variables: await this.caseFiles.sealInbound(incident.instanceId, variables),
      actor: { id: user.id, username: user.username },
    };
    await this.updates.execute(incident.instanceId, RETRY_INCIDENT_UPDATE, [args], {
      refusal: `Incident ${id} cannot be retried`,
      unanswered: `the retry of incident ${id} may still run when the case runs again: check the incident before retrying it again`,
    });
    // The Update returned once its own step was written: no `sync` needs to follow it.
    // Which variables were set, not their values: the log is no copy of the case file.
    await this.accessLog.record(user.id, 'incident.retry', 'incident', id, {
      instanceId: incident.instanceId,
      variables: Object.keys(variables),
    });
  }

  private async findVisible(user: CurrentUser, id: string): Promise<IncidentEntity> {
    const incident = await this.incidents.findVisible(user.id, id);
    if (!incident) throw new NotFoundException(`Incident ${id} not found`);
    return incident;
  }
}
