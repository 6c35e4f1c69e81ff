import { ApiProperty } from '@nestjs/swagger';
import { ANY_OBJECT, PageOf } from '../common/responses';
import { StudentSummaryView, TaskCaseView } from '../case-file/case-context.responses';
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
  @ApiProperty({
    type: TaskCaseView,
    description: "The task's case: its key (for those who see the case), process and unit by name",
  })
  instance!: TaskCaseView;
  @ApiProperty({
    type: StudentSummaryView,
    nullable: true,
    description:
      "The case's student, for callers who see the case; null for a case without a student, a purged case, a peer who holds only the task, and in lists for a sealed case",
  })
  student!: StudentSummaryView | null;
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

/** The inbox's tab counts: open tasks the caller sees, narrowed by the list's case filters. */
export class TaskCounts {
  @ApiProperty({ example: 3, description: 'Open tasks assigned to the caller' }) assignedToMe!: number;
  @ApiProperty({ example: 5, description: 'Open unassigned tasks offered to the caller' }) claimable!: number;
  @ApiProperty({ example: 2, description: 'Open tasks past their due time' }) overdue!: number;
  @ApiProperty({
    example: 4,
    description:
      "Open tasks due on today's date in the case's calendar timezone (Asia/Shanghai without a calendar), overdue ones included",
  })
  dueToday!: number;
  @ApiProperty({ example: 12, description: 'Every open task the caller sees' }) all!: number;
}
