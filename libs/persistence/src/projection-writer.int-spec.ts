import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ProjectionStep } from '../../contracts/src/process-workflow';
import { findBrokenLink } from './audit-chain';
import { createDataSource } from './data-source';
import { writeProjectionStep } from './projection-writer';

describe('writeProjectionStep (real PostgreSQL)', () => {
  let db: DataSource;
  let orgUnitId: string;
  let definitionId: string;
  let psychId: string;
  const tag = randomUUID().slice(0, 8);
  const schoolPath = `/root/x${tag}`;

  beforeAll(async () => {
    db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
    await db.initialize();
    await db.query(
      `INSERT INTO org_unit (kind, name, code, org_path) VALUES ('root','r','root','/root') ON CONFLICT DO NOTHING`,
    );
    const [root] = await db.query(`SELECT id FROM org_unit WHERE org_path = '/root'`);
    [{ id: orgUnitId }] = await db.query(
      `INSERT INTO org_unit (parent_id, kind, name, code, org_path) VALUES ($1,'school','s',$2,$3) RETURNING id`,
      [root.id, `x${tag}`, schoolPath],
    );
    [{ id: psychId }] = await db.query(
      `INSERT INTO app_user (username, password_hash, display_name) VALUES ($1,'x','p') RETURNING id`,
      [`psych-${tag}`],
    );
    await db.query(`INSERT INTO role_assignment (user_id, role, org_unit_id) VALUES ($1,'psychTeacher',$2)`, [
      psychId,
      orgUnitId,
    ]);
    [{ id: definitionId }] = await db.query(
      `INSERT INTO process_definition (key, version, xml, model, sha256) VALUES ($1, 1, '<x/>', '{}', 'h') RETURNING id`,
      [`k-${tag}`],
    );
  });
  afterAll(async () => {
    await db.destroy();
  });

  const step = (instanceId: string, n: number, overrides: Partial<ProjectionStep> = {}): ProjectionStep => ({
    instance: {
      instanceId,
      definitionId,
      definitionKey: `k-${tag}`,
      definitionVersion: 1,
      businessKey: null,
      orgUnitId,
      orgPath: schoolPath,
      studentId: null,
      startedBy: null,
    },
    step: n,
    state: 'active',
    variables: { n },
    activeElements: [],
    events: [
      {
        type: 'element.entered',
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
        elementId: `e${n}`,
      },
    ],
    openedTasks: [],
    closedTasks: [],
    ...overrides,
  });

  it('creates the instance row from the first step and skips a step written before (a retried activity)', async () => {
    // given a case the api never inserted (it died before), when its steps arrive, one twice
    const id = randomUUID();
    expect(await writeProjectionStep(db, step(id, 1))).toBe('written');
    expect(await writeProjectionStep(db, step(id, 1))).toBe('duplicate');
    expect(await writeProjectionStep(db, step(id, 2))).toBe('written');
    expect(await writeProjectionStep(db, step(id, 1))).toBe('duplicate');

    // then each event is stored once, in order, hash-chained
    const [instance] = await db.query(
      `SELECT state, last_step, variables FROM process_instance WHERE id = $1`,
      [id],
    );
    expect(instance).toEqual({ state: 'active', last_step: 2, variables: { n: 2 } });
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

  it('resolves candidate groups at the nearest unit upwards where someone holds the role', async () => {
    const id = randomUUID();
    const taskId = randomUUID();
    await writeProjectionStep(
      db,
      step(id, 1, {
        instance: { ...step(id, 1).instance, orgPath: `${schoolPath}/g1/k1` },
        openedTasks: [
          {
            taskId,
            elementId: 't',
            candidateGroups: ['psychTeacher'],
            candidateUsers: [],
            priority: 50,
            openedAt: new Date().toISOString(),
          },
        ],
      }),
    );
    const candidates = await db.query(`SELECT user_id FROM task_candidate WHERE task_id = $1`, [taskId]);
    expect(candidates).toEqual([{ user_id: psychId }]);
  });

  it('refuses to change or delete audit records', async () => {
    const id = randomUUID();
    await writeProjectionStep(db, step(id, 1));
    await expect(
      db.query(`UPDATE audit_event SET actor = 'mallory' WHERE instance_id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_event WHERE instance_id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
  });
});
