import { Column, Entity, PrimaryColumn } from 'typeorm';

export type IncidentState = 'open' | 'resolved';

/** A run-time failure at an element: the token waits there until a supervisor retries it. */
@Entity('incident')
export class IncidentEntity {
  /** The engine's incidentId. */
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId!: string;
  @Column({ name: 'element_id', type: 'text' }) elementId!: string;
  @Column({ name: 'org_path', type: 'text' }) orgPath!: string;
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'text' }) state!: IncidentState;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'resolved_by', type: 'uuid', nullable: true }) resolvedBy!: string | null;
}
