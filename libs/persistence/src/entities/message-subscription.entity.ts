import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SubscriptionState = 'open' | 'correlated' | 'cancelled';

/** A case waiting for a message (catch event, receive task, boundary, event sub-process start). */
@Entity('message_subscription')
export class MessageSubscriptionEntity {
  /** The engine's subscriptionId. */
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId!: string;
  @Column({ name: 'element_id', type: 'text' }) elementId!: string;
  @Column({ name: 'org_path', type: 'text' }) orgPath!: string;
  @Column({ name: 'message_name', type: 'text' }) messageName!: string;
  @Column({ name: 'correlation_key', type: 'text' }) correlationKey!: string;
  @Column({ type: 'text' }) state!: SubscriptionState;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
}
