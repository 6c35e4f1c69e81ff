import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A student at a class node. Personal fields live only in `sensitive`, encrypted (AES-256-GCM). */
@Entity('student')
export class StudentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'org_unit_id', type: 'uuid' }) orgUnitId!: string;
  @Column({ name: 'org_path', type: 'text' }) orgPath!: string;
  @Column({ name: 'student_no', type: 'text' }) studentNo!: string;
  @Column({ type: 'text' }) sensitive!: string;
  /** The name's blind index (student-name-index.ts); NULL until written or backfilled. */
  @Column({ name: 'name_index', type: 'text', nullable: true }) nameIndex!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
