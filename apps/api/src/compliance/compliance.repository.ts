import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProcessModel } from '../../../../libs/bpmn/src/workflow';
import { atOrBelow, inScope } from '../../../../libs/persistence/src';

/** A user task of a case that had a due date, with whoever closed it. */
export interface DeadlineTaskRow {
  id: string;
  elementId: string;
  name: string | null;
  dueAt: Date;
  createdAt: Date;
  state: 'open' | 'completed' | 'cancelled';
  endedAt: Date | null;
  actorId: string | null;
  actorName: string | null;
}

/** The audit entries a compliance line may cite (the types that prove a deadline's story). */
export interface EvidenceRow {
  id: string;
  seq: number;
  type: string;
  at: Date;
  elementId: string | null;
  actor: string | null;
  taskId: string | null;
  dueAt: string | null;
  hash: string;
}

/** A late step of the district view (GET /api/reports/late-steps). */
export interface LateStepRow {
  instanceId: string;
  businessKey: string | null;
  orgUnitName: string;
  elementId: string;
  name: string | null;
  dueAt: Date;
  endedAt: Date | null;
  state: 'open' | 'completed';
  actorId: string | null;
  actorName: string | null;
  escalated: boolean;
}

/** The entry types a line cites: the task's opening and completion, timers, terminations. */
const EVIDENCE_TYPES = ['task.opened', 'task.completed', 'timer.fired', 'element.terminated'];

/**
 * The SQL of the compliance review (docs/compliance.md): a case's deadlines and the audit entries
 * that prove them, and the late steps of the schools below a unit. The case is found visible by
 * the instances' read path first; the district view puts the scope rule in its own WHERE clause.
 */
@Injectable()
export class ComplianceRepository {
  constructor(private readonly db: DataSource) {}

  /** Every user task of the case that had a due date, in the order they opened. */
  async deadlineTasks(instanceId: string): Promise<DeadlineTaskRow[]> {
    return this.db.query(
      `SELECT t.id, t.element_id AS "elementId", t.name, t.due_at AS "dueAt", t.created_at AS "createdAt",
              t.state, t.ended_at AS "endedAt", a.id AS "actorId", a.display_name AS "actorName"
         FROM user_task t
         LEFT JOIN app_user a ON a.id = t.ended_by AND t.state = 'completed'
        WHERE t.instance_id = $1 AND t.due_at IS NOT NULL
        ORDER BY t.created_at, t.id`,
      [instanceId],
    );
  }

  /** The case's entries of the cited types, in chain order. */
  async evidence(instanceId: string): Promise<EvidenceRow[]> {
    const rows: (Omit<EvidenceRow, 'seq'> & { seq: number | string })[] = await this.db.query(
      `SELECT e.id::text AS id, e.seq, e.type, e.at, e.element_id AS "elementId", e.actor,
              e.data->>'taskId' AS "taskId", e.data->>'dueAt' AS "dueAt", e.hash
         FROM audit_event e
        WHERE e.instance_id = $1 AND e.type = ANY($2::text[])
        ORDER BY e.seq`,
      [instanceId, EVIDENCE_TYPES],
    );
    return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  }

  /** The compiled model of the case's definition version (element names, boundary events). */
  async modelOf(definitionId: string): Promise<{ model: ProcessModel; name: string | null } | null> {
    const rows: { model: ProcessModel; name: string | null }[] = await this.db.query(
      `SELECT model, name FROM process_definition WHERE id = $1`,
      [definitionId],
    );
    return rows[0] ?? null;
  }

  /** Display names of usernames (completers the task rows do not name). */
  async displayNames(usernames: string[]): Promise<Map<string, { id: string; displayName: string }>> {
    if (usernames.length === 0) return new Map();
    const rows: { id: string; username: string; displayName: string }[] = await this.db.query(
      `SELECT id, username, display_name AS "displayName" FROM app_user WHERE username = ANY($1::text[])`,
      [usernames],
    );
    return new Map(rows.map((row) => [row.username, { id: row.id, displayName: row.displayName }]));
  }

  /**
   * The late steps of the cases at or below `orgPath` that the user sees (the scope rule in the
   * WHERE clause, with `roles`), due in [from, to): completed after their due date, or still
   * open past it. One query for every school: each row names its school (the nearest unit of
   * kind `school` at or above the case's unit) and whether an escalation timer fired on the task
   * (a boundary timer of the diagram attached to the task's element, fired while it was open).
   */
  async lateSteps(
    userId: string,
    roles: readonly string[],
    orgPath: string,
    from: Date,
    to: Date,
    limit: number,
  ): Promise<LateStepRow[]> {
    const [sql, parameters] = this.db.driver.escapeQueryWithParameters(
      `SELECT t.instance_id AS "instanceId", i.business_key AS "businessKey",
              COALESCE(s.name, u.name) AS "orgUnitName", t.element_id AS "elementId", t.name,
              t.due_at AS "dueAt", t.ended_at AS "endedAt", t.state,
              a.id AS "actorId", a.display_name AS "actorName",
              EXISTS (
                SELECT 1 FROM audit_event e
                 WHERE e.instance_id = t.instance_id AND e.type = 'timer.fired'
                   AND e.at >= t.created_at AND (t.ended_at IS NULL OR e.at <= t.ended_at)
                   AND d.model->'elements'->e.element_id->>'type' = 'boundaryEvent'
                   AND d.model->'elements'->e.element_id->>'attachedToId' = t.element_id
              ) AS escalated
         FROM user_task t
         JOIN process_instance i ON i.id = t.instance_id
         JOIN process_definition d ON d.id = i.definition_id
         JOIN org_unit u ON u.id = i.org_unit_id
         LEFT JOIN LATERAL (
           SELECT so.name FROM org_unit so
            WHERE so.kind = 'school' AND ${atOrBelow('i.org_path', 'so.org_path')}
            ORDER BY length(so.org_path) DESC LIMIT 1
         ) s ON true
         LEFT JOIN app_user a ON a.id = t.ended_by AND t.state = 'completed'
        WHERE ${inScope('i.org_path', roles)}
          AND ${atOrBelow('i.org_path', ':orgPath')}
          AND t.due_at >= :from AND t.due_at < :to
          AND ((t.state = 'completed' AND t.ended_at > t.due_at)
               OR (t.state = 'open' AND t.due_at < now()))
        ORDER BY t.due_at, t.id
        LIMIT :limit`,
      { scopeUserId: userId, orgPath, from, to, limit },
      {},
    );
    return this.db.query(sql, parameters);
  }
}
