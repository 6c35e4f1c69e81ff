import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DecisionsModel } from '../../../dmn/src/evaluation';

/**
 * One immutable version of a DMN decision: (decisionId, version) and its sha-256 never change
 * once stored. `xml` and `model` are the whole DMN file the decision was deployed with.
 */
@Entity('decision_definition')
export class DecisionDefinitionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'decision_id', type: 'text' }) decisionId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  @Column({ type: 'text' }) xml!: string;
  @Column({ type: 'jsonb' }) model!: DecisionsModel;
  /** Of the DMN file: a file deployed again unchanged gives no new version of its decisions. */
  @Column({ type: 'text' }) sha256!: string;
  @Column({ name: 'deployed_at', type: 'timestamptz', default: () => 'now()' }) deployedAt!: Date;
  /** The unit that owns the decision id (fixed by version 1): see docs/adr/0003. */
  @Column({ name: 'owner_unit_id', type: 'uuid' }) ownerUnitId!: string;
  @Column({ name: 'deployed_by', type: 'uuid', nullable: true }) deployedBy!: string | null;
}
