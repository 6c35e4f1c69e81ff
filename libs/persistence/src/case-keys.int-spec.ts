import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { verifyAuditChain } from './audit-verification';
import { purgeCaseFile, PurgeRefused, sealCaseFile } from './case-file';
import { caseFamilyKeys, readCaseKey } from './case-keys';
import { caseSensitiveNames, openSealed } from './case-sealing';
import { createDataSource } from './data-source';
import { openForCase } from './field-crypto';
import { writeProjectionStep } from './projection-writer';
import {
  createDefinition,
  createOrgUnit,
  instanceDescriptor,
  projectionStep,
  rootUnit,
  uniqueTag,
} from './testing/factories';

const SEALED = /^v2:[0-9a-f]{16}:/;

/** A model with one user task whose form is deployed by id, and one embedded by key. */
const modelWithForms = (formId: string) => ({
  id: 'p',
  elements: {
    assess: { id: 'assess', type: 'userTask', formId },
    embedded: { id: 'embedded', type: 'userTask', formKey: 'camunda-forms:bpmn:home' },
  },
});

describe('case keys, sealed values, seal and purge (real PostgreSQL)', () => {
  let db: DataSource;
  let school: { id: string; orgPath: string };
  let definition: { id: string; key: string; version: number };
  const dataKey = randomBytes(32);
  const formId = `risk-${uniqueTag()}`;
  const write = (step: Parameters<typeof writeProjectionStep>[1]) =>
    writeProjectionStep(db, step, { dataKey });
  const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 2, second)).toISOString();

  beforeAll(async () => {
    db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
    await db.initialize();
    const root = await rootUnit(db);
    school = await createOrgUnit(db, root, 'school');
    definition = await createDefinition(db, `keys-${uniqueTag()}`, modelWithForms(formId));
    await db.query(`UPDATE process_definition SET forms = $2 WHERE id = $1`, [
      definition.id,
      JSON.stringify({
        'camunda-forms:bpmn:home': {
          components: [{ type: 'textarea', key: 'familySituation', properties: { sensitive: 'true' } }],
        },
      }),
    ]);
    await db.query(
      `INSERT INTO form_definition (form_id, version, schema, sha256, owner_unit_id) VALUES ($1, 1, $2, 'h', $3)`,
      [
        formId,
        JSON.stringify({
          components: [
            { type: 'select', key: 'riskLevel' },
            { type: 'textfield', key: 'selfHarmDetail', properties: { sensitive: 'true' } },
          ],
        }),
        school.id,
      ],
    );
  });
  afterAll(async () => {
    await db.destroy();
  });

  /** A case projected with sensitive values in its variables, a task and a cancellation-like entry. */
  async function caseWithContent(overrides: Parameters<typeof instanceDescriptor>[2] = {}) {
    const instance = instanceDescriptor(definition, school, overrides);
    const taskId = randomUUID();
    await write(
      projectionStep(instance, 1, {
        variables: {
          concern: '说想消失',
          selfHarmDetail: '手臂划痕',
          familySituation: '父母离异',
          riskLevel: 'high',
        },
        openedTasks: [
          {
            taskId,
            elementId: 'assess',
            name: '评估',
            candidateGroups: [],
            candidateUsers: [],
            priority: 50,
            formId,
            openedAt: at(1),
            localVariables: { notes: '局部笔记', round: 1 },
          },
        ],
        events: [
          {
            type: 'incident.raised',
            at: at(1),
            elementId: 'assess',
            data: { incidentId: 'x', message: '出错：自伤' },
          },
        ],
      }),
    );
    return { instance, taskId };
  }

  it('makes a key with the case row, and knows which variables its forms mark sensitive', async () => {
    const { instance } = await caseWithContent();
    const key = await readCaseKey(db.manager, dataKey, instance.instanceId);
    expect(key.state).toBe('live');
    const [row] = await db.query(
      `SELECT key_id, length(wrapped) AS bytes FROM case_key WHERE instance_id = $1`,
      [instance.instanceId],
    );
    // only wrapped: 12 (IV) + 32 + 16 (tag), and not the key itself
    expect(row.bytes).toBe(60);
    expect(key.state === 'live' && key.caseKey.id).toBe(row.key_id);
    const names = await caseSensitiveNames(db.manager, instance.instanceId);
    expect([...names].sort()).toEqual(
      expect.arrayContaining(['concern', 'familySituation', 'notes', 'selfHarmDetail']),
    );
    expect(names.has('riskLevel')).toBe(false);
  });

  it('stores sensitive variables, task variables and audit free text sealed; the family keys open them', async () => {
    const { instance, taskId } = await caseWithContent();
    const [stored] = await db.query(
      `SELECT variables::text AS text, variables FROM process_instance WHERE id = $1`,
      [instance.instanceId],
    );
    for (const plaintext of ['说想消失', '手臂划痕', '父母离异'])
      expect(stored.text).not.toContain(plaintext);
    expect(stored.variables).toEqual({
      concern: expect.stringMatching(SEALED),
      selfHarmDetail: expect.stringMatching(SEALED),
      familySituation: expect.stringMatching(SEALED),
      riskLevel: 'high',
    });
    const [task] = await db.query(`SELECT local_variables FROM user_task WHERE id = $1`, [taskId]);
    expect(task.local_variables).toEqual({ notes: expect.stringMatching(SEALED), round: 1 });
    const [entry] = await db.query(`SELECT data::text AS text FROM audit_event WHERE instance_id = $1`, [
      instance.instanceId,
    ]);
    expect(entry.text).not.toContain('自伤');

    const keys = await caseFamilyKeys(db.manager, dataKey, instance.instanceId);
    expect(openSealed(stored.variables, keys)).toEqual({
      concern: '说想消失',
      selfHarmDetail: '手臂划痕',
      familySituation: '父母离异',
      riskLevel: 'high',
    });
  });

  it('freezes a closed task’s view with its sensitive values still sealed', async () => {
    const { instance, taskId } = await caseWithContent();
    await write(
      projectionStep(instance, 2, {
        variables: { concern: '说想消失', selfHarmDetail: '新的划痕', riskLevel: 'high' },
        closedTasks: [{ taskId, state: 'completed', at: at(5) }],
      }),
    );
    const [task] = await db.query(
      `SELECT frozen_view, frozen_view::text AS text FROM user_task WHERE id = $1`,
      [taskId],
    );
    expect(task.frozen_view).toEqual({
      riskLevel: 'high',
      selfHarmDetail: expect.stringMatching(SEALED),
      notes: expect.stringMatching(SEALED),
      round: 1,
    });
    expect(task.text).not.toContain('划痕');
    const keys = await caseFamilyKeys(db.manager, dataKey, instance.instanceId);
    expect(openSealed(task.frozen_view, keys)).toMatchObject({
      selfHarmDetail: '新的划痕',
      notes: '局部笔记',
    });
  });

  it('lets a called case open what its parent handed it, and no other case’s', async () => {
    const parent = await caseWithContent();
    const child = await caseWithContent({ parent: { instanceId: parent.instance.instanceId, childId: 'c' } });
    const stranger = await caseWithContent();
    const [parentRow] = await db.query(`SELECT variables FROM process_instance WHERE id = $1`, [
      parent.instance.instanceId,
    ]);
    const childKeys = await caseFamilyKeys(db.manager, dataKey, child.instance.instanceId);
    expect(openSealed({ concern: parentRow.variables.concern }, childKeys)).toEqual({ concern: '说想消失' });
    const strangerKeys = await caseFamilyKeys(db.manager, dataKey, stranger.instance.instanceId);
    expect(openSealed({ concern: parentRow.variables.concern }, strangerKeys)).toEqual({ concern: null });
  });

  it('seals once, purges once; after purge nothing opens, the rows remain and the chain verifies', async () => {
    const { instance, taskId } = await caseWithContent();
    const id = instance.instanceId;
    const job = { instanceId: id, jobId: randomUUID(), elementId: 'seal-file' };

    expect(await sealCaseFile(db, dataKey, job)).toBe(true);
    expect(await sealCaseFile(db, dataKey, { ...job, jobId: randomUUID() })).toBe(false);
    expect(await purgeCaseFile(db, dataKey, { ...job, elementId: 'purge-file' })).toBe(true);
    expect(await purgeCaseFile(db, dataKey, { ...job, elementId: 'purge-file' })).toBe(false);

    const [row] = await db.query(
      `SELECT sealed_at, purged_at, variables FROM process_instance WHERE id = $1`,
      [id],
    );
    expect(row.sealed_at).toBeInstanceOf(Date);
    expect(row.purged_at).toBeInstanceOf(Date);
    expect(await readCaseKey(db.manager, dataKey, id)).toMatchObject({ state: 'destroyed' });
    expect(await caseFamilyKeys(db.manager, dataKey, id)).toEqual(new Map());
    expect(openSealed(row.variables, new Map())).toEqual({
      concern: null,
      selfHarmDetail: null,
      familySituation: null,
      riskLevel: 'high',
    });
    // who had which task remains
    expect(await db.query(`SELECT element_id FROM user_task WHERE id = $1`, [taskId])).toEqual([
      { element_id: 'assess' },
    ]);
    const types = await db.query(`SELECT type FROM audit_event WHERE instance_id = $1 ORDER BY seq`, [id]);
    expect(types.map((entry: { type: string }) => entry.type)).toEqual([
      'incident.raised',
      'case.sealed',
      'case.purged',
    ]);
    expect(await verifyAuditChain(db, id, dataKey)).toMatchObject({ valid: true, entries: 3, problems: [] });
  });

  it('purges the cases a case called with it, and refuses while one of them still runs', async () => {
    const parent = await caseWithContent();
    const child = await caseWithContent({ parent: { instanceId: parent.instance.instanceId, childId: 'c' } });
    const job = { instanceId: parent.instance.instanceId, jobId: randomUUID(), elementId: 'purge-file' };
    await expect(purgeCaseFile(db, dataKey, job)).rejects.toThrow(PurgeRefused);
    expect(await readCaseKey(db.manager, dataKey, parent.instance.instanceId)).toMatchObject({
      state: 'live',
    });

    await write(projectionStep(child.instance, 2, { state: 'completed', endedAt: at(9), variables: {} }));
    expect(await purgeCaseFile(db, dataKey, job)).toBe(true);
    expect(await readCaseKey(db.manager, dataKey, child.instance.instanceId)).toMatchObject({
      state: 'destroyed',
    });
  });

  it('never lets a destroyed key come back, nor a live one be swapped or deleted (as the app role)', async () => {
    const { instance } = await caseWithContent();
    const id = instance.instanceId;
    const [{ wrapped }] = await db.query(`SELECT wrapped FROM case_key WHERE instance_id = $1`, [id]);
    await expect(
      db.query(`UPDATE case_key SET wrapped = $2 WHERE instance_id = $1`, [id, randomBytes(60)]),
    ).rejects.toThrow(/can only be destroyed/);
    await expect(db.query(`DELETE FROM case_key WHERE instance_id = $1`, [id])).rejects.toThrow(
      /permission denied/,
    );
    await purgeCaseFile(db, dataKey, { instanceId: id, jobId: randomUUID(), elementId: 'purge-file' });
    await expect(
      db.query(`UPDATE case_key SET wrapped = $2, destroyed_at = NULL WHERE instance_id = $1`, [id, wrapped]),
    ).rejects.toThrow(/can only be destroyed/);
  });

  it('writes nothing readable of a purged case that still steps: sensitive values in the clear become null', async () => {
    const { instance } = await caseWithContent();
    await purgeCaseFile(db, dataKey, {
      instanceId: instance.instanceId,
      jobId: randomUUID(),
      elementId: 'purge-file',
    });
    await write(projectionStep(instance, 2, { variables: { concern: 'late plaintext', riskLevel: 'low' } }));
    const [row] = await db.query(`SELECT variables FROM process_instance WHERE id = $1`, [
      instance.instanceId,
    ]);
    expect(row.variables).toEqual({ concern: null, riskLevel: 'low' });
    expect(await verifyAuditChain(db, instance.instanceId, dataKey)).toMatchObject({ valid: true });
  });

  it('keeps the opened value exactly (a sealed value of a case opens with its key alone)', async () => {
    const { instance } = await caseWithContent();
    const key = await readCaseKey(db.manager, dataKey, instance.instanceId);
    const [row] = await db.query(`SELECT variables FROM process_instance WHERE id = $1`, [
      instance.instanceId,
    ]);
    expect(key.state === 'live' && openForCase(key.caseKey, row.variables.concern)).toBe('说想消失');
  });
});
