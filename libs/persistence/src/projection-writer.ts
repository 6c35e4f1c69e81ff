import type { DataSource, EntityManager } from 'typeorm';
import {
  type InstanceDescriptor,
  type ProjectionIncidentInput,
  type ProjectionStep,
  type ProjectStepResult,
  type RefusedTask,
  workflowIdForInstance,
} from '../../contracts/src';
import { restrictedTaskView } from '../../domain/src';
import { appendAuditEvents } from './audit-append';
import { digestAuditEvents, withTaskDueDates } from './audit-digests';
import { recordElementPassages } from './element-passages';
import { noticeReassignment } from './reassignment-notices';
import { taskFormSql } from './form-definitions';
import { auditHeadKey } from './audit-head';
import { createCaseKey, sealingKey } from './case-keys';
import { caseSensitiveNames, sealAuditData, sealInbound, sealSensitive } from './case-sealing';
import type { CaseKey } from './field-crypto';
import { deleteTakenMessages, messagesTakenByStep, takeBufferedMessages } from './message-buffer';
import {
  closeLeftoverSignalSubscriptions,
  closeSignalSubscription,
  openSignalSubscriptions,
} from './signal-subscriptions';
import { refusedUsersMessage, resolveCandidates, usersOnLine } from './task-candidates';

export interface ProjectionOptions {
  /**
   * CAREPATH_DATA_KEY: unseals buffered messages handed to the case, and yields the key that
   * signs the head of its audit chain.
   */
  dataKey: Buffer;
}

export interface ProjectionOutcome extends ProjectStepResult {
  status: 'written' | 'duplicate';
}

/**
 * Writes one engine step to PostgreSQL in one transaction: the instance row, opened, assigned
 * and closed tasks (with resolved candidates), message subscriptions, incidents, and the step's
 * audit events, hash-chained. Idempotent: the instance row is locked and a step at or below its
 * `last_step` is skipped, so a retried activity writes nothing twice.
 *
 * Returns the buffered messages that the subscriptions opened in this step took. A duplicate
 * returns what the step took when it was first written: if that attempt's answer was lost, the
 * retry still delivers the messages instead of leaving them taken by nobody.
 */
