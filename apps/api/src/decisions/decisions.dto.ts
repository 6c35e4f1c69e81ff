import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, IsOptional, MaxLength } from 'class-validator';
import { MAX_DIAGRAM_BYTES } from '../definitions/definitions.dto';

export class DeployDecisionsDto {
  /** A DMN 1.3 (or later) file: every decision in it is deployed. */
  @ApiProperty({
    description: 'The DMN file (XML)',
    maxLength: MAX_DIAGRAM_BYTES,
    example:
      '<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" …><decision id="risk-level" name="风险分级">…</decision></definitions>',
  })
  @IsString()
  @MaxLength(MAX_DIAGRAM_BYTES)
  xml!: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Owner unit of new decision ids (fixed by version 1); needed when you deploy at several unrelated units',
    example: '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d',
  })
  @IsOptional()
  @IsUUID()
  ownerUnitId?: string;
}
