import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { JobInput, JobResult, RunProcessInput } from '../../../../libs/contracts/src';
import {
  caseKeyOf,
  createCaseRow,
  type DefinitionRef,
  effectiveCaseCalendar,
  latestDefinition,
  schoolsWithin,
  studentWithin,
} from '../../../../libs/persistence/src';
import { type CaseStarter, derivedUuid, startCaseWorkflow } from '../cases/case-starter';
import type { JobHandler } from './job-handler';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where `start-case` starts cases (header `at`). */
const TARGETS = ['student', 'schools'] as const;
type Target = (typeof TARGETS)[number];

/** One case to start: where it lives and for whom. */
interface Placement {
  targetId: string;
  orgUnitId: string;
  orgPath: string;
  studentId: string | null;
}

/**
 * `start-case` (docs/service-handlers.md#start-case): starts cases of another process from a
 * case — a confirmed screening opens the student's `crisis-care`, the monthly schedule opens one
 * `monthly-report` per school. Headers: `process` (the key), `at`: `student` (variable
 * `studentId`, a student at or below this case's unit) or `schools` (every school at or below
 * it). Variable `caseVariables` (optional object) is what each new case starts with.
 *
 * Each started case is started by nobody, at its student's class or its school, with the latest
 * version of the process that may run there. Its id is derived from the job and the target, so
 * a retry starts nothing twice; a student who has an open case of the process gets no second
 * one (its id is returned under `existingCases`).
 */
export const startCase: JobHandler = async (
  { instance, job }: JobInput,
  { db, cases },
): Promise<JobResult> => {
  const processKey = (job.headers.process ?? '').trim();
  const at = (job.headers.at ?? '').trim();
  if (processKey === '' || !isTarget(at)) {
    throw misconfigured(
      job.elementId,
      'give the task headers "process" (a process key) and "at" (student or schools)',
    );
  }
  if (!cases) {
    throw misconfigured(job.elementId, 'this worker has no Temporal client to start cases with');
  }
  const caseVariables = job.variables.caseVariables ?? {};
  if (typeof caseVariables !== 'object' || caseVariables === null || Array.isArray(caseVariables)) {
    throw misconfigured(job.elementId, 'the variable "caseVariables" must be an object');
  }
  const placements =
    at === 'student'
      ? [await studentPlacement(db, job, instance.orgPath)]
      : await schoolPlacements(db, instance.orgPath);
  const startedCases: string[] = [];
  const existingCases: string[] = [];
  for (const placement of placements) {
    const definition = await latestDefinition(db.manager, processKey, placement.orgPath);
    if (!definition) {
      throw misconfigured(
        job.elementId,
        `no version of process "${processKey}" that cases at ${placement.orgPath} may run is deployed`,
      );
    }
    const outcome = await startOne(db, cases, {
      instanceId: derivedUuid('start-case', job.jobId, placement.targetId),
      definition,
      placement,
      variables: caseVariables as Record<string, unknown>,
      startingCaseId: instance.instanceId,
    });
    (outcome.started ? startedCases : existingCases).push(outcome.instanceId);
  }
  return { variables: { startedCases, existingCases } };
};

async function startOne(
  db: DataSource,
  cases: CaseStarter,
  start: {
    instanceId: string;
    definition: DefinitionRef;
    placement: Placement;
    variables: Record<string, unknown>;
    /** The case whose start-case step starts this one. */
    startingCaseId: string;
  },
): Promise<{ started: boolean; instanceId: string }> {
  const { placement, definition } = start;
  const caseKey = placement.studentId ? await caseKeyOf(db.manager, placement.studentId) : null;
  const row = await createCaseRow(db, {
    instanceId: start.instanceId,
    definition,
    orgUnitId: placement.orgUnitId,
    orgPath: placement.orgPath,
    studentId: placement.studentId,
    businessKey: caseKey,
  });
  if (!row.created) return { started: false, instanceId: row.openInstanceId };
  const input: RunProcessInput = {
    instance: {
      instanceId: start.instanceId,
      definitionId: definition.id,
      definitionKey: definition.key,
      definitionVersion: definition.version,
      businessKey: caseKey,
      orgUnitId: placement.orgUnitId,
      orgPath: placement.orgPath,
      studentId: placement.studentId,
      startedBy: null,
      startedVia: { kind: 'case', caseId: start.startingCaseId },
    },
    model: definition.model,
    variables: caseKey === null ? start.variables : { ...start.variables, caseKey },
    // The unit's school calendar as it is now (docs/calendars.md), as every case start reads it.
    calendar: await effectiveCaseCalendar(db, placement.orgPath),
  };
  await startCaseWorkflow(cases, input);
  return { started: true, instanceId: start.instanceId };
}

async function studentPlacement(db: DataSource, job: JobInput['job'], orgPath: string): Promise<Placement> {
  const studentId = job.variables.studentId;
  if (typeof studentId !== 'string' || !UUID.test(studentId)) {
    throw misconfigured(job.elementId, 'the variable "studentId" must hold a student id');
  }
  // Only a student of this case's own unit or below: a campaign never opens another school's case.
  const student = await studentWithin(db, studentId, orgPath);
  if (!student) throw misconfigured(job.elementId, `student ${studentId} is not at ${orgPath} or below it`);
  return {
    targetId: student.id,
    orgUnitId: student.orgUnitId,
    orgPath: student.orgPath,
    studentId: student.id,
  };
}

async function schoolPlacements(db: DataSource, orgPath: string): Promise<Placement[]> {
  const schools = await schoolsWithin(db, orgPath);
  return schools.map((school) => ({
    targetId: school.id,
    orgUnitId: school.id,
    orgPath: school.orgPath,
    studentId: null,
  }));
}

function isTarget(value: string): value is Target {
  return (TARGETS as readonly string[]).includes(value);
}

function misconfigured(elementId: string, problem: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'JobMisconfigured',
    nonRetryable: true,
    message: `start-case at ${elementId}: ${problem}`,
  });
}
