import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ProcessModel } from '../../../bpmn/src/workflow';

/** One immutable version of a diagram: (key, version) and its sha-256 never change once stored. */
@Entity('process_definition')
export class ProcessDefinitionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) key!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  @Column({ type: 'text' }) xml!: string;
  @Column({ type: 'jsonb' }) model!: ProcessModel;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) forms!: Record<string, unknown>;
  @Column({ type: 'text' }) sha256!: string;
  @Column({ name: 'deployed_at', type: 'timestamptz', default: () => 'now()' }) deployedAt!: Date;
  /** The unit that owns the key (fixed by version 1): see docs/adr/0003. */
  @Column({ name: 'owner_unit_id', type: 'uuid' }) ownerUnitId!: string;
  @Column({ name: 'deployed_by', type: 'uuid', nullable: true }) deployedBy!: string | null;
}
