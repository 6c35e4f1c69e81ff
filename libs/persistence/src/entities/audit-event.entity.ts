import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One entry of a case's audit chain. Append-only (a trigger refuses UPDATE and DELETE) and
 * hash-chained: hash = sha256(canonical JSON of the entry including prevHash).
 */
@Entity('audit_event')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId!: string;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) type!: string;
  @Column({ name: 'element_id', type: 'text', nullable: true }) elementId!: string | null;
  @Column({ type: 'text', nullable: true }) actor!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) data!: Record<string, unknown>;
  @Column({ type: 'text' }) hash!: string;
  @Column({ name: 'prev_hash', type: 'text', nullable: true }) prevHash!: string | null;
}

/** Who read or changed what through the API (reads of case files included). Append-only. */
@Entity('access_log')
export class AccessLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId!: string | null;
  @Column({ type: 'text' }) action!: string;
  @Column({ name: 'resource_type', type: 'text' }) resourceType!: string;
  @Column({ name: 'resource_id', type: 'text', nullable: true }) resourceId!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) detail!: Record<string, unknown>;
}
