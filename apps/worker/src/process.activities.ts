import {
  FAILURE_TYPES,
  type JobInput,
  type JobResult,
  type PrepareChildInput,
  type PrepareTimerCaseInput,
  type ProcessActivities,
  type ProjectionIncidentInput,
  type ProjectionStep,
  type ProjectStepResult,
  type RunProcessInput,
} from '../../../libs/contracts/src';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
// The compiler-free entry: index.ts loads the compiler (bpmn-moddle), which the worker never runs.
import { BROADCAST_SIGNAL_JOB_TYPE, noNoneStartEventReason } from '../../../libs/bpmn/src/workflow';
import type { DataSource } from 'typeorm';
import {
  caseSensitiveNames,
  createChildInstance,
  createTimerCase,
  effectiveCaseCalendar,
  permanentDatabaseError,
  sealingKey,
  sealSensitive,
  writeProjectionIncident,
  writeProjectionStep,
} from '../../../libs/persistence/src';
import type { JobHandler } from './handlers/job-handler';
import { handlerFor, INTERNAL_JOB_HANDLERS, JOB_HANDLERS } from './handlers/registry';
import { broadcastThrownSignal, type SignalSender } from './signals/thrown-signal';

export interface ProcessActivityDeps {
  dataSource: DataSource;
  /** CAREPATH_DATA_KEY: unseals buffered messages handed to a case. */
  dataKey: Buffer;
  /** The service-task handlers; tests may hand in their own (the internal ones are always there). */
  handlers?: Readonly<Record<string, JobHandler>>;
  /** How a signal a case throws reaches other cases; without it such a job fails for good. */
  signals?: SignalSender;
}

