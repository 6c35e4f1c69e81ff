import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { ReadReasonQuery } from '../case-file/case-file.dto';

/** The query of GET /api/instances/:id/compliance. */
export class ComplianceQuery extends ReadReasonQuery {
  @ApiPropertyOptional({
    enum: ['json', 'pdf'],
    description: '`pdf`: the review as a PDF file to file, as `Accept: application/pdf` asks',
  })
  @IsOptional()
  @IsIn(['json', 'pdf'])
  format?: 'json' | 'pdf';
}

/**
 * The query of GET /api/reports/late-steps. The values are checked by the service, so that a
 * wrong one is answered in the caller's language, naming the field.
 */
export class LateStepsQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required: a school, or a unit above schools',
    example: 'd4e5f6a7-b8c9-4d0e-8f1a-b2c3d4e5f6a7',
  })
  @IsOptional()
  @IsString()
  orgUnitId?: string;

  @ApiPropertyOptional({
    description: 'Required: the first day (YYYY-MM-DD, Asia/Shanghai) whose due steps count',
    example: '2026-11-01',
  })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({
    description: 'Required: the last day (YYYY-MM-DD, included), at most a year after `from`',
    example: '2026-11-30',
  })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: '`csv`: the same list as a CSV file, as `Accept: text/csv` asks',
  })
  @IsOptional()
  @IsString()
  format?: string;
}
