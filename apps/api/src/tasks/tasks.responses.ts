import { ApiProperty } from '@nestjs/swagger';
import { ANY_OBJECT, PageOf, FORM_SCHEMA_EXAMPLE } from '../common/responses';
import { StudentSummaryView, TaskCaseView } from '../case-file/case-context.responses';
import { InstanceDetail } from '../instances/instances.responses';

export const TASK_STATES = ['open', 'completed', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export class TaskView {
  @ApiProperty({ format: 'uuid', example: '6f1c2d3e-4b5a-4c7d-9e8f-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ format: 'uuid', example: '3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d' }) instanceId!: string;
  @ApiProperty({ example: 'assess' }) elementId!: string;
  @ApiProperty({ type: String, nullable: true, example: '初步风险评估' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'A username', example: 'li.teacher' }) assignee!:
    string | null;
  @ApiProperty({ type: [String], example: ['psychTeacher'] }) candidateGroups!: string[];
  @ApiProperty({ type: [String], description: 'Usernames', example: [] }) candidateUsers!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-12-05T08:00:00.000Z' })
  dueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) followUpAt!:
    string | null;
  @ApiProperty({ type: Number, nullable: true, example: 80 }) priority!: number | null;
  @ApiProperty({ enum: TASK_STATES, enumName: 'TaskState' }) state!: TaskState;
  @ApiProperty({ format: 'date-time', example: '2026-12-04T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, example: 'initial-assessment' }) formId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'A job-worker user task’s zeebe:formDefinition formKey (docs/bpmn-elements.md#job-worker-user-tasks)',
    example: null,
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
  @ApiProperty({
    ...ANY_OBJECT,
    nullable: true,
    description: 'The form-js schema, or null',
    example: FORM_SCHEMA_EXAMPLE,
  })
  form!: unknown;
  @ApiProperty({
    ...ANY_OBJECT,
    nullable: true,
    description:
      'The variables the task may show the caller, sealed values opened; null once the case is purged',
    example: { riskLevel: 'high', concern: '近期情绪低落，多次缺课', source: 'classTeacher' },
  })
  variables!: Record<string, unknown> | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the case was purged (消档)',
    example: null,
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
