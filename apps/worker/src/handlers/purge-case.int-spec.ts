import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { JobInput } from '../../../../libs/contracts/src';
import {
  caseFamilyKeys,
  createDataSource,
  openSealed,
  verifyAuditChain,
  writeProjectionStep,
} from '../../../../libs/persistence/src';
import {
  createDefinition,
  createOrgUnit,
  createUser,
  instanceDescriptor,
  projectionStep,
  rootUnit,
  uniqueTag,
} from '../../../../libs/persistence/src/testing';
import { purgeCase } from './purge-case';
import { JOB_HANDLERS } from './registry';

describe('purge-case handler (real PostgreSQL)', () => {
  let db: DataSource;
  const dataKey = randomBytes(32);
  let definition: { id: string; key: string; version: number };
  let school: { id: string; orgPath: string };

  beforeAll(async () => {
    db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
    await db.initialize();
    school = await createOrgUnit(db, await rootUnit(db), 'school');
    definition = await createDefinition(db, `purge-${uniqueTag()}`);
  });
  afterAll(async () => {
    await db.destroy();
  });

  /** A case with a concern and a cancellation-like reason in its history, and its purge job. */
  async function caseToPurge(parent?: string): Promise<JobInput> {
    const instance = instanceDescriptor(
      definition,
      school,
      parent ? { parent: { instanceId: parent, childId: 'c' } } : {},
    );
    await writeProjectionStep(
      db,
      projectionStep(instance, 1, {
        variables: { concern: '她在日记里写了遗书', riskLevel: 'imminent' },
        events: [
          { type: 'element.entered', at: new Date().toISOString(), elementId: 'start' },
          {
            type: 'error.thrown',
            at: new Date().toISOString(),
            elementId: 'x',
            data: { code: 'e', message: '遗书' },
          },
        ],
      }),
      { dataKey },
    );
    return {
      instance,
      job: {
        jobId: randomUUID(),
        elementId: 'purge-file',
        jobType: 'purge-case',
        retries: 3,
        headers: {},
        variables: {},
      },
    };
  }

  it('is the handler registered for purge-case', () => {
    expect(JOB_HANDLERS['purge-case']).toBe(purgeCase);
  });

  it('destroys the case key once: content reads as null, who did what stays, and the chain verifies', async () => {
    // given a case whose content opens before the purge
    const input = await caseToPurge();
    const id = input.instance.instanceId;
    const [before] = await db.query(`SELECT variables FROM process_instance WHERE id = $1`, [id]);
    expect(openSealed(before.variables, await caseFamilyKeys(db.manager, dataKey, id))).toEqual({
      concern: '她在日记里写了遗书',
      riskLevel: 'imminent',
    });

    // when the job runs twice (a retry)
    expect(await purgeCase(input, { db, dataKey })).toEqual({ variables: {} });
    await purgeCase(input, { db, dataKey });

    // then the key is destroyed, the case purged (and sealed), one case.purged entry recorded
    const [key] = await db.query(`SELECT wrapped, destroyed_at FROM case_key WHERE instance_id = $1`, [id]);
    expect(key).toEqual({ wrapped: null, destroyed_at: expect.any(Date) });
    const [row] = await db.query(
      `SELECT sealed_at, purged_at, variables FROM process_instance WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({ sealed_at: expect.any(Date), purged_at: expect.any(Date) });
    expect(openSealed(row.variables, await caseFamilyKeys(db.manager, dataKey, id))).toEqual({
      concern: null,
      riskLevel: 'imminent',
    });
    const entries = await db.query(`SELECT type, data FROM audit_event WHERE instance_id = $1 ORDER BY seq`, [
      id,
    ]);
    expect(entries.map((entry: { type: string }) => entry.type)).toEqual([
      'element.entered',
      'error.thrown',
      'case.purged',
    ]);
    expect(entries[2].data).toEqual({ jobId: input.job.jobId, keysDestroyed: 1 });
    expect(JSON.stringify(entries)).not.toContain('遗书');
    expect(await verifyAuditChain(db, id, dataKey)).toEqual(
      expect.objectContaining({ valid: true, entries: 3, problems: [] }),
    );
  });

  it('fails (to be retried, then an incident) while a case it called still runs, destroying nothing', async () => {
    const parent = await caseToPurge();
    await caseToPurge(parent.instance.instanceId);
    await expect(purgeCase(parent, { db, dataKey })).rejects.toThrow(/still running/);
    const [key] = await db.query(`SELECT wrapped IS NOT NULL AS live FROM case_key WHERE instance_id = $1`, [
      parent.instance.instanceId,
    ]);
    expect(key.live).toBe(true);
  });

  it('destroys nothing under a legal hold: records case.purge.blocked once, notes the job on the hold, succeeds', async () => {
    // given a held case
    const input = await caseToPurge();
    const id = input.instance.instanceId;
    const principal = await createUser(db, 'principal', [{ role: 'principal', orgUnitId: school.id }]);
    const [hold] = await db.query(
      `INSERT INTO legal_hold (instance_id, placed_by) VALUES ($1, $2) RETURNING id`,
      [id, principal.id],
    );

    // when its purge job runs twice (a retry)
    expect(await purgeCase(input, { db, dataKey })).toEqual({ variables: {} });
    await purgeCase(input, { db, dataKey });

    // then the key lives, the case is not purged, one case.purge.blocked names the job and the hold
    const [key] = await db.query(`SELECT wrapped IS NOT NULL AS live FROM case_key WHERE instance_id = $1`, [
      id,
    ]);
    expect(key.live).toBe(true);
    const [row] = await db.query(`SELECT purged_at FROM process_instance WHERE id = $1`, [id]);
    expect(row.purged_at).toBeNull();
    const entries = await db.query(`SELECT type, data FROM audit_event WHERE instance_id = $1 ORDER BY seq`, [
      id,
    ]);
    expect(entries.map((entry: { type: string }) => entry.type)).toEqual([
      'element.entered',
      'error.thrown',
      'case.purge.blocked',
    ]);
    expect(entries[2].data).toEqual({ jobId: input.job.jobId, legalHoldId: hold.id });
    const [noted] = await db.query(`SELECT purge_job_id, purge_element_id FROM legal_hold WHERE id = $1`, [
      hold.id,
    ]);
    expect(noted).toEqual({ purge_job_id: input.job.jobId, purge_element_id: 'purge-file' });
    expect(await verifyAuditChain(db, id, dataKey)).toEqual(expect.objectContaining({ valid: true }));
  });
});