export async function writeProjectionStep(
  dataSource: DataSource,
  step: ProjectionStep,
  options: ProjectionOptions,
): Promise<ProjectionOutcome> {
  return dataSource.transaction(async (db) => {
    const { instance } = step;
    const firstAt = step.events[0]?.at ?? new Date().toISOString();
    await ensureInstanceRow(db, instance, firstAt, options.dataKey);
    const locked: { last_step: number }[] = await db.query(
      `SELECT last_step FROM process_instance WHERE id = $1 FOR UPDATE`,
      [instance.instanceId],
    );
    const changes = withDefaults(step);
    if ((locked[0]?.last_step ?? 0) >= step.step) {
      const taken = await messagesTakenByStep(db, instance.instanceId, step.step, options.dataKey);
      const bufferedMessages = sealMessages(
        taken,
        await caseSensitiveNames(db, instance.instanceId),
        await sealingKey(db, options.dataKey, instance.instanceId),
      );
      // A lost answer must not lose a refusal: the tasks of this step that were never written.
      const refusedTasks = await refusedAgain(db, instance.orgPath, changes.openedTasks);
      return { status: 'duplicate', bufferedMessages, refusedTasks };
    }

    // Sensitive values are sealed with the case's key in this same transaction (ADR 0020):
    // nothing of them reaches a table in the clear.
    const caseKey = await sealingKey(db, options.dataKey, instance.instanceId);
    const sensitive = await caseSensitiveNames(db, instance.instanceId);
    const variables = sealSensitive(step.variables, sensitive, caseKey);
    const refusedTasks: RefusedTask[] = [];
    for (const task of changes.openedTasks) {
      const localVariables = sealSensitive(task.localVariables ?? {}, sensitive, caseKey);
      const refused = await openTask(db, instance.orgPath, instance.instanceId, { ...task, localVariables });
      if (refused) refusedTasks.push(refused);
    }
    for (const assigned of changes.assignedTasks) {
      // Claims and assignments were checked by the api; an assignee off the line is never granted.
      const assigneeId = assigned.assignee
        ? ((await usersOnLine(db, instance.orgPath, [assigned.assignee])).userIds[0] ?? null)
        : null;
      const [before]: { assignee_id: string | null; element_id: string }[] = await db.query(
        `SELECT assignee_id, element_id FROM user_task WHERE id = $1 AND state = 'open'`,
        [assigned.taskId],
      );
      if (!before) continue;
      await db.query(`UPDATE user_task SET assignee_id = $2 WHERE id = $1 AND state = 'open'`, [
        assigned.taskId,
        assigneeId,
      ]);
      await noticeReassignment(db, instance, {
        taskId: assigned.taskId,
        elementId: before.element_id,
        step: step.step,
        fromId: before.assignee_id,
        toId: assigneeId,
        actorId: assigned.actorId ?? null,
      });
    }
    for (const closed of changes.closedTasks) {
      await closeTask(db, closed, variables);
    }
    await openSubscriptions(db, instance, messageSubscriptions(changes.openedSubscriptions));
    await openSignalSubscriptions(db, instance, changes.openedSubscriptions);
    for (const closed of changes.closedSubscriptions) {
      await db.query(
        `UPDATE message_subscription SET state = $2, closed_at = $3 WHERE id = $1 AND state = 'open'`,
        [closed.subscriptionId, closed.state, closed.at],
      );
      await closeSignalSubscription(db, closed);
    }
    await deleteTakenMessages(
      db,
      changes.closedSubscriptions.map((closed) => closed.subscriptionId),
    );
    for (const incident of changes.raisedIncidents) {
      await db.query(
        `INSERT INTO incident (id, instance_id, element_id, org_path, message, state, created_at)
         VALUES ($1, $2, $3, $4, $5, 'open', $6)`,
        [
          incident.incidentId,
          instance.instanceId,
          incident.elementId,
          instance.orgPath,
          incident.message,
          incident.raisedAt,
        ],
      );
    }
    for (const resolved of changes.resolvedIncidents) {
      await db.query(
        `UPDATE incident SET state = 'resolved', resolved_at = $2, resolved_by = $3 WHERE id = $1 AND state = 'open'`,
        [resolved.incidentId, resolved.at, resolved.actorId ?? null],
      );
    }
    const events = await digestAuditEvents(
      db,
      options.dataKey,
      instance,
      withTaskDueDates(step.events, changes.openedTasks),
      {
        sensitive,
        caseKey,
      },
    );
    const firstSeq = await appendAuditEvents(
      db,
      instance.instanceId,
      events.map((event) => ({ ...event, data: sealAuditData(event.data, caseKey) })),
      auditHeadKey(options.dataKey),
    );
    await db.query(
      `UPDATE process_instance
         SET state = $2, variables = $3, active_elements = $4, last_step = $5,
             ended_at = COALESCE($6, ended_at), updated_at = now()
       WHERE id = $1`,
      [
        instance.instanceId,
        step.state,
        JSON.stringify(variables),
        JSON.stringify(step.activeElements),
        step.step,
        step.endedAt ?? null,
      ],
    );
    // Late in the step, so the shared per-class rows of the diagram's heatmap are held briefly.
    if (firstSeq !== null && events.some((event) => event.type === 'element.left')) {
      await recordElementPassages(db, instance.instanceId, firstSeq);
    }
    if (step.state !== 'active') {
      await closeLeftoverSubscriptions(db, instance.instanceId, step.endedAt ?? firstAt);
      return { status: 'written', bufferedMessages: [], refusedTasks };
    }
    const closedNow = new Set(changes.closedSubscriptions.map((closed) => closed.subscriptionId));
    const bufferedMessages = await takeBufferedMessages(
      db,
      instance.orgPath,
      step.step,
      messageSubscriptions(changes.openedSubscriptions).filter(
        (subscription) => !closedNow.has(subscription.subscriptionId),
      ),
      options.dataKey,
    );
    return {
      status: 'written',
      bufferedMessages: sealMessages(bufferedMessages, sensitive, caseKey),
      refusedTasks,
    };
  });
}

/**
 * Buffered messages handed to the case carry their variables into the workflow: sealed with the
 * case key first, as the api seals what it correlates (ADR 0020), so Temporal keeps no sensitive
 * value in the clear.
 */
function sealMessages<T extends { variables: Record<string, unknown> }>(
  messages: T[],
  sensitive: ReadonlySet<string>,
  caseKey: CaseKey | null,
): T[] {
  return messages.map((message) => ({
    ...message,
    variables: sealInbound(message.variables, sensitive, caseKey),
  }));
}

/**
 * Records, as an incident on the case, a step that PostgreSQL refuses for good (see
 * `permanentDatabaseError`), so supervisors see why the case is stuck. The incident is placed at
 * the process itself: the refused step may span many elements. Idempotent by incident id; the
 * audit chain gets its `incident.raised` entry once.
 */
