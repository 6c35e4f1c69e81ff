import { Column, Entity, PrimaryColumn } from 'typeorm';

export type InstanceState = 'active' | 'completed' | 'cancelled';

/** The queryable projection of one case. Temporal is the source of truth for execution. */
@Entity('process_instance')
export class ProcessInstanceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'definition_id', type: 'uuid' }) definitionId!: string;
  @Column({ name: 'definition_key', type: 'text' }) definitionKey!: string;
  @Column({ name: 'definition_version', type: 'integer' }) definitionVersion!: number;
  @Column({ name: 'business_key', type: 'text', nullable: true }) businessKey!: string | null;
  @Column({ name: 'org_unit_id', type: 'uuid' }) orgUnitId!: string;
  @Column({ name: 'org_path', type: 'text' }) orgPath!: string;
  @Column({ name: 'student_id', type: 'uuid', nullable: true }) studentId!: string | null;
  @Column({ type: 'text' }) state!: InstanceState;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) variables!: Record<string, unknown>;
  @Column({ name: 'active_elements', type: 'jsonb', default: () => "'[]'::jsonb" })
  activeElements!: { elementId: string; since: string }[];
  @Column({ name: 'workflow_id', type: 'text' }) workflowId!: string;
  @Column({ name: 'last_step', type: 'integer', default: 0 }) lastStep!: number;
  @Column({ name: 'started_by', type: 'uuid', nullable: true }) startedBy!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  /** The calling case, for a case started by a call activity. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  /** When the case file was sealed at closure (`seal-case`): reads then need a reason. */
  @Column({ name: 'sealed_at', type: 'timestamptz', nullable: true }) sealedAt!: Date | null;
  /** When the case key was destroyed (`purge-case`, 消档): sealed values read as null. */
  @Column({ name: 'purged_at', type: 'timestamptz', nullable: true }) purgedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
