import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, IsOptional, MaxLength } from 'class-validator';
import { MAX_DIAGRAM_BYTES } from '../definitions/definitions.dto';

export class DeployDecisionsDto {
  /** A DMN 1.3 (or later) file: every decision in it is deployed. */
  @ApiProperty({ description: 'The DMN file (XML)', maxLength: MAX_DIAGRAM_BYTES })
  @IsString()
  @MaxLength(MAX_DIAGRAM_BYTES)
  xml!: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Owner unit of new decision ids (fixed by version 1); needed when you deploy at several unrelated units',
  })
  @IsOptional()
  @IsUUID()
  ownerUnitId?: string;
}