export async function writeProjectionIncident(
  dataSource: DataSource,
  input: ProjectionIncidentInput,
  options: ProjectionOptions,
): Promise<'written' | 'duplicate'> {
  return dataSource.transaction(async (db) => {
    const { instance } = input;
    const at = new Date().toISOString();
    await ensureInstanceRow(db, instance, at, options.dataKey);
    // Serialises with projections of the same case, which append to the same chain.
    await db.query(`SELECT 1 FROM process_instance WHERE id = $1 FOR UPDATE`, [instance.instanceId]);
    const inserted: { id: string }[] = await db.query(
      `INSERT INTO incident (id, instance_id, element_id, org_path, message, state, created_at)
       VALUES ($1, $2, $3, $4, $5, 'open', $6)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [input.incidentId, instance.instanceId, instance.definitionKey, instance.orgPath, input.message, at],
    );
    if (inserted.length === 0) return 'duplicate';
    await appendAuditEvents(
      db,
      instance.instanceId,
      [
        {
          type: 'incident.raised',
          at,
          elementId: instance.definitionKey,
          data: sealAuditData(
            { incidentId: input.incidentId, step: input.step, message: input.message },
            await sealingKey(db, options.dataKey, instance.instanceId),
          ),
        },
      ],
      auditHeadKey(options.dataKey),
    );
    return 'written';
  });
}

/**
 * The api normally inserts the instance row before starting the workflow (and prepareChild
 * before a called case starts); if it died in between, the workflow's first step still creates
 * it, so no started case is ever missing from the database.
 */
async function ensureInstanceRow(
  db: EntityManager,
  instance: InstanceDescriptor,
  startedAt: string,
  dataKey: Buffer,
): Promise<void> {
  const inserted: { id: string }[] = await db.query(
    `INSERT INTO process_instance (id, definition_id, definition_key, definition_version, business_key,
       org_unit_id, org_path, student_id, state, workflow_id, started_by, started_at, parent_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $10, $11, $12)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      instance.instanceId,
      instance.definitionId,
      instance.definitionKey,
      instance.definitionVersion,
      instance.businessKey,
      instance.orgUnitId,
      instance.orgPath,
      instance.studentId,
      workflowIdForInstance(instance.instanceId),
      instance.startedBy?.id ?? null,
      startedAt,
      instance.parent?.instanceId ?? null,
    ],
  );
  // The case key is made with the row, in its transaction (ADR 0020).
  if (inserted.length > 0) await createCaseKey(db, dataKey, instance.instanceId);
}

/**
 * The fields added with the full engine, empty when absent: a step sent by a workflow run that
 * started before they existed still projects.
 */
function withDefaults(step: ProjectionStep) {
  return {
    openedTasks: step.openedTasks ?? [],
    assignedTasks: step.assignedTasks ?? [],
    closedTasks: step.closedTasks ?? [],
    openedSubscriptions: step.openedSubscriptions ?? [],
    closedSubscriptions: step.closedSubscriptions ?? [],
    raisedIncidents: step.raisedIncidents ?? [],
    resolvedIncidents: step.resolvedIncidents ?? [],
  };
}

type OpenedSubscription = ProjectionStep['openedSubscriptions'][number];
type OpenedMessageSubscription = Exclude<OpenedSubscription, { kind: 'signal' }>;

/** The message subscriptions among those a step opened (signal ones go to signal_subscription). */
function messageSubscriptions(subscriptions: OpenedSubscription[]): OpenedMessageSubscription[] {
  return subscriptions.filter(
    (subscription): subscription is OpenedMessageSubscription => subscription.kind !== 'signal',
  );
}

/** Inserts the message subscriptions a step opened, in one statement however many there are. */
async function openSubscriptions(
  db: EntityManager,
  instance: InstanceDescriptor,
  subscriptions: OpenedMessageSubscription[],
): Promise<void> {
  if (subscriptions.length === 0) return;
  await db.query(
    `INSERT INTO message_subscription
       (id, instance_id, element_id, org_path, message_name, correlation_key, state, created_at)
     SELECT s.id, $1::uuid, s.element_id, $2, s.message_name, s.correlation_key, 'open', s.created_at
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
       AS s(id, element_id, message_name, correlation_key, created_at)`,
    [
      instance.instanceId,
      instance.orgPath,
      subscriptions.map((subscription) => subscription.subscriptionId),
      subscriptions.map((subscription) => subscription.elementId),
      subscriptions.map((subscription) => subscription.messageName),
      subscriptions.map((subscription) => subscription.correlationKey),
      subscriptions.map((subscription) => subscription.openedAt),
    ],
  );
}

/** A case that has ended waits for nothing: no message or signal may be routed to it any more. */
async function closeLeftoverSubscriptions(db: EntityManager, instanceId: string, at: string): Promise<void> {
  await closeLeftoverSignalSubscriptions(db, instanceId, at);
  // TypeORM answers an UPDATE with [rows, count].
  const [rows]: [{ id: string }[], number] = await db.query(
    `UPDATE message_subscription SET state = 'cancelled', closed_at = $2
     WHERE instance_id = $1 AND state = 'open' RETURNING id`,
    [instanceId, at],
  );
  await deleteTakenMessages(
    db,
    rows.map((row) => row.id),
  );
}

/**
 * Writes an opened task with its candidates, or refuses it: when its assignee or a candidate
 * user is not an enabled user on the case's line, nothing is written (no grant, not even to the
 * others) and the workflow raises an incident at the element (docs/adr/0003).
 */
async function openTask(
  db: EntityManager,
  orgPath: string,
  instanceId: string,
  task: ProjectionStep['openedTasks'][number],
): Promise<RefusedTask | null> {
  const refusal = await resolveTaskPeople(db, orgPath, task);
  if ('message' in refusal) return { taskId: task.taskId, message: refusal.message };
  await db.query(
    `INSERT INTO user_task (id, instance_id, element_id, name, org_path, assignee_id, candidate_groups,
       candidate_users, due_at, follow_up_at, priority, state, form_id, created_at, local_variables, form_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', $12, $13, $14, $15)`,
    [
      task.taskId,
      instanceId,
      task.elementId,
      task.name ?? null,
      orgPath,
      refusal.assigneeId,
      task.candidateGroups,
      task.candidateUsers,
      task.dueAt ?? null,
      task.followUpAt ?? null,
      task.priority,
      task.formId ?? null,
      task.openedAt,
      JSON.stringify(task.localVariables ?? {}),
      task.formKey ?? null,
    ],
  );
  if (refusal.candidateIds.length > 0) {
    await db.query(
      `INSERT INTO task_candidate (task_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [task.taskId, refusal.candidateIds],
    );
  }
  return null;
}

/** The task's assignee and candidates on the case's line, or why it may not open. */
async function resolveTaskPeople(
  db: EntityManager,
  orgPath: string,
  task: ProjectionStep['openedTasks'][number],
): Promise<{ assigneeId: string | null; candidateIds: string[] } | { message: string }> {
  const assignee = task.assignee
    ? await usersOnLine(db, orgPath, [task.assignee])
    : { userIds: [], refused: [] };
  if (assignee.refused.length > 0)
    return { message: refusedUsersMessage('assignee', assignee.refused, orgPath) };
  const candidates = await resolveCandidates(db, orgPath, task.candidateGroups, task.candidateUsers);
  if (candidates.refused.length > 0)
    return { message: refusedUsersMessage('candidate users', candidates.refused, orgPath) };
  return { assigneeId: assignee.userIds[0] ?? null, candidateIds: candidates.userIds };
}

/** The opened tasks of an already written step that have no row: they were refused. */
async function refusedAgain(
  db: EntityManager,
  orgPath: string,
  tasks: ProjectionStep['openedTasks'],
): Promise<RefusedTask[]> {
  if (tasks.length === 0) return [];
  const rows: { id: string }[] = await db.query(`SELECT id FROM user_task WHERE id = ANY($1::uuid[])`, [
    tasks.map((task) => task.taskId),
  ]);
  const written = new Set(rows.map((row) => row.id));
  const refused: RefusedTask[] = [];
  for (const task of tasks) {
    if (written.has(task.taskId)) continue;
    const people = await resolveTaskPeople(db, orgPath, task);
    refused.push({
      taskId: task.taskId,
      message: 'message' in people ? people.message : 'Expected the task to be written; retry the incident',
    });
  }
  return refused;
}

/**
 * Closes a task and freezes what it showed to those who may not see the case: its form's
 * variables as the step left them and its local ones. Later steps never change that view.
 */
async function closeTask(
  db: EntityManager,
  closed: ProjectionStep['closedTasks'][number],
  processVariables: Record<string, unknown>,
): Promise<void> {
  const rows: { local_variables: Record<string, unknown>; form: unknown }[] = await db.query(
    `SELECT t.local_variables, ${taskFormSql('t', 'd')} AS form
     FROM user_task t
     JOIN process_instance i ON i.id = t.instance_id
     JOIN process_definition d ON d.id = i.definition_id
     WHERE t.id = $1 AND t.state = 'open'`,
    [closed.taskId],
  );
  const row = rows[0];
  if (!row) return;
  const frozen = restrictedTaskView(processVariables, row.local_variables, row.form ?? null);
  // A task completed unclaimed was claimed by its completer in that step (the history's
  // task.completed says claimedOnCompletion): the row names them as its assignee.
  await db.query(
    `UPDATE user_task SET state = $2, ended_at = $3, ended_by = $4, frozen_view = $5,
       assignee_id = CASE WHEN $2 = 'completed' THEN COALESCE(assignee_id, $4::uuid) ELSE assignee_id END
     WHERE id = $1 AND state = 'open'`,
    [closed.taskId, closed.state, closed.at, closed.actorId ?? null, JSON.stringify(frozen)],
  );
}
