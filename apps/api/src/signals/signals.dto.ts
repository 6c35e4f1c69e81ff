import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ANY_OBJECT } from '../common/responses';

export class BroadcastSignalDto {
  @ApiProperty({ minLength: 1, maxLength: 200, description: 'The bpmn:signal name' })
  @IsString()
  @Length(1, 200)
  name!: string;
  @ApiPropertyOptional(ANY_OBJECT) @IsOptional() @IsObject() variables?: Record<string, unknown>;
  /**
   * Where a case started by a signal start event lives. Defaults to the unit of the caller's
   * first case-viewing role.
   */
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() orgUnitId?: string;
}
