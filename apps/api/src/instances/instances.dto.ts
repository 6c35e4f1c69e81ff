import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBooleanString,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { BulkIds } from '../common/bulk';
import { ReadReasonQuery } from '../case-file/case-file.dto';
import { FORMAT_QUERY } from '../common/csv';
import { PageQuery } from '../common/pagination';
import { ANY_OBJECT } from '../common/responses';

/** The largest PostgreSQL `integer` (versions, history sequence numbers). */
const MAX_INTEGER = 2_147_483_647;

export class StartInstanceDto {
  @ApiProperty({ maxLength: 200, description: 'The BPMN process id', example: 'crisis-care' })
  @IsString()
  @Length(1, 200)
  definitionKey!: string;
  /** Versions are PostgreSQL integers: a larger number names no version (and was a 500). */
  @ApiPropertyOptional({ minimum: 1, description: 'The latest when omitted', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INTEGER)
  version?: number;
  @ApiPropertyOptional({ maxLength: 200, example: 'sa-20240117' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  businessKey?: string;
  /** Where the case lives; a student's case lives at the student's class. Give one of the two. */
  @ApiPropertyOptional({ format: 'uuid', example: '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
  @ApiPropertyOptional({ format: 'uuid', example: '0b7e9c52-3d1f-4a8e-9f60-2c5d8a41e7b3' })
  @IsOptional()
  @IsUUID()
  studentId?: string;
  @ApiPropertyOptional({
    ...ANY_OBJECT,
    example: { concern: '近期情绪低落，多次缺课', source: 'classTeacher' },
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

export class ListInstancesQuery extends PageQuery {
  /** `incident`: active cases with at least one open incident. */
  @IsOptional()
  @IsIn(['active', 'completed', 'cancelled', 'incident'])
  state?: 'active' | 'completed' | 'cancelled' | 'incident';
  @IsOptional() @IsString() @MaxLength(200) definitionKey?: string;
  @IsOptional() @IsUUID() orgUnitId?: string;
  @IsOptional() @IsBooleanString() overdue?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3650) stuckDays?: number;
  @ApiPropertyOptional(FORMAT_QUERY) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class CancelInstanceDto {
  @ApiProperty({ maxLength: 1000, example: '重复上报，已并入原个案' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class BulkCancelInstancesDto {
  @BulkIds('The cases to cancel, each as POST /api/instances/{id}/cancel would') ids!: string[];
  /** Recorded (sealed) on each case's cancellation. */
  @ApiProperty({ maxLength: 1000, example: '重复上报，已并入原个案' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class HistoryQuery extends ReadReasonQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  /** The last seq of the previous page. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_INTEGER) cursor?: number;
}
