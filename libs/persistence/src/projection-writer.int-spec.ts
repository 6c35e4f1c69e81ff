import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { InstanceDescriptor } from '../../contracts/src';
import { findBrokenLink } from './audit-chain';
import { createDataSource } from './data-source';
import { permanentDatabaseError } from './database-errors';
import { bufferMessage, lockMessageKey } from './message-buffer';
import { caseFamilyKeys } from './case-keys';
import { openAuditData, openSealed } from './case-sealing';
import { writeProjectionIncident, writeProjectionStep } from './projection-writer';
import {
  createDefinition,
  createOrgUnit,
  createUser,
  instanceDescriptor,
  projectionStep,
  rootUnit,
  uniqueTag,
} from './testing/factories';

describe('writeProjectionStep (real PostgreSQL)', () => {
  let db: DataSource;
  let school: { id: string; orgPath: string };
  let otherSchool: { id: string; orgPath: string };
  let definition: { id: string; key: string; version: number };
  let psych: { id: string; username: string };
  let teacher: { id: string; username: string };
  const dataKey = randomBytes(32);
  const write = (step: Parameters<typeof writeProjectionStep>[1]) =>
    writeProjectionStep(db, step, { dataKey });
  const newCase = (overrides: Partial<InstanceDescriptor> = {}) =>
    instanceDescriptor(definition, school, overrides);
  const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 1, second)).toISOString();

  beforeAll(async () => {
    db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
    await db.initialize();
    const root = await rootUnit(db);
    school = await createOrgUnit(db, root, 'school');
    otherSchool = await createOrgUnit(db, root, 'school');
    psych = await createUser(db, 'psych', [{ role: 'psychTeacher', orgUnitId: school.id }]);
    teacher = await createUser(db, 'teacher', [{ role: 'classTeacher', orgUnitId: school.id }]);
    definition = await createDefinition(db, `k-${uniqueTag()}`);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const buffer = (
    messageName: string,
    correlationKey: string,
    variables: Record<string, unknown>,
    options: { orgPath?: string; expiresAt?: Date } = {},
  ) =>
    db.transaction(async (tx) => {
      await lockMessageKey(tx, messageName, correlationKey);
      return bufferMessage(
        tx,
        {
          messageName,
          correlationKey,
          variables,
          orgPath: options.orgPath ?? school.orgPath,
          expiresAt: options.expiresAt ?? new Date(Date.now() + 60_000),
          createdBy: psych.id,
        },
        dataKey,
      );
    });

  const subscription = (messageName: string, correlationKey: string) => ({
    subscriptionId: randomUUID(),
    elementId: 'wait-feedback',
    messageName,
    correlationKey,
    openedAt: at(1),
  });

  it('creates the instance row from the first step and skips a step written before (a retried activity)', async () => {
    // given a case the api never inserted (it died before), when its steps arrive, one twice
    const instance = newCase();
    const id = instance.instanceId;
    expect((await write(projectionStep(instance, 1))).status).toBe('written');
    expect(await write(projectionStep(instance, 1))).toEqual({
      status: 'duplicate',
      bufferedMessages: [],
      refusedTasks: [],
    });
    expect((await write(projectionStep(instance, 2))).status).toBe('written');
    expect((await write(projectionStep(instance, 1))).status).toBe('duplicate');

    // then each event is stored once, in order, hash-chained
    const [row] = await db.query(`SELECT state, last_step, variables FROM process_instance WHERE id = $1`, [
      id,
    ]);
    expect(row).toEqual({ state: 'active', last_step: 2, variables: { step: 2 } });
    const events = await db.query(`SELECT * FROM audit_event WHERE instance_id = $1 ORDER BY seq`, [id]);
    expect(events.map((e: { element_id: string }) => e.element_id)).toEqual(['e1', 'e2']);
    const chain = events.map((e: any) => ({
      instanceId: e.instance_id,
      seq: e.seq,
      at: e.at.toISOString(),
      type: e.type,
      elementId: e.element_id,
      actor: e.actor,
      data: e.data,
      prevHash: e.prev_hash,
      hash: e.hash,
    }));
    expect(findBrokenLink(chain)).toBeNull();
  });

  it('links a called case to the case that called it', async () => {
    const parent = newCase();
    await write(projectionStep(parent, 1));
    const child = newCase({ parent: { instanceId: parent.instanceId, childId: randomUUID() } });
    await write(projectionStep(child, 1));
    const [row] = await db.query(`SELECT parent_id FROM process_instance WHERE id = $1`, [child.instanceId]);
    expect(row.parent_id).toBe(parent.instanceId);
  });

  it('resolves candidate groups at the nearest unit upwards where someone holds the role', async () => {
    const taskId = randomUUID();
    await write(
      projectionStep(newCase({ orgPath: `${school.orgPath}/g1/k1` }), 1, {
        openedTasks: [
          {
            taskId,
            elementId: 't',
            candidateGroups: ['psychTeacher'],
            candidateUsers: [],
            priority: 50,
            openedAt: at(0),
          },
        ],
      }),
    );
    const candidates = await db.query(`SELECT user_id FROM task_candidate WHERE task_id = $1`, [taskId]);
    expect(candidates).toEqual([{ user_id: psych.id }]);
  });

  it('refuses to write a task offered or assigned to someone off the case’s line, and says so again on a retry', async () => {
    const outsider = await createUser(db, 'outsider', [{ role: 'psychTeacher', orgUnitId: otherSchool.id }]);
    for (const people of [
      { assignee: outsider.username, candidateUsers: [] },
      { candidateUsers: [teacher.username, outsider.username] },
    ]) {
      // given a step opening a task for school A's case naming school B's teacher
      const instance = newCase();
      const taskId = randomUUID();
      const step = projectionStep(instance, 1, {
        openedTasks: [
          {
            taskId,
            elementId: 't',
            candidateGroups: ['psychTeacher'],
            priority: 50,
            openedAt: at(0),
            ...people,
          },
        ],
      });
      // when it is written, and written again (a retried activity whose answer was lost)
      const first = await write(step);
      const again = await write(step);
      // then no task row and no candidate exist, and both answers name the outsider
      for (const outcome of [first, again]) {
        expect(outcome.refusedTasks).toEqual([
          { taskId, message: expect.stringContaining(`'${outsider.username.toLowerCase()}'`) },
        ]);
      }
      expect(await db.query(`SELECT id FROM user_task WHERE id = $1`, [taskId])).toEqual([]);
      expect(await db.query(`SELECT user_id FROM task_candidate WHERE task_id = $1`, [taskId])).toEqual([]);
    }
  });

  it('freezes what a closing task shows to those who do not see the case', async () => {
    // given a task with a form asking for `mood` and an input-mapped variable
    const formDefinition = await createDefinition(db, `f-${uniqueTag()}`);
    await db.query(`UPDATE process_definition SET forms = $2 WHERE id = $1`, [
      formDefinition.id,
      JSON.stringify({ check: { components: [{ key: 'mood', type: 'textfield' }] } }),
    ]);
    const instance = instanceDescriptor(formDefinition, school);
    const taskId = randomUUID();
    await write(
      projectionStep(instance, 1, {
        variables: { concern: 'secret' },
        openedTasks: [
          {
            taskId,
            elementId: 't',
            candidateGroups: [],
            candidateUsers: [],
            priority: 50,
            openedAt: at(0),
            formId: 'check',
            localVariables: { whom: 'x' },
          },
        ],
      }),
    );
    // when it completes with the case's variables as they then are
    await write(
      projectionStep(instance, 2, {
        variables: { concern: 'secret', mood: 'sad' },
        closedTasks: [{ taskId, state: 'completed', at: at(2) }],
      }),
    );
    // then its frozen view holds the form's and local variables only
    const [row] = await db.query(`SELECT frozen_view FROM user_task WHERE id = $1`, [taskId]);
    expect(row.frozen_view).toEqual({ mood: 'sad', whom: 'x' });
  });

  it('assigns a task by username, reassigns it and unassigns it with null', async () => {
    // given an open task
    const instance = newCase();
    const taskId = randomUUID();
    const assignee = async () =>
      (await db.query(`SELECT assignee_id FROM user_task WHERE id = $1`, [taskId]))[0].assignee_id;
    await write(
      projectionStep(instance, 1, {
        openedTasks: [
          { taskId, elementId: 't', candidateGroups: [], candidateUsers: [], priority: 50, openedAt: at(0) },
        ],
      }),
    );

    // when it is claimed (username in any case), then reassigned, then unassigned
    await write(
      projectionStep(instance, 2, {
        assignedTasks: [{ taskId, assignee: psych.username.toUpperCase(), at: at(2), actorId: psych.id }],
      }),
    );
    expect(await assignee()).toBe(psych.id);
    await write(
      projectionStep(instance, 3, {
        assignedTasks: [{ taskId, assignee: teacher.username, at: at(3), actorId: psych.id }],
      }),
    );
    expect(await assignee()).toBe(teacher.id);
    await write(projectionStep(instance, 4, { assignedTasks: [{ taskId, assignee: null, at: at(4) }] }));

    // then the last word counts, and a replayed earlier step changes nothing
    expect(await assignee()).toBeNull();
    await write(
      projectionStep(instance, 2, {
        assignedTasks: [{ taskId, assignee: psych.username, at: at(2), actorId: psych.id }],
      }),
    );
    expect(await assignee()).toBeNull();
  });

  it('tells the new and the previous holder of a reassigned task, never the one who acted, once per assignment', async () => {
    // given a task psych holds
    const instance = newCase();
    const taskId = randomUUID();
    const lead = await createUser(db, 'lead', [{ role: 'psychLead', orgUnitId: school.id }]);
    const noticesOf = async (userId: string) =>
      db.query(`SELECT kind, title FROM notification WHERE recipient_id = $1 AND task_id = $2`, [
        userId,
        taskId,
      ]);
    await write(
      projectionStep(instance, 1, {
        openedTasks: [
          { taskId, elementId: 't', candidateGroups: [], candidateUsers: [], priority: 50, openedAt: at(0) },
        ],
        assignedTasks: [{ taskId, assignee: psych.username, at: at(1), actorId: psych.id }],
      }),
    );
    // a claim tells nobody
    expect(await noticesOf(psych.id)).toEqual([]);

    // when the lead gives it to the teacher, and the step is written again (a retried activity)
    const reassign = projectionStep(instance, 2, {
      assignedTasks: [{ taskId, assignee: teacher.username, at: at(2), actorId: lead.id }],
    });
    await write(reassign);
    await write(reassign);

    // then both holders are told, once, content-free; the lead is not
    const units: { name: string }[] = await db.query(`SELECT name FROM org_unit WHERE id = $1`, [school.id]);
    expect(await noticesOf(teacher.id)).toEqual([
      { kind: 'task.assignedToYou', title: `任务已转交给你：一项个案任务（${units[0]!.name}）` },
    ]);
    expect(await noticesOf(psych.id)).toEqual([
      { kind: 'task.assignedAway', title: `你的任务已转交他人：一项个案任务（${units[0]!.name}）` },
    ]);
    expect(await noticesOf(lead.id)).toEqual([]);

    // and the teacher giving it back tells only the one who had it before her: nobody
    await write(
      projectionStep(instance, 3, {
        assignedTasks: [{ taskId, assignee: null, at: at(3), actorId: teacher.id }],
      }),
    );
    expect(await noticesOf(teacher.id)).toHaveLength(1);
  });

  it('records the starter, the submitted keys with a hash of the values, and a retry’s value hashes, sealed where they cover a sensitive value', async () => {
    const instance = newCase({ startedBy: { id: psych.id, username: psych.username } });
    const taskId = randomUUID();
    const incidentId = randomUUID();
    const event = (type: string, data: Record<string, unknown>, actor?: string) => ({
      type: type as 'task.completed',
      at: at(1),
      elementId: 't',
      ...(actor ? { actor } : {}),
      data,
    });
    await write(
      projectionStep(instance, 1, {
        events: [{ type: 'instance.started', at: at(0) }],
        openedTasks: [
          { taskId, elementId: 't', candidateGroups: [], candidateUsers: [], priority: 50, openedAt: at(0) },
        ],
      }),
    );
    await write(
      projectionStep(instance, 2, {
        events: [
          event(
            'task.completed',
            { taskId, submitted: { notes: 'sad', score: 3 }, claimedOnCompletion: true },
            psych.username,
          ),
          event(
            'incident.resolved',
            {
              incidentId,
              variables: ['score', 'notes'],
              changes: [
                { name: 'score', after: 4 },
                { name: 'notes', before: 'sad', after: 'calm' },
              ],
            },
            psych.username,
          ),
        ],
        closedTasks: [{ taskId, state: 'completed', at: at(1), actorId: psych.id }],
      }),
    );
    const rows: { type: string; actor: string | null; data: Record<string, unknown> }[] = await db.query(
      `SELECT type, actor, data FROM audit_event WHERE instance_id = $1 ORDER BY seq`,
      [instance.instanceId],
    );
    // the values never reach the table; the hashes are stored sealed
    expect(JSON.stringify(rows)).not.toMatch(/"(sad|calm)"/);
    const keys = await caseFamilyKeys(db.manager, dataKey, instance.instanceId);
    const opened = rows.map((row) => ({ ...row, data: openAuditData(row.data, keys) }));
    const sha = (json: string) => createHash('sha256').update(json).digest('hex');
    expect(opened).toEqual([
      { type: 'instance.started', actor: psych.username, data: { startedBy: 'user' } },
      {
        type: 'task.completed',
        actor: psych.username,
        data: {
          taskId,
          claimedOnCompletion: true,
          fields: ['notes', 'score'],
          valuesSha256: sha('{"notes":"sad","score":3}'),
        },
      },
      {
        type: 'incident.resolved',
        actor: psych.username,
        data: {
          incidentId,
          variables: ['score', 'notes'],
          valueHashes: {
            score: { oldSha256: null, newSha256: sha('4') },
            notes: { oldSha256: sha('"sad"'), newSha256: sha('"calm"') },
          },
        },
      },
    ]);
    // hashes that cover a sensitive value (`notes`) are stored sealed, the others in the clear
    expect(String(rows[1]!.data.valuesSha256)).toMatch(/^v2:/);
    const stored = rows[2]!.data.valueHashes as Record<string, unknown>;
    expect(String(stored.notes)).toMatch(/^v2:/);
    expect(stored.score).toEqual({ oldSha256: null, newSha256: sha('4') });
    // completing it unclaimed made the completer its assignee
    const [task] = await db.query(`SELECT assignee_id FROM user_task WHERE id = $1`, [taskId]);
    expect(task.assignee_id).toBe(psych.id);
  });

  it('says what started a case nobody started: a timer, a signal or another case', async () => {
    const started = async (overrides: Partial<InstanceDescriptor>) => {
      const instance = newCase(overrides);
      await write(projectionStep(instance, 1, { events: [{ type: 'instance.started', at: at(0) }] }));
      const [row] = await db.query(`SELECT actor, data FROM audit_event WHERE instance_id = $1`, [
        instance.instanceId,
      ]);
      return row;
    };
    const caller = randomUUID();
    expect(await started({ startedVia: { kind: 'timer' } })).toEqual({
      actor: null,
      data: { startedBy: 'timer' },
    });
    expect(await started({ startedVia: { kind: 'signal', caseId: caller } })).toEqual({
      actor: null,
      data: { startedBy: 'signal', startingCaseId: caller },
    });
    expect(await started({ startedVia: { kind: 'case', caseId: caller } })).toEqual({
      actor: null,
      data: { startedBy: 'case', startingCaseId: caller },
    });
  });

  it('opens and closes message subscriptions, raises incidents and resolves them with the actor', async () => {
    // given a step that opens a subscription and raises an incident
    const instance = newCase();
    const sub = subscription('hospital-feedback', `k-${uniqueTag()}`);
    const incidentId = randomUUID();
    await write(
      projectionStep(instance, 1, {
        openedSubscriptions: [sub],
        raisedIncidents: [{ incidentId, elementId: 'gw', message: 'no flow matched', raisedAt: at(1) }],
      }),
    );
    expect(
      await db.query(
        `SELECT instance_id, element_id, org_path, message_name, correlation_key, state, closed_at
         FROM message_subscription WHERE id = $1`,
        [sub.subscriptionId],
      ),
    ).toEqual([
      {
        instance_id: instance.instanceId,
        element_id: 'wait-feedback',
        org_path: school.orgPath,
        message_name: 'hospital-feedback',
        correlation_key: sub.correlationKey,
        state: 'open',
        closed_at: null,
      },
    ]);
    expect(
      await db.query(`SELECT element_id, org_path, message, state FROM incident WHERE id = $1`, [incidentId]),
    ).toEqual([{ element_id: 'gw', org_path: school.orgPath, message: 'no flow matched', state: 'open' }]);

    // when the message is correlated and a supervisor's retry resolves the incident
    await write(
      projectionStep(instance, 2, {
        closedSubscriptions: [{ subscriptionId: sub.subscriptionId, state: 'correlated', at: at(2) }],
        resolvedIncidents: [{ incidentId, at: at(2), actorId: psych.id }],
      }),
    );

    // then both are closed, with when and by whom
    const [closed] = await db.query(`SELECT state, closed_at FROM message_subscription WHERE id = $1`, [
      sub.subscriptionId,
    ]);
    expect(closed).toEqual({ state: 'correlated', closed_at: new Date(at(2)) });
    const [resolved] = await db.query(`SELECT state, resolved_at, resolved_by FROM incident WHERE id = $1`, [
      incidentId,
    ]);
    expect(resolved).toEqual({ state: 'resolved', resolved_at: new Date(at(2)), resolved_by: psych.id });
  });

  it('hands a new subscription the oldest unexpired buffered message its sender may reach, once', async () => {
    // given messages buffered before anyone waited: one expired, one from another school, two valid
    const key = `student-${uniqueTag()}`;
    const stale = await buffer('discharged', key, { stale: true });
    await buffer('discharged', key, { foreign: true }, { orgPath: otherSchool.orgPath });
    const first = await buffer('discharged', key, { order: 1 });
    const second = await buffer('discharged', key, { order: 2 });
    await buffer('other-message', key, { other: true });
    await db.query(`UPDATE message_buffer SET expires_at = created_at + interval '1 ms' WHERE id = $1`, [
      stale,
    ]);

    // when one case opens a subscription for that name and key
    const instance = newCase({ orgPath: `${school.orgPath}/g1` });
    const sub = subscription('discharged', key);
    const result = await write(projectionStep(instance, 1, { openedSubscriptions: [sub] }));

    // then it gets the oldest valid one, decrypted; its retry gets the same, not the next
    const expected = {
      messageId: first,
      messageName: 'discharged',
      correlationKey: key,
      variables: { order: 1 },
    };
    expect(result).toEqual({ status: 'written', bufferedMessages: [expected], refusedTasks: [] });
    expect(await write(projectionStep(instance, 1, { openedSubscriptions: [sub] }))).toEqual({
      status: 'duplicate',
      bufferedMessages: [expected],
      refusedTasks: [],
    });

    // and another case's subscription takes the next one
    const other = await write(
      projectionStep(newCase(), 1, { openedSubscriptions: [subscription('discharged', key)] }),
    );
    expect(other.bufferedMessages.map((m) => m.messageId)).toEqual([second]);

    // and once the first subscription closes its message is gone from the buffer
    await write(
      projectionStep(instance, 2, {
        closedSubscriptions: [{ subscriptionId: sub.subscriptionId, state: 'correlated', at: at(3) }],
      }),
    );
    expect(await db.query(`SELECT 1 FROM message_buffer WHERE id = $1`, [first])).toEqual([]);
  });

  it('stores buffered variables sealed, never as readable JSON', async () => {
    const key = `student-${uniqueTag()}`;
    const id = await buffer('discharged', key, { diagnosis: 'very private' });
    const [row] = await db.query(`SELECT variables FROM message_buffer WHERE id = $1`, [id]);
    expect(row.variables).toMatch(/^v1:/);
    expect(row.variables).not.toContain('private');
  });

  it('cancels the subscriptions of a case that ends and takes no message for them', async () => {
    const key = `student-${uniqueTag()}`;
    const instance = newCase();
    const waiting = subscription('discharged', key);
    await write(projectionStep(instance, 1, { openedSubscriptions: [waiting] }));
    await buffer('discharged', key, { late: true });
    const ended = await write(
      projectionStep(instance, 2, {
        state: 'cancelled',
        endedAt: at(5),
        openedSubscriptions: [subscription('discharged', key)],
      }),
    );
    expect(ended.bufferedMessages).toEqual([]);
    const rows = await db.query(`SELECT state FROM message_subscription WHERE instance_id = $1`, [
      instance.instanceId,
    ]);
    expect(rows).toEqual([{ state: 'cancelled' }, { state: 'cancelled' }]);
    expect(await db.query(`SELECT 1 FROM message_buffer WHERE correlation_key = $1`, [key])).toHaveLength(1);
  });

  it('rejects a step that violates a constraint as permanent and writes none of it', async () => {
    // given a case at step 1
    const instance = newCase();
    await write(projectionStep(instance, 1));

    // when step 2 carries a value PostgreSQL refuses (priority is 0-100)
    const failure = await write(
      projectionStep(instance, 2, {
        openedTasks: [
          {
            taskId: randomUUID(),
            elementId: 't',
            candidateGroups: [],
            candidateUsers: [],
            priority: 500,
            openedAt: at(0),
          },
        ],
      }),
    ).then(
      () => null,
      (error: unknown) => error,
    );

    // then the error is classified permanent, and the transaction left nothing behind
    expect(permanentDatabaseError(failure)).toMatchObject({
      code: '23514',
      constraint: 'user_task_priority_check',
    });
    const [row] = await db.query(`SELECT last_step FROM process_instance WHERE id = $1`, [
      instance.instanceId,
    ]);
    expect(row.last_step).toBe(1);
    expect(
      await db.query(`SELECT 1 FROM audit_event WHERE instance_id = $1 AND seq > 1`, [instance.instanceId]),
    ).toEqual([]);
  });

  it('records a refused projection as an open incident at the process, once, in the audit chain', async () => {
    // given a case whose step 2 PostgreSQL refused
    const instance = newCase();
    await write(projectionStep(instance, 1));
    const input = { instance, incidentId: randomUUID(), step: 2, message: 'Step 2 cannot be written: …' };

    // when the workflow records it, and the activity is retried
    expect(await writeProjectionIncident(db, input, { dataKey })).toBe('written');
    expect(await writeProjectionIncident(db, input, { dataKey })).toBe('duplicate');

    // then one open incident at the process element, one audit entry chained after step 1's
    expect(
      await db.query(`SELECT element_id, state, message FROM incident WHERE instance_id = $1`, [
        instance.instanceId,
      ]),
    ).toEqual([{ element_id: definition.key, state: 'open', message: input.message }]);
    const events = await db.query(
      `SELECT seq, type, data FROM audit_event WHERE instance_id = $1 ORDER BY seq`,
      [instance.instanceId],
    );
    // (its message is free text: sealed with the case key, ADR 0020)
    expect(events).toEqual([
      { seq: 1, type: 'element.entered', data: {} },
      {
        seq: 2,
        type: 'incident.raised',
        data: { incidentId: input.incidentId, step: 2, message: expect.stringMatching(/^v2:[0-9a-f]{16}:/) },
      },
    ]);
    const keys = await caseFamilyKeys(db.manager, dataKey, instance.instanceId);
    expect(openSealed(events[1].data, keys).message).toBe(input.message);
  });

  it('refuses to change or delete audit records', async () => {
    const instance = newCase();
    await write(projectionStep(instance, 1));
    await expect(
      db.query(`UPDATE audit_event SET actor = 'mallory' WHERE instance_id = $1`, [instance.instanceId]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      db.query(`DELETE FROM audit_event WHERE instance_id = $1`, [instance.instanceId]),
    ).rejects.toThrow(/permission denied/);
  });
});
