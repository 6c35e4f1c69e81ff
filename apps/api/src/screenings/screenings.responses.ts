import { ApiProperty } from '@nestjs/swagger';

export class ScreeningRowError {
  @ApiProperty({ description: '`studentNo` or `items.<n>`', example: 'items.9' }) path!: string;
  @ApiProperty({
    description:
      'studentNo.missing, studentNo.unknown, studentNo.duplicate, item.missing, item.notInteger, item.outOfRange, item.unknown',
    example: 'item.outOfRange',
  })
  code!: string;
  @ApiProperty({ description: 'In the Accept-Language', example: '第 9 题的答案 4 超出范围（0–3）' })
  message!: string;
}

export class ScreeningRejectedRow {
  @ApiProperty({ description: 'The data row, 1-based (row 1 is right below the header)', example: 17 })
  row!: number;
  @ApiProperty({ type: [ScreeningRowError] }) errors!: ScreeningRowError[];
}

/** What an import did (docs/screening.md, Importing). */
export class ScreeningImportResult {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The screening; the first import’s when the same rows were imported before; null when no row was accepted (nothing stored)',
    example: '9e4b2a1c-6d3f-4e80-a7b5-1c2d3e4f5a6b',
  })
  id!: string | null;
  @ApiProperty({ description: 'Rows stored (accepted)', example: 1994 }) rows!: number;
  @ApiProperty({ description: 'Stored rows whose student is flagged for review', example: 5 })
  flagged!: number;
  @ApiProperty({
    description:
      'Reviews the screening-campaign case opened: one per flagged student; the first import’s figure on a repeat',
    example: 5,
  })
  reviewsOpened!: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The screening-campaign case reviewing the flagged students; null when none is flagged',
    example: '2f1e0d9c-8b7a-4654-9321-0fedcba98765',
  })
  campaignInstanceId!: string | null;
  @ApiProperty({ description: 'True when these rows were imported before: nothing changed', example: false })
  repeated!: boolean;
  @ApiProperty({
    type: [ScreeningRejectedRow],
    description: 'Rows not stored, each with every problem it has',
  })
  rejected!: ScreeningRejectedRow[];
}
