import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORG_UNIT_KINDS = ['root', 'city', 'district', 'school', 'grade', 'class'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/**
 * A node of the organisation tree. `orgPath` is a materialised path of codes from the root
 * ("/root/c1/d3/s12/g7/k2"): scope checks are a prefix test in SQL, no recursion needed.
 */
@Entity('org_unit')
export class OrgUnitEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'text' }) kind!: OrgUnitKind;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ name: 'org_path', type: 'text' }) orgPath!: string;
  @Column({ type: 'text', default: 'Asia/Shanghai' }) timezone!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
