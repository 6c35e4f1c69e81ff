import { ApiProperty } from '@nestjs/swagger';
import { ANY_OBJECT, PageOf } from '../common/responses';
import { InstanceDetail } from '../instances/instances.responses';

export const TASK_STATES = ['open', 'completed', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export class TaskView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) instanceId!: string;
  @ApiProperty() elementId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'A username' }) assignee!: string | null;
  @ApiProperty({ type: [String] }) candidateGroups!: string[];
  @ApiProperty({ type: [String], description: 'Usernames' }) candidateUsers!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) followUpAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) priority!: number | null;
  @ApiProperty({ enum: TASK_STATES, enumName: 'TaskState' }) state!: TaskState;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) formId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'A job-worker user task’s zeebe:formDefinition formKey (docs/bpmn-elements.md#job-worker-user-tasks)',
  })
  formKey!: string | null;
}

export class TaskDetail extends TaskView {
  @ApiProperty({ ...ANY_OBJECT, nullable: true, description: 'The form-js schema, or null' })
  form!: unknown;
  @ApiProperty({
    ...ANY_OBJECT,
    nullable: true,
    description:
      'The variables the task may show the caller, sealed values opened; null once the case is purged',
  })
  variables!: Record<string, unknown> | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the case was purged (消档)',
  })
  purgedAt!: string | null;
}

export class CompletedTask {
  @ApiProperty({ type: TaskView }) task!: TaskView;
  @ApiProperty({
    type: InstanceDetail,
    nullable: true,
    description: 'The case after the step, for callers who see the case; null for the others',
  })
  instance!: InstanceDetail | null;
}

export class TaskViewPage extends PageOf(TaskView) {}
