import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarTerm } from '../../../domain/src';

/**
 * An org unit's own school calendar (docs/calendars.md#editing-a-calendar): what PUT
 * /api/org-units/:id/calendar stored, checked. Units without a row inherit the nearest one above.
 */
@Entity('org_unit_calendar')
export class OrgUnitCalendarEntity {
  @PrimaryColumn({ name: 'org_unit_id', type: 'uuid' }) orgUnitId!: string;
  /** IANA time zone the dates are local to. */
  @Column({ type: 'text' }) timezone!: string;
  @Column({ type: 'jsonb' }) terms!: CalendarTerm[];
  /** Extra days off, `YYYY-MM-DD`, besides weekends and the national holidays. */
  @Column({ type: 'jsonb' }) holidays!: string[];
  /** Extra make-up working days (调休), `YYYY-MM-DD`. */
  @Column({ type: 'jsonb' }) workdays!: string[];
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
}