/** The activities `runProcess` calls. Each is idempotent: Temporal may run it more than once. */
export function createProcessActivities(deps: ProcessActivityDeps): ProcessActivities {
  const { dataSource, dataKey } = deps;
  const handlers = { ...(deps.handlers ?? JOB_HANDLERS), ...INTERNAL_JOB_HANDLERS };
  return {
    /**
     * A database outage must delay a case, never lose a step, so failures are retried; but a
     * step PostgreSQL rejects for its content (a constraint, a bad value) fails the same way
     * forever, so it fails the activity for good and the workflow raises an incident.
     */
    async projectStep(step: ProjectionStep): Promise<ProjectStepResult> {
      try {
        const { bufferedMessages, refusedTasks } = await writeProjectionStep(dataSource, step, { dataKey });
        return { bufferedMessages, ...(refusedTasks?.length ? { refusedTasks } : {}) };
      } catch (error) {
        const permanent = permanentDatabaseError(error);
        if (!permanent) throw error;
        const where = [permanent.table, permanent.constraint].filter(Boolean).join('.');
        throw ApplicationFailure.create({
          type: FAILURE_TYPES.projectionRejected,
          nonRetryable: true,
          message: `Step ${step.step} of case ${step.instance.instanceId} cannot be written: ${permanent.message} (SQLSTATE ${permanent.code}${where ? `, ${where}` : ''})`,
          details: [permanent],
        });
      }
    },

    async raiseProjectionIncident(input: ProjectionIncidentInput): Promise<void> {
      await writeProjectionIncident(dataSource, input, { dataKey });
    },

    async runJob(input: JobInput): Promise<JobResult> {
      if (input.job.jobType === BROADCAST_SIGNAL_JOB_TYPE) {
        if (!deps.signals) {
          throw ApplicationFailure.create({
            type: FAILURE_TYPES.unknownJobType,
            nonRetryable: true,
            message: `This worker cannot broadcast signals (no Temporal client), so ${input.job.elementId} cannot throw its signal`,
          });
        }
        return broadcastThrownSignal(dataSource, deps.signals, input, dataKey);
      }
      const handler = handlerFor(handlers, input.job.jobType);
      if (!handler) {
        throw ApplicationFailure.create({
          type: FAILURE_TYPES.unknownJobType,
          nonRetryable: true,
          message: `No handler for job type "${input.job.jobType}" at ${input.job.elementId}; this worker runs: ${Object.keys(handlers).join(', ')}`,
        });
      }
      const result = await handler(input, {
        db: dataSource,
        dataKey,
        jobTime: firstScheduledAt(),
        ...(deps.signals ? { cases: deps.signals } : {}),
      });
      return sealJobResult(dataSource, dataKey, input, result);
    },

    async prepareChild(input: PrepareChildInput): Promise<RunProcessInput> {
      const definition = await createChildInstance(dataSource, input, dataKey);
      if (!definition) {
        throw ApplicationFailure.create({
          type: FAILURE_TYPES.calledProcessNotFound,
          nonRetryable: true,
          message: `Case ${input.parent.instanceId} calls process "${input.processId}", but no version of it that cases at ${input.parent.orgPath} may run is deployed (one owned by that unit or a unit above it): deploy it, then retry the incident`,
        });
      }
      // A call activity starts the called process at its none start event, as Zeebe does.
      const notStartable = noNoneStartEventReason(definition.model);
      if (notStartable !== undefined) {
        throw ApplicationFailure.create({
          type: FAILURE_TYPES.calledProcessNotStartable,
          nonRetryable: true,
          message: `Case ${input.parent.instanceId} calls process "${input.processId}" (version ${definition.version}), which a call activity cannot start. ${notStartable}: add a none start event, deploy it, then retry the incident`,
        });
      }
      const { parent } = input;
      return {
        instance: {
          instanceId: input.childId,
          definitionId: definition.id,
          definitionKey: definition.key,
          definitionVersion: definition.version,
          businessKey: parent.businessKey,
          orgUnitId: parent.orgUnitId,
          orgPath: parent.orgPath,
          studentId: parent.studentId,
          startedBy: null,
          startedVia: { kind: 'case', caseId: parent.instanceId },
          parent: { instanceId: parent.instanceId, childId: input.childId },
        },
        model: definition.model,
        // The workflow fills these (call activity mappings); the activity never sees case data.
        variables: {},
        // Read now, not inherited from the parent's input: the calendar may have changed since.
        calendar: await effectiveCaseCalendar(dataSource, parent.orgPath),
      };
    },

    async prepareTimerCase(input: PrepareTimerCaseInput): Promise<RunProcessInput> {
      const created = await createTimerCase(dataSource, input, dataKey);
      if (!created) {
        throw ApplicationFailure.create({
          type: FAILURE_TYPES.timerCaseNotPossible,
          nonRetryable: true,
          message: `A timer start event of definition ${input.definitionId} fired, but the definition or its org unit ${input.orgUnitId} does not exist`,
        });
      }
      const { definition, orgPath } = created;
      return {
        instance: {
          instanceId: input.instanceId,
          definitionId: definition.id,
          definitionKey: definition.key,
          definitionVersion: definition.version,
          businessKey: null,
          orgUnitId: input.orgUnitId,
          orgPath,
          studentId: null,
          startedBy: null,
          startedVia: { kind: 'timer' },
        },
        model: definition.model,
        variables: {},
        calendar: await effectiveCaseCalendar(dataSource, orgPath),
        startEventId: input.startEventId,
      };
    },
  };
}

/**
 * When Temporal first scheduled the running activity (the same for every retry), or undefined
 * outside an activity (a test calling an activity function directly).
 */
function firstScheduledAt(): Date | undefined {
  try {
    return new Date(Context.current().info.scheduledTimestampMs);
  } catch {
    return undefined;
  }
}

/**
 * A handler's variables go back into the workflow, so Temporal would keep them: sensitive ones
 * are sealed with the case key first, as the api seals what clients send (ADR 0020).
 */
async function sealJobResult(
  dataSource: DataSource,
  dataKey: Buffer,
  input: JobInput,
  result: JobResult,
): Promise<JobResult> {
  if (!('variables' in result) || Object.keys(result.variables).length === 0) return result;
  const { instanceId } = input.instance;
  const [names, key] = await Promise.all([
    caseSensitiveNames(dataSource.manager, instanceId),
    sealingKey(dataSource.manager, dataKey, instanceId),
  ]);
  return { variables: sealSensitive(result.variables, names, key) };
}
