import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TaskState = 'open' | 'completed' | 'cancelled';

@Entity('user_task')
export class UserTaskEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId!: string;
  @Column({ name: 'element_id', type: 'text' }) elementId!: string;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  @Column({ name: 'org_path', type: 'text' }) orgPath!: string;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId!: string | null;
  @Column({ name: 'candidate_groups', type: 'text', array: true, default: () => "'{}'" })
  candidateGroups!: string[];
  @Column({ name: 'candidate_users', type: 'text', array: true, default: () => "'{}'" })
  candidateUsers!: string[];
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ name: 'follow_up_at', type: 'timestamptz', nullable: true }) followUpAt!: Date | null;
  @Column({ type: 'integer', default: 50 }) priority!: number;
  @Column({ type: 'text' }) state!: TaskState;
  @Column({ name: 'form_id', type: 'text', nullable: true }) formId!: string | null;
  /** A job-worker user task's formKey: an embedded form's key in the definition's forms, or a custom key. */
  @Column({ name: 'form_key', type: 'text', nullable: true }) formKey!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  @Column({ name: 'ended_by', type: 'uuid', nullable: true }) endedBy!: string | null;
  /** What the task showed to those who do not see its case, frozen when it closed. */
  @Column({ name: 'frozen_view', type: 'jsonb', nullable: true }) frozenView!: Record<string, unknown> | null;
}

/** The users a task's candidate groups and users resolved to when it opened. */
@Entity('task_candidate')
export class TaskCandidateEntity {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' }) taskId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
}
