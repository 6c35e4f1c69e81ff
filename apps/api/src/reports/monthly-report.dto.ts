import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/**
 * The query of GET /api/reports/monthly. The values are checked by the service, so that a
 * wrong one is answered in the caller's language, naming the field.
 */
export class MonthlyReportQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required: a school, or a unit above schools',
    example: 'd4e5f6a7-b8c9-4d0e-8f1a-b2c3d4e5f6a7',
  })
  @IsOptional()
  @IsString()
  orgUnitId?: string;

  @ApiPropertyOptional({
    description: 'Required: YYYY-MM, not after the current month (Asia/Shanghai)',
    example: '2026-11',
  })
  @IsOptional()
  @IsString()
  month?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    description: '`csv`: the same report as a CSV file, as `Accept: text/csv` asks',
  })
  @IsOptional()
  @IsString()
  format?: string;
}
