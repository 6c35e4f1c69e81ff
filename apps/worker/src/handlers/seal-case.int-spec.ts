import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { JobInput } from '../../../../libs/contracts/src';
import { createDataSource, verifyAuditChain, writeProjectionStep } from '../../../../libs/persistence/src';
import {
  createDefinition,
  createOrgUnit,
  instanceDescriptor,
  projectionStep,
  rootUnit,
  uniqueTag,
} from '../../../../libs/persistence/src/testing';
import { JOB_HANDLERS } from './registry';
import { sealCase } from './seal-case';

describe('seal-case handler (real PostgreSQL)', () => {
  let db: DataSource;
  const dataKey = randomBytes(32);
  let input: JobInput;

  beforeAll(async () => {
    db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
    await db.initialize();
    const school = await createOrgUnit(db, await rootUnit(db), 'school');
    const definition = await createDefinition(db, `seal-${uniqueTag()}`);
    const instance = instanceDescriptor(definition, school);
    await writeProjectionStep(db, projectionStep(instance, 1, { variables: { concern: '秘密' } }), {
      dataKey,
    });
    input = {
      instance,
      job: {
        jobId: randomUUID(),
        elementId: 'seal-file',
        jobType: 'seal-case',
        retries: 3,
        headers: {},
        variables: {},
      },
    };
  });
  afterAll(async () => {
    await db.destroy();
  });

  const stateOf = async () =>
    (
      await db.query(`SELECT sealed_at, purged_at FROM process_instance WHERE id = $1`, [
        input.instance.instanceId,
      ])
    )[0] as { sealed_at: Date | null; purged_at: Date | null };

  it('is the handler registered for seal-case', () => {
    expect(JOB_HANDLERS['seal-case']).toBe(sealCase);
  });

  it('seals the case file once, with one case.sealed entry, however often the job runs', async () => {
    // when the job runs, and again (a retry after a lost answer), and a second seal job
    expect(await sealCase(input, { db, dataKey })).toEqual({ variables: {} });
    const first = await stateOf();
    await sealCase(input, { db, dataKey });
    await sealCase({ ...input, job: { ...input.job, jobId: randomUUID() } }, { db, dataKey });

    // then the case is sealed at its first time, not purged, and the chain has one entry for it
    expect(first.sealed_at).toBeInstanceOf(Date);
    expect(await stateOf()).toEqual({ sealed_at: first.sealed_at, purged_at: null });
    const entries = await db.query(
      `SELECT type, element_id, data FROM audit_event WHERE instance_id = $1 AND type = 'case.sealed'`,
      [input.instance.instanceId],
    );
    expect(entries).toEqual([
      { type: 'case.sealed', element_id: 'seal-file', data: { jobId: input.job.jobId } },
    ]);
    expect(await verifyAuditChain(db, input.instance.instanceId, dataKey)).toMatchObject({ valid: true });
    // and its content stays sealed, the key alive (sealing is not purging)
    const [key] = await db.query(`SELECT wrapped IS NOT NULL AS live FROM case_key WHERE instance_id = $1`, [
      input.instance.instanceId,
    ]);
    expect(key.live).toBe(true);
  });
});
