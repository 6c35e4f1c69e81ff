import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { InstanceDescriptor, ProjectionStep } from '../../../contracts/src';
import type { Role } from '../../../domain/src';

/**
 * Test data for tests against a real PostgreSQL. Every name carries a random tag, so tests
 * sharing a run's database never collide.
 */
export function uniqueTag(): string {
  return randomUUID().slice(0, 8);
}

/** The root unit (created once per database) and its id. */
export async function rootUnit(db: DataSource): Promise<{ id: string; orgPath: string }> {
  await db.query(
    `INSERT INTO org_unit (kind, name, code, org_path) VALUES ('root','r','root','/root') ON CONFLICT DO NOTHING`,
  );
  const [root] = await db.query(`SELECT id, org_path FROM org_unit WHERE org_path = '/root'`);
  return { id: root.id, orgPath: root.org_path };
}

export async function createOrgUnit(
  db: DataSource,
  parent: { id: string; orgPath: string },
  kind: 'city' | 'district' | 'school' | 'grade' | 'class',
  code = `${kind[0]}${uniqueTag()}`,
): Promise<{ id: string; orgPath: string }> {
  const orgPath = `${parent.orgPath}/${code}`;
  const [{ id }] = await db.query(
    `INSERT INTO org_unit (parent_id, kind, name, code, org_path) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [parent.id, kind, code, code, orgPath],
  );
  return { id, orgPath };
}

export async function createUser(
  db: DataSource,
  prefix: string,
  roles: { role: Role; orgUnitId: string }[] = [],
): Promise<{ id: string; username: string }> {
  const username = `${prefix}-${uniqueTag()}`;
  const [{ id }] = await db.query(
    `INSERT INTO app_user (username, password_hash, display_name) VALUES ($1, 'x', $1) RETURNING id`,
    [username],
  );
  for (const grant of roles) {
    await db.query(`INSERT INTO role_assignment (user_id, role, org_unit_id) VALUES ($1, $2, $3)`, [
      id,
      grant.role,
      grant.orgUnitId,
    ]);
  }
  return { id, username };
}

/** A definition owned by `ownerUnitId`, by default the root (runnable everywhere). */
export async function createDefinition(
  db: DataSource,
  key: string,
  model: unknown = {},
  ownerUnitId?: string,
): Promise<{ id: string; key: string; version: number }> {
  const owner = ownerUnitId ?? (await rootUnit(db)).id;
  const [{ id, version }] = await db.query(
    `INSERT INTO process_definition (key, version, xml, model, sha256, owner_unit_id)
     VALUES ($1, COALESCE((SELECT max(version) FROM process_definition WHERE key = $1), 0) + 1, '<x/>', $2, 'h', $3)
     RETURNING id, version`,
    [key, JSON.stringify(model), owner],
  );
  return { id, key, version };
}

export function instanceDescriptor(
  definition: { id: string; key: string; version: number },
  unit: { id: string; orgPath: string },
  overrides: Partial<InstanceDescriptor> = {},
): InstanceDescriptor {
  return {
    instanceId: randomUUID(),
    definitionId: definition.id,
    definitionKey: definition.key,
    definitionVersion: definition.version,
    businessKey: null,
    orgUnitId: unit.id,
    orgPath: unit.orgPath,
    studentId: null,
    startedBy: null,
    ...overrides,
  };
}

/** A projection step with nothing in it but one `element.entered` event. */
export function projectionStep(
  instance: InstanceDescriptor,
  step: number,
  overrides: Partial<ProjectionStep> = {},
): ProjectionStep {
  return {
    instance,
    step,
    state: 'active',
    variables: { step },
    activeElements: [],
    events: [
      {
        type: 'element.entered',
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, step)).toISOString(),
        elementId: `e${step}`,
      },
    ],
    openedTasks: [],
    assignedTasks: [],
    closedTasks: [],
    openedSubscriptions: [],
    closedSubscriptions: [],
    raisedIncidents: [],
    resolvedIncidents: [],
    ...overrides,
  };
}
