import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ANY_OBJECT } from '../common/responses';

export class BroadcastSignalDto {
  @ApiProperty({ minLength: 1, maxLength: 200, description: 'The bpmn:signal name', example: 'campus-alert' })
  @IsString()
  @Length(1, 200)
  name!: string;
  @ApiPropertyOptional({ ...ANY_OBJECT, example: { alertLevel: 'high' } })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
  /**
   * Where a case started by a signal start event lives. Defaults to the unit of the caller's
   * first case-viewing role.
   */
  @ApiPropertyOptional({ format: 'uuid', example: '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}
