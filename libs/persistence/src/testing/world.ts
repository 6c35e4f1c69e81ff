import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { InstanceDescriptor, ProjectionStep } from '../../../contracts/src';
import { writeProjectionStep } from '../projection-writer';
import {
  createDefinition,
  createOrgUnit,
  createUser,
  instanceDescriptor,
  projectionStep,
  rootUnit,
  uniqueTag,
} from './factories';

export interface Unit {
  id: string;
  orgPath: string;
}

export interface Person {
  id: string;
  username: string;
}

/**
 * A district with two schools, A (with a class) and B, and their staff: enough to test who sees
 * and may do what. Cases are written through the projection writer, as a workflow would.
 */
export interface World {
  district: Unit;
  schoolA: Unit;
  classA: Unit;
  schoolB: Unit;
  supervisor: Person;
  principalA: Person;
  psychA: Person;
  teacherA: Person;
  peerA: Person;
  psychB: Person;
  definition: { id: string; key: string; version: number };
  /** Writes a case at `unit` with the given first step (tasks, incidents, subscriptions…). */
  newCase(unit: Unit, first?: Partial<ProjectionStep>): Promise<InstanceDescriptor>;
  /** Writes a further step of a case. */
  project(instance: InstanceDescriptor, step: number, changes: Partial<ProjectionStep>): Promise<void>;
}

/**
 * `dataKey` is the CAREPATH_DATA_KEY the cases are written with: an api reading them must hold
 * the same one (their case keys are wrapped with it).
 */
export async function buildWorld(db: DataSource, dataKey: Buffer = randomBytes(32)): Promise<World> {
  const district = await createOrgUnit(db, await rootUnit(db), 'district');
  const schoolA = await createOrgUnit(db, district, 'school');
  const classA = await createOrgUnit(db, await createOrgUnit(db, schoolA, 'grade'), 'class');
  const schoolB = await createOrgUnit(db, district, 'school');
  const definition = await createDefinition(db, `world-${uniqueTag()}`);
  const project = async (instance: InstanceDescriptor, step: number, changes: Partial<ProjectionStep>) => {
    await writeProjectionStep(db, projectionStep(instance, step, changes), { dataKey });
  };
  return {
    district,
    schoolA,
    classA,
    schoolB,
    supervisor: await createUser(db, 'supervisor', [{ role: 'districtSupervisor', orgUnitId: district.id }]),
    principalA: await createUser(db, 'principal-a', [{ role: 'principal', orgUnitId: schoolA.id }]),
    psychA: await createUser(db, 'psych-a', [{ role: 'psychTeacher', orgUnitId: schoolA.id }]),
    teacherA: await createUser(db, 'teacher-a', [{ role: 'classTeacher', orgUnitId: classA.id }]),
    peerA: await createUser(db, 'peer-a', [{ role: 'peerMonitor', orgUnitId: classA.id }]),
    psychB: await createUser(db, 'psych-b', [{ role: 'psychTeacher', orgUnitId: schoolB.id }]),
    definition,
    async newCase(unit, first = {}) {
      const instance = instanceDescriptor(definition, unit);
      await project(instance, 1, first);
      return instance;
    },
    project,
  };
}

/** An open user task spec offered to `candidateGroups`. */
export function openedTask(
  candidateGroups: string[],
  overrides: { assignee?: string; candidateUsers?: string[] } = {},
) {
  return {
    taskId: randomUUID(),
    elementId: 'assess-risk',
    name: '初始风险评估',
    candidateGroups,
    candidateUsers: overrides.candidateUsers ?? [],
    priority: 50,
    openedAt: new Date().toISOString(),
    ...(overrides.assignee ? { assignee: overrides.assignee } : {}),
  };
}
