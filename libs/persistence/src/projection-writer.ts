import type { DataSource, EntityManager } from 'typeorm';
import type { ProjectionStep } from '../../contracts/src/process-workflow';
import { hashEntry } from './audit-chain';
import { resolveCandidates, userIdByUsername } from './task-candidates';

/**
 * Writes one engine step to PostgreSQL in one transaction: the instance row, opened and closed
 * tasks (with resolved candidates), and the step's audit events, hash-chained. Idempotent: the
 * instance row is locked and a step at or below its `last_step` is skipped, so a retried
 * activity writes nothing twice.
 */
export async function writeProjectionStep(
  dataSource: DataSource,
  step: ProjectionStep,
): Promise<'written' | 'duplicate'> {
  return dataSource.transaction(async (db) => {
    const { instance } = step;
    const firstAt = step.events[0]?.at ?? new Date().toISOString();
    // The api normally inserts the row before starting the workflow; if it died in between, the
    // workflow's first step still creates it, so no started case is ever missing from the database.
    await db.query(
      `INSERT INTO process_instance (id, definition_id, definition_key, definition_version, business_key,
         org_unit_id, org_path, student_id, state, workflow_id, started_by, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $10, $11)
       ON CONFLICT (id) DO NOTHING`,
      [
        instance.instanceId,
        instance.definitionId,
        instance.definitionKey,
        instance.definitionVersion,
        instance.businessKey,
        instance.orgUnitId,
        instance.orgPath,
        instance.studentId,
        `case-${instance.instanceId}`,
        instance.startedBy?.id ?? null,
        firstAt,
      ],
    );
    const locked: { last_step: number }[] = await db.query(
      `SELECT last_step FROM process_instance WHERE id = $1 FOR UPDATE`,
      [instance.instanceId],
    );
    if ((locked[0]?.last_step ?? 0) >= step.step) return 'duplicate';

    for (const task of step.openedTasks) await openTask(db, instance.orgPath, instance.instanceId, task);
    for (const closed of step.closedTasks) {
      await db.query(
        `UPDATE user_task SET state = $2, ended_at = $3, ended_by = $4 WHERE id = $1 AND state = 'open'`,
        [closed.taskId, closed.state, closed.at, closed.actorId ?? null],
      );
    }
    await appendAuditEvents(db, step);
    await db.query(
      `UPDATE process_instance
         SET state = $2, variables = $3, active_elements = $4, last_step = $5,
             ended_at = COALESCE($6, ended_at), updated_at = now()
       WHERE id = $1`,
      [
        instance.instanceId,
        step.state,
        JSON.stringify(step.variables),
        JSON.stringify(step.activeElements),
        step.step,
        step.endedAt ?? null,
      ],
    );
    return 'written';
  });
}

async function openTask(
  db: EntityManager,
  orgPath: string,
  instanceId: string,
  task: ProjectionStep['openedTasks'][number],
): Promise<void> {
  const assigneeId = task.assignee ? await userIdByUsername(db, task.assignee) : null;
  await db.query(
    `INSERT INTO user_task (id, instance_id, element_id, name, org_path, assignee_id, candidate_groups,
       candidate_users, due_at, follow_up_at, priority, state, form_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $13)`,
    [
      task.taskId,
      instanceId,
      task.elementId,
      task.name ?? null,
      orgPath,
      assigneeId,
      task.candidateGroups,
      task.candidateUsers,
      task.dueAt ?? null,
      task.followUpAt ?? null,
      task.priority,
      task.formId ?? null,
      task.openedAt,
    ],
  );
  const candidates = await resolveCandidates(db, orgPath, task.candidateGroups, task.candidateUsers);
  for (const userId of candidates) {
    await db.query(`INSERT INTO task_candidate (task_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      task.taskId,
      userId,
    ]);
  }
}

async function appendAuditEvents(db: EntityManager, step: ProjectionStep): Promise<void> {
  const last: { seq: number; hash: string }[] = await db.query(
    `SELECT seq, hash FROM audit_event WHERE instance_id = $1 ORDER BY seq DESC LIMIT 1`,
    [step.instance.instanceId],
  );
  let seq = last[0]?.seq ?? 0;
  let prevHash = last[0]?.hash ?? null;
  for (const event of step.events) {
    seq += 1;
    const entry = {
      instanceId: step.instance.instanceId,
      seq,
      at: event.at,
      type: event.type,
      elementId: event.elementId ?? null,
      actor: event.actor ?? null,
      data: event.data ?? {},
      prevHash,
    };
    const hash = hashEntry(entry);
    await db.query(
      `INSERT INTO audit_event (instance_id, seq, at, type, element_id, actor, data, hash, prev_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.instanceId,
        seq,
        entry.at,
        entry.type,
        entry.elementId,
        entry.actor,
        JSON.stringify(entry.data),
        hash,
        prevHash,
      ],
    );
    prevHash = hash;
  }
}
