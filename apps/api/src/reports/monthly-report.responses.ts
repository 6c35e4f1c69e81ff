import { ApiProperty } from '@nestjs/swagger';

/*
 * GET /api/reports/monthly (docs/api.md#monthly-report). A count is null when it is suppressed
 * for the caller (its field is then listed in the row's `suppressed`); never a name of a student.
 */

const COUNT = { type: Number, nullable: true, minimum: 0 } as const;

export class RiskLevelCounts {
  @ApiProperty({ ...COUNT, example: 6 }) low!: number | null;
  @ApiProperty({ ...COUNT, example: 5 }) moderate!: number | null;
  @ApiProperty({ ...COUNT, example: null }) high!: number | null;
  @ApiProperty({ ...COUNT, example: 0 }) imminent!: number | null;
  @ApiProperty({ ...COUNT, example: null, description: 'Open cases not assessed yet' })
  unknown!: number | null;
}

export class ReferralOutcomeCounts {
  @ApiProperty({ ...COUNT, example: null }) admitted!: number | null;
  @ApiProperty({ ...COUNT, example: 0 }) outpatient!: number | null;
  @ApiProperty({ ...COUNT, example: 0, description: 'outcome `not-needed`' }) notNeeded!: number | null;
  @ApiProperty({ ...COUNT, example: 0, description: 'An outcome the pathway does not name' })
  unknown!: number | null;
}

export class MonthlyReportCountsView {
  @ApiProperty({
    type: RiskLevelCounts,
    description: '`crisis-care` cases open at the month’s end, by risk level',
  })
  byRiskLevel!: RiskLevelCounts;
  @ApiProperty({ ...COUNT, example: 12, description: '`crisis-care` cases started in the month' })
  newCases!: number | null;
  @ApiProperty({ ...COUNT, example: 0, description: '`crisis-care` cases sealed or ended in the month' })
  closedCases!: number | null;
  @ApiProperty({
    ...COUNT,
    example: null,
    description: '`crisis-care` cases open at the month’s end (or now, for the month in progress)',
  })
  openAtMonthEnd!: number | null;
  @ApiProperty({ ...COUNT, example: 7, description: 'Tasks open and past due at the month’s end (or now)' })
  overdueOpenTasks!: number | null;
  @ApiProperty({ ...COUNT, example: 0, description: '`referral` and `emergency-referral` tasks completed' })
  referrals!: number | null;
  @ApiProperty({
    type: ReferralOutcomeCounts,
    description: '`referral-outcome` messages received in the month, by the case’s `outcome`',
  })
  referralOutcomes!: ReferralOutcomeCounts;
  @ApiProperty({ ...COUNT, example: 5, description: 'Home visits completed in the month' })
  homeVisitsDone!: number | null;
  @ApiProperty({ ...COUNT, example: 9, description: 'Home visits due in the month, done or not' })
  homeVisitsDue!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.9712,
    description:
      'Share (0–1) of the students registered by the month’s end with a result in a screening imported this semester (autumn: August–January, spring: February–July); null without students. Never suppressed',
  })
  screeningCoverage!: number | null;
}

export class SuppressedCount {
  @ApiProperty({ example: 'byRiskLevel.high', description: 'The count’s path in `counts`' })
  field!: string;
  @ApiProperty({
    enum: ['small', 'complementary'],
    enumName: 'SuppressionReason',
    description: '`small`: between 1 and 4; `complementary`: hidden so that a small one cannot be worked out',
  })
  reason!: 'small' | 'complementary';
}

export class MonthlyReportRow {
  @ApiProperty({ type: MonthlyReportCountsView }) counts!: MonthlyReportCountsView;
  @ApiProperty({
    type: [SuppressedCount],
    description: 'The counts shown as null to the caller, and why (empty when they read it exactly)',
  })
  suppressed!: SuppressedCount[];
}

export class MonthlyReportSchool extends MonthlyReportRow {
  @ApiProperty({ format: 'uuid', example: '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e' }) orgUnitId!: string;
  @ApiProperty({ example: '第一中学' }) name!: string;
  @ApiProperty({
    example: false,
    description: 'The caller is the school’s own staff and reads its exact numbers',
  })
  exact!: boolean;
  @ApiProperty({
    example: true,
    description:
      'A `monthly-report` case of the school compiled this month and its `review-report` is completed',
  })
  submitted!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-12-03T02:15:00.000Z' })
  submittedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '心理教师 李' }) submittedBy!: string | null;
}

export class MonthlyReportUnit {
  @ApiProperty({ format: 'uuid', example: 'd4e5f6a7-b8c9-4d0e-8f1a-b2c3d4e5f6a7' }) id!: string;
  @ApiProperty({ example: 'district' }) kind!: string;
  @ApiProperty({ example: '城区' }) name!: string;
}

export class MonthlyReport {
  @ApiProperty({ type: MonthlyReportUnit }) orgUnit!: MonthlyReportUnit;
  @ApiProperty({ example: '2026-11', description: 'YYYY-MM, months in Asia/Shanghai' }) month!: string;
  @ApiProperty({
    format: 'date-time',
    example: '2026-12-05T09:30:00.000Z',
    description: 'When it was counted',
  })
  generatedAt!: string;
  @ApiProperty({
    type: [MonthlyReportSchool],
    description: 'One row per school at or below the unit (the school itself when it is one), by name',
  })
  schools!: MonthlyReportSchool[];
  @ApiProperty({
    type: MonthlyReportRow,
    nullable: true,
    description: 'The sum of the school rows, for a unit above schools; null for a school',
  })
  rollup!: MonthlyReportRow | null;
}
