import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CalendarTermBody {
  @ApiProperty({ example: '2026 秋季学期', maxLength: 50 }) name!: string;
  @ApiProperty({ format: 'date', example: '2026-09-01' }) start!: string;
  @ApiProperty({ format: 'date', example: '2027-01-22', description: 'Inclusive; not before start' })
  end!: string;
}

/** The body of PUT /api/org-units/:id/calendar (checked by libs/domain calendar-check.ts). */
export class CalendarDefinitionBody {
  @ApiPropertyOptional({
    example: 'Asia/Shanghai',
    description: 'IANA time zone; Asia/Shanghai when omitted',
  })
  timezone?: string;
  @ApiProperty({
    type: [CalendarTermBody],
    maxItems: 20,
    description: 'Terms (学期), not overlapping; none: every working day is a school day',
  })
  terms!: CalendarTermBody[];
  @ApiProperty({
    type: [String],
    format: 'date',
    maxItems: 400,
    example: ['2026-11-20'],
    description: 'Extra days off (e.g. sports day), besides weekends and the national holidays',
  })
  holidays!: string[];
  @ApiProperty({
    type: [String],
    format: 'date',
    maxItems: 400,
    example: ['2026-11-28'],
    description: 'Extra make-up working days (调休) besides the national ones',
  })
  workdays!: string[];
}

export const CALENDAR_SOURCES = ['own', 'inherited', 'national'] as const;
export type CalendarSourceKind = (typeof CALENDAR_SOURCES)[number];

/** A unit's effective calendar and where it comes from. */
export class EffectiveCalendarView {
  @ApiProperty({ format: 'uuid', example: '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e' }) orgUnitId!: string;
  @ApiProperty({
    enum: CALENDAR_SOURCES,
    enumName: 'CalendarSource',
    description:
      "own: the unit's own calendar; inherited: the nearest unit above with one; national: no unit has one (weekends and national holidays only)",
  })
  source!: CalendarSourceKind;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null for the national default',
    example: '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d',
  })
  sourceUnitId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '实验中学' }) sourceUnitName!: string | null;
  @ApiProperty({ example: 'Asia/Shanghai' }) timezone!: string;
  @ApiProperty({ type: [CalendarTermBody], description: "The source unit's terms" })
  terms!: CalendarTermBody[];
  @ApiProperty({
    type: [String],
    format: 'date',
    description: "The source unit's extra holidays",
    example: ['2026-10-01', '2026-10-02'],
  })
  holidays!: string[];
  @ApiProperty({
    type: [String],
    format: 'date',
    description: "The source unit's extra make-up days",
    example: ['2026-09-27'],
  })
  workdays!: string[];
  @ApiProperty({
    type: [String],
    format: 'date',
    example: ['2026-10-01', '2026-10-02'],
    description: 'The national public holidays (chinese-days), merged into every calendar',
  })
  nationalHolidays!: string[];
  @ApiProperty({
    type: [String],
    format: 'date',
    example: ['2026-09-27'],
    description: 'The national make-up working days (调休), merged into every calendar',
  })
  nationalWorkdays!: string[];
  @ApiProperty({
    example: 2026,
    description:
      'The last year the national days are known for (the State Council publishes each year late in the year before); later years count weekends only, unless the unit lists its days',
  })
  nationalDaysLastYear!: number;
  @ApiProperty({
    description: 'Fingerprint of the calendar cases compute with (sha-256 hex)',
    example: '5c1e9a7f3b2d4e6a8c0f1b3d5e7a9c2e4f6b8d0a1c3e5f7b9d2a4c6e8f0b1d3e',
  })
  version!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-12-04T08:00:00.000Z' })
  updatedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Display name of who stored it last',
    example: '张校长',
  })
  updatedBy!: string | null;
  @ApiProperty({ description: "Whether the caller may PUT or DELETE this unit's calendar", example: false })
  mayEdit!: boolean;
}

/** How a change reaches the running cases (docs/calendars.md#how-a-change-reaches-running-cases). */
export class CalendarRefresh {
  @ApiProperty({ description: 'Active cases whose calendar changed', example: 12 }) cases!: number;
  @ApiProperty({
    description:
      'Of those, handled when the answer left: sent the new calendar, or ended meanwhile (a failed send is logged)',
    example: 12,
  })
  signalled!: number;
  @ApiProperty({ description: 'Still being sent in the background', example: 0 }) pending!: number;
}

export class StoredCalendarView extends EffectiveCalendarView {
  @ApiProperty({ type: CalendarRefresh }) refresh!: CalendarRefresh;
}
