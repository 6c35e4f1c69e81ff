import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { INSTRUMENT_IDS } from '../../../../libs/domain/src';

/** An import holds at most this many data rows (400 naming `file` or `rows` past it). */
export const MAX_SCREENING_ROWS = 20_000;

export class ScreeningRowDto {
  @ApiProperty({ maxLength: 40, example: '20240117' })
  @IsString()
  @Length(1, 40)
  studentNo!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Answers keyed by item number as a string; integers in the instrument’s range',
    example: { '1': 0, '2': 1, '3': 0, '4': 2, '5': 0, '6': 1, '7': 0, '8': 0, '9': 0 },
  })
  @IsObject()
  items!: Record<string, unknown>;
}

/**
 * The import's target and, for JSON, its rows. A multipart request sends `instrument` and
 * `orgUnitId` as form fields beside `file`.
 */
export class ImportScreeningDto {
  @ApiProperty({ enum: INSTRUMENT_IDS, example: 'phq-9' })
  @IsIn(INSTRUMENT_IDS)
  instrument!: string;

  @ApiProperty({ format: 'uuid', description: 'The school', example: '5d2c8b1a-7e3f-4a90-b6c1-2f8e9d0a4b7c' })
  @IsUUID()
  orgUnitId!: string;

  @ApiPropertyOptional({ type: [ScreeningRowDto], maxItems: MAX_SCREENING_ROWS, description: 'JSON only' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SCREENING_ROWS)
  @ValidateNested({ each: true })
  @Type(() => ScreeningRowDto)
  rows?: ScreeningRowDto[];

  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description: 'Multipart only: the CSV (UTF-8, BOM allowed) or XLSX export, at most 20 MB',
    example: 'screening.xlsx',
  })
  @IsOptional()
  file?: unknown;
}
