import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An in-app notification to one user. It says that there is work and where (the case, the
 * task, an element name), never the case's content (docs/architecture.md, security model).
 */
@Entity('notification')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'recipient_id', type: 'uuid' }) recipientId!: string;
  @Column({ name: 'instance_id', type: 'uuid', nullable: true }) instanceId!: string | null;
  @Column({ name: 'task_id', type: 'uuid', nullable: true }) taskId!: string | null;
  @Column({ type: 'text' }) kind!: string;
  @Column({ name: 'org_path', type: 'text' }) orgPath!: string;
  @Column({ type: 'text' }) title!: string;
  /** Whatever sent it (e.g. `job:<instanceId>:<jobId>`): unique per recipient, so a retry adds nothing. */
  @Column({ name: 'idempotency_key', type: 'text' }) idempotencyKey!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt!: Date | null;
}
