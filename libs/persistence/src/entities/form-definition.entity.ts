import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One immutable version of a form-js form (docs/forms.md#versions): (formId, version), its
 * schema and sha-256 never change once stored.
 */
@Entity('form_definition')
export class FormDefinitionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'form_id', type: 'text' }) formId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'jsonb' }) schema!: Record<string, unknown>;
  /** Of the schema's canonical JSON: the same schema deployed again gives no new version. */
  @Column({ type: 'text' }) sha256!: string;
  /** The unit that owns the form id (fixed by version 1): see docs/adr/0003. */
  @Column({ name: 'owner_unit_id', type: 'uuid' }) ownerUnitId!: string;
  @Column({ name: 'deployed_at', type: 'timestamptz', default: () => 'now()' }) deployedAt!: Date;
  @Column({ name: 'deployed_by', type: 'uuid', nullable: true }) deployedBy!: string | null;
}
