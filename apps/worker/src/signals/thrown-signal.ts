import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import {
  type JobInput,
  type JobResult,
  retryWhileContinuingAsNew,
  type RunProcessInput,
  TRIGGER_SIGNAL_UPDATE,
  type TriggerSignalArgs,
  workflowIdForInstance,
} from '../../../../libs/contracts/src';
import {
  broadcastSignal,
  createTimerCase,
  type DefinitionRef,
  effectiveCaseCalendar,
  logThrownSignal,
} from '../../../../libs/persistence/src';
import { type CaseStarter, derivedUuid, startCaseWorkflow } from '../cases/case-starter';

/** How a thrown signal reaches other cases (a Temporal client and the cases' task queue). */
export type SignalSender = CaseStarter;

/** How long one case may take to take the signal before the broadcast job fails (and is retried). */
const CASE_ANSWER_MS = 30_000;

/**
 * The job of a signal throw or end event (BROADCAST_SIGNAL_JOB_TYPE): broadcasts the signal from
 * the throwing case's own unit (docs/signals.md). It reaches the waiting cases at that unit and
 * below (never another school's: a district's case reaches its schools), the throwing case's
 * other waiting elements included, and starts a case at that unit of every process it may run
 * whose latest version has a signal start event for it.
 *
 * Idempotent, since Temporal may run it again: each Update has an id made of the job and the
 * case, and each started case an id made of the job and the definition, so a retry neither
 * triggers a case twice nor starts a second case.
 */
export async function broadcastThrownSignal(
  db: DataSource,
  sender: SignalSender,
  input: JobInput,
  dataKey: Buffer,
): Promise<JobResult> {
  const { instance, job } = input;
  const signalName = job.headers.signalName ?? '';
  const args: TriggerSignalArgs = {
    signalName,
    variables: job.variables,
    actor: null,
    thrownBy: instance.instanceId,
  };
  const result = await broadcastSignal(
    db.manager,
    {
      trigger: async (instanceId) => {
        const handle = sender.client.workflow.getHandle(workflowIdForInstance(instanceId));
        try {
          await sender.client.withDeadline(Date.now() + CASE_ANSWER_MS, () =>
            retryWhileContinuingAsNew(() =>
              handle.executeUpdate(TRIGGER_SIGNAL_UPDATE, {
                args: [args],
                updateId: `signal:${job.jobId}:${instanceId}`,
              }),
            ),
          );
          return true;
        } catch (error) {
          // Nothing waits for it there any more, or the case has ended: it is not reached.
          if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError)
            return false;
          throw error;
        }
      },
      start: (definition, startEventId) =>
        startSignalCase(db, sender, dataKey, {
          definition,
          startEventId,
          orgUnitId: instance.orgUnitId,
          instanceId: derivedUuid(job.jobId, definition.id),
          variables: job.variables,
          thrownBy: instance.instanceId,
        }),
    },
    { name: signalName, reach: { orgPath: instance.orgPath }, startAt: instance.orgPath },
  );
  await logThrownSignal(db.manager, {
    instanceId: instance.instanceId,
    elementId: job.elementId,
    signalName,
    ...result,
  });
  return { variables: {} };
}

/** Creates the row of a case the signal starts (started by nobody, at the thrower's unit) and starts its workflow. */
async function startSignalCase(
  db: DataSource,
  sender: SignalSender,
  dataKey: Buffer,
  start: {
    definition: DefinitionRef;
    startEventId: string;
    orgUnitId: string;
    instanceId: string;
    variables: Record<string, unknown>;
    /** The case that threw the signal. */
    thrownBy: string;
  },
): Promise<string> {
  // The same row as a timer start's: a given version at a given unit, started by nobody.
  const created = await createTimerCase(
    db,
    {
      definitionId: start.definition.id,
      orgUnitId: start.orgUnitId,
      instanceId: start.instanceId,
      startEventId: start.startEventId,
    },
    dataKey,
  );
  if (!created) throw new Error(`Definition ${start.definition.id} or org unit ${start.orgUnitId} is gone`);
  const input: RunProcessInput = {
    instance: {
      instanceId: start.instanceId,
      definitionId: created.definition.id,
      definitionKey: created.definition.key,
      definitionVersion: created.definition.version,
      businessKey: null,
      orgUnitId: start.orgUnitId,
      orgPath: created.orgPath,
      studentId: null,
      startedBy: null,
      startedVia: { kind: 'signal', caseId: start.thrownBy },
    },
    model: created.definition.model,
    variables: start.variables,
    calendar: await effectiveCaseCalendar(db, created.orgPath),
    startEventId: start.startEventId,
  };
  await startCaseWorkflow(sender, input);
  return start.instanceId;
}
