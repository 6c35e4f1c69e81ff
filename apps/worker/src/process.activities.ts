import type { DataSource } from 'typeorm';
import type { ProcessActivities, ProjectionStep } from '../../../libs/contracts/src/process-workflow';
import { writeProjectionStep } from '../../../libs/persistence/src/projection-writer';

/** The activities `runProcess` calls. Each is idempotent: Temporal may run it more than once. */
export function createProcessActivities(dataSource: DataSource): ProcessActivities {
  return {
    async projectStep(step: ProjectionStep): Promise<void> {
      await writeProjectionStep(dataSource, step);
    },
  };
}
