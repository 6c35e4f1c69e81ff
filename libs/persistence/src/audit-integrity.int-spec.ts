import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { InstanceDescriptor } from '../../contracts/src';
import { auditHeadKey, auditHeadMac } from './audit-head';
import { verifyAuditChain } from './audit-verification';
import { createDataSource } from './data-source';
import { APP_ROLE } from './database-role';
import { writeProjectionStep } from './projection-writer';
import {
  createDefinition,
  createOrgUnit,
  instanceDescriptor,
  projectionStep,
  rootUnit,
  uniqueTag,
} from './testing/factories';

/**
 * The append-only audit against the application itself and against the database's superuser
 * (ADR 0004). `db` is what the api and worker connect as (the app role); `owner` is the schema's
 * owner, a superuser here, standing in for whoever might tamper with the rows directly.
 */
describe('audit integrity (real PostgreSQL, as the app role and as the owner)', () => {
  let db: DataSource;
  let owner: Client;
  let school: { id: string; orgPath: string };
  let definition: { id: string; key: string; version: number };
  const dataKey = randomBytes(32);

  beforeAll(async () => {
    db = createDataSource(process.env.CAREPATH_TEST_DATABASE_URL!);
    await db.initialize();
    owner = new Client({ connectionString: process.env.CAREPATH_TEST_OWNER_DATABASE_URL });
    await owner.connect();
    school = await createOrgUnit(db, await rootUnit(db), 'school');
    definition = await createDefinition(db, `k-${uniqueTag()}`);
  });
  afterAll(async () => {
    await db?.destroy();
    await owner?.end();
  });

  /** A case with `steps` projected steps, one audit entry each. */
  const caseWithSteps = async (steps: number): Promise<InstanceDescriptor> => {
    const instance = instanceDescriptor(definition, school);
    for (let step = 1; step <= steps; step += 1) {
      await writeProjectionStep(db, projectionStep(instance, step), { dataKey });
    }
    return instance;
  };

  /** What a superuser can do whatever the privileges: run with triggers switched off. */
  const asSuperuserBypassingTriggers = async (sql: string, params: unknown[]): Promise<void> => {
    await owner.query('BEGIN');
    try {
      await owner.query('SET LOCAL session_replication_role = replica');
      await owner.query(sql, params);
      await owner.query('COMMIT');
    } catch (error) {
      await owner.query('ROLLBACK');
      throw error;
    }
  };

  /** Runs a statement as the owner and rolls it back, whatever it did. */
  const asOwnerRolledBack = async (sql: string): Promise<void> => {
    await owner.query('BEGIN');
    try {
      await owner.query(sql);
    } finally {
      await owner.query('ROLLBACK');
    }
  };

  it('connects the app as a role that is no superuser, owns nothing, and may only read and append audit records', async () => {
    const [role] = await db.query(
      `SELECT current_user AS name, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls
       FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({
      name: APP_ROLE,
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
    });
    const owned = await db.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'USAGE')`,
    );
    expect(owned).toEqual([]);

    const privileges: { table: string; privileges: string }[] = await db.query(
      `SELECT t.tablename AS table,
              concat_ws(',', CASE WHEN has_table_privilege(t.tablename, 'SELECT') THEN 'SELECT' END,
                             CASE WHEN has_table_privilege(t.tablename, 'INSERT') THEN 'INSERT' END,
                             CASE WHEN has_table_privilege(t.tablename, 'UPDATE') THEN 'UPDATE' END,
                             CASE WHEN has_table_privilege(t.tablename, 'DELETE') THEN 'DELETE' END,
                             CASE WHEN has_table_privilege(t.tablename, 'TRUNCATE') THEN 'TRUNCATE' END,
                             CASE WHEN has_table_privilege(t.tablename, 'TRIGGER') THEN 'TRIGGER' END) AS privileges
       FROM pg_tables t WHERE t.schemaname = 'public' ORDER BY t.tablename`,
    );
    const byTable = Object.fromEntries(privileges.map((row) => [row.table, row.privileges]));
    expect(byTable).toMatchObject({
      audit_event: 'SELECT,INSERT',
      access_log: 'SELECT,INSERT',
      audit_head: 'SELECT,INSERT,UPDATE',
      migrations: '',
      process_instance: 'SELECT,INSERT,UPDATE,DELETE',
      // A form version, once deployed, is what completions were checked against (docs/forms.md).
      form_definition: 'SELECT,INSERT',
      // A case key may be made and destroyed (a trigger allows no other change), never deleted.
      case_key: 'SELECT,INSERT,UPDATE',
      // A screening records its campaign; its results are never changed (docs/security.md).
      screening: 'SELECT,INSERT,UPDATE',
      screening_result: 'SELECT,INSERT',
      // A hold is released (updated), never deleted; a break-glass grant is never changed (docs/security.md).
      legal_hold: 'SELECT,INSERT,UPDATE',
      break_glass_grant: 'SELECT,INSERT',
    });
    const special = new Set([
      'audit_event',
      'access_log',
      'audit_head',
      'migrations',
      'form_definition',
      'case_key',
      'screening',
      'screening_result',
      'legal_hold',
      'break_glass_grant',
    ]);
    for (const row of privileges.filter((row) => !special.has(row.table))) {
      expect(row).toEqual({ table: row.table, privileges: 'SELECT,INSERT,UPDATE,DELETE' });
    }
  });

  it('refuses the app role TRUNCATE, DISABLE TRIGGER, DELETE and UPDATE of audit records, and switching triggers off', async () => {
    const instance = await caseWithSteps(1);
    await db.query(
      `INSERT INTO access_log (action, resource_type, resource_id) VALUES ('test', 'instance', $1)`,
      [instance.instanceId],
    );
    const refused = /permission denied|must be owner/;
    for (const table of ['audit_event', 'access_log']) {
      await expect(db.query(`TRUNCATE ${table}`)).rejects.toThrow(refused);
      await expect(db.query(`ALTER TABLE ${table} DISABLE TRIGGER ALL`)).rejects.toThrow(refused);
      await expect(db.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`)).rejects.toThrow(refused);
      await expect(db.query(`DROP TABLE ${table}`)).rejects.toThrow(refused);
      await expect(db.query(`DELETE FROM ${table}`)).rejects.toThrow(refused);
    }
    await expect(
      db.query(`UPDATE audit_event SET actor = 'mallory' WHERE instance_id = $1`, [instance.instanceId]),
    ).rejects.toThrow(refused);
    await expect(
      db.query(`UPDATE access_log SET user_id = NULL WHERE resource_id = $1`, [instance.instanceId]),
    ).rejects.toThrow(refused);
    await expect(
      db.query(`DELETE FROM audit_head WHERE instance_id = $1`, [instance.instanceId]),
    ).rejects.toThrow(refused);
    await expect(db.query(`ALTER TABLE audit_head DISABLE TRIGGER ALL`)).rejects.toThrow(refused);
    await expect(db.query(`SET session_replication_role = replica`)).rejects.toThrow(refused);
    await expect(db.query(`CREATE TABLE mine (x int)`)).rejects.toThrow(refused);

    // and everything is still there
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE instance_id = $1`, [
      instance.instanceId,
    ]);
    expect(n).toBe(1);
  });

  it('refuses TRUNCATE of the audit tables even to their owner, also when cascading from the cases', async () => {
    await caseWithSteps(1);
    for (const statement of [
      'TRUNCATE audit_event',
      'TRUNCATE access_log',
      'TRUNCATE audit_head',
      'TRUNCATE process_instance CASCADE',
    ]) {
      await expect(asOwnerRolledBack(statement)).rejects.toThrow(/is append-only/);
    }
  });

  it('lets the app role move a head forward only, never back to an earlier signed state', async () => {
    const instance = await caseWithSteps(3);
    const [second] = await db.query(`SELECT seq, hash FROM audit_event WHERE instance_id = $1 AND seq = 2`, [
      instance.instanceId,
    ]);
    const signing = auditHeadKey(dataKey);
    // even with the key: the head of entry 2 was genuine once
    const mac = auditHeadMac(signing.key, { instanceId: instance.instanceId, seq: 2, hash: second.hash });
    await expect(
      db.query(`UPDATE audit_head SET seq = 2, hash = $2, mac = $3 WHERE instance_id = $1`, [
        instance.instanceId,
        second.hash,
        mac,
      ]),
    ).rejects.toThrow(/only moves forward/);
  });

  it('verifies an intact chain against its signed head', async () => {
    const instance = await caseWithSteps(3);
    const verification = await verifyAuditChain(db, instance.instanceId, dataKey);
    expect(verification).toMatchObject({ valid: true, entries: 3, head: { seq: 3 }, problems: [] });
  });

  it('detects a tail cut by a superuser with triggers off: the chain no longer ends at its signed head', async () => {
    // given a case of three entries
    const instance = await caseWithSteps(3);
    // when a superuser deletes the last entry, bypassing the append-only trigger
    await asSuperuserBypassingTriggers(`DELETE FROM audit_event WHERE instance_id = $1 AND seq = 3`, [
      instance.instanceId,
    ]);
    // then the links still hold, but the head does not match
    const verification = await verifyAuditChain(db, instance.instanceId, dataKey);
    expect(verification).toMatchObject({
      valid: false,
      entries: 2,
      problems: [{ kind: 'head-mismatch', seq: 2 }],
    });

    // and the next step does not hide it: it continues from the signed head, leaving the gap
    await writeProjectionStep(db, projectionStep(instance, 4), { dataKey });
    expect(await verifyAuditChain(db, instance.instanceId, dataKey)).toMatchObject({
      valid: false,
      problems: [{ kind: 'broken-link', seq: 4 }],
    });
  });

  it('detects a head rewritten to the cut tail without the key', async () => {
    const instance = await caseWithSteps(3);
    const [second] = await db.query(`SELECT hash FROM audit_event WHERE instance_id = $1 AND seq = 2`, [
      instance.instanceId,
    ]);
    await asSuperuserBypassingTriggers(`DELETE FROM audit_event WHERE instance_id = $1 AND seq = 3`, [
      instance.instanceId,
    ]);
    await asSuperuserBypassingTriggers(
      `UPDATE audit_head SET seq = 2, hash = $2, mac = $3 WHERE instance_id = $1`,
      [
        instance.instanceId,
        second.hash,
        auditHeadMac(randomBytes(32), { ...instance, seq: 2, hash: second.hash }),
      ],
    );
    expect(await verifyAuditChain(db, instance.instanceId, dataKey)).toMatchObject({
      valid: false,
      problems: [{ kind: 'bad-signature', seq: 2 }],
    });
    // a later step chains on but never re-signs a head it cannot trust
    await writeProjectionStep(db, projectionStep(instance, 4), { dataKey });
    expect(await verifyAuditChain(db, instance.instanceId, dataKey)).toMatchObject({
      valid: false,
      entries: 3,
      problems: [{ kind: 'bad-signature', seq: 2 }],
    });
  });

  it('detects an entry changed in place, and a head deleted along with the tail', async () => {
    const edited = await caseWithSteps(2);
    await asSuperuserBypassingTriggers(
      `UPDATE audit_event SET actor = 'mallory' WHERE instance_id = $1 AND seq = 1`,
      [edited.instanceId],
    );
    expect(await verifyAuditChain(db, edited.instanceId, dataKey)).toMatchObject({
      valid: false,
      problems: [{ kind: 'broken-link', seq: 1 }],
    });

    const headless = await caseWithSteps(3);
    await asSuperuserBypassingTriggers(`DELETE FROM audit_event WHERE instance_id = $1 AND seq = 3`, [
      headless.instanceId,
    ]);
    await asSuperuserBypassingTriggers(`DELETE FROM audit_head WHERE instance_id = $1`, [
      headless.instanceId,
    ]);
    expect(await verifyAuditChain(db, headless.instanceId, dataKey)).toMatchObject({
      valid: false,
      problems: [{ kind: 'unsigned', seq: null }],
    });
    // the writer does not sign a headless chain that has entries: it stays unsigned
    await writeProjectionStep(db, projectionStep(headless, 4), { dataKey });
    expect(await verifyAuditChain(db, headless.instanceId, dataKey)).toMatchObject({
      valid: false,
      entries: 3,
      problems: [{ kind: 'unsigned' }],
    });
  });

  it('names a head signed with another key as such', async () => {
    const instance = await caseWithSteps(1);
    expect(await verifyAuditChain(db, instance.instanceId, randomBytes(32))).toMatchObject({
      valid: false,
      problems: [{ kind: 'unknown-key', seq: 1 }],
    });
  });
});
