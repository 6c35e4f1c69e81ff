import { ApiProperty } from '@nestjs/swagger';

export class PersonRef {
  @ApiProperty({ format: 'uuid', example: '2f4e6a8c-0b1d-4f3a-9c5e-7d9f1b3a5c7e' }) id!: string;
  @ApiProperty({ example: '王校长' }) displayName!: string;
}

/** The active legal hold of a case (docs/security.md#legal-hold). */
export class LegalHoldView {
  @ApiProperty({ format: 'date-time', example: '2026-12-05T08:00:00.000Z' }) since!: string;
  @ApiProperty({ type: PersonRef }) by!: PersonRef;
}

export const CASE_READ_VIAS = ['scope', 'breakGlass'] as const;

/** One access_log row about a case, as its supervisors see it. */
export class CaseReadItem {
  @ApiProperty({ example: '48213', description: 'The row id: `before` of the next page' }) id!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-05T08:00:00.000Z' }) at!: string;
  @ApiProperty({ type: PersonRef, nullable: true, description: 'Null for a row without a signed-in user' })
  user!: PersonRef | null;
  @ApiProperty({ example: 'case.sealed.read', description: 'The access_log action' }) action!: string;
  @ApiProperty({
    example: 'case',
    description:
      'What was read or done: case, history, task, studentFile, export, reads, legalHold, breakGlass, denied, verify, or the row’s resource type',
  })
  what!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '家长投诉复核',
    description: 'The reason the reader gave',
  })
  reason!: string | null;
  @ApiProperty({ enum: CASE_READ_VIAS, enumName: 'CaseReadVia' }) via!: (typeof CASE_READ_VIAS)[number];
}

export class CaseReadPage {
  @ApiProperty({ type: [CaseReadItem], description: 'Newest first' }) items!: CaseReadItem[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: '48170',
    description: '`before` for the next page; null at the end',
  })
  nextBefore!: string | null;
}

export class BreakGlassGrantView {
  @ApiProperty({
    format: 'date-time',
    example: '2026-12-05T12:00:00.000Z',
    description: 'The grant ends by itself at this time (BREAK_GLASS_SECONDS after it was given)',
  })
  grantedUntil!: string;
}
