import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../../domain/src';

/** A user holds a role at one org unit; it applies to that unit and everything below it. */
@Entity('role_assignment')
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'text' }) role!: Role;
  @Column({ name: 'org_unit_id', type: 'uuid' }) orgUnitId!: string;
}
