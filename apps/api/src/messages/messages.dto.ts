import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, Length, MaxLength, Validate } from 'class-validator';
import { ANY_OBJECT } from '../common/responses';
import { IsTimeToLive } from './time-to-live';

export class PublishMessageDto {
  @ApiProperty({ maxLength: 200, example: 'guardian-replied' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ maxLength: 200, example: 'sa-20240117' })
  @IsString()
  @MaxLength(200)
  correlationKey!: string;
  @ApiPropertyOptional({ ...ANY_OBJECT, example: { reply: 'agreed' } })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
  /** ISO 8601 duration, at most P30D: how long the message waits when no case waits for it. */
  @ApiPropertyOptional({ example: 'PT1H', description: 'ISO 8601 duration, at most P30D' })
  @IsOptional()
  @IsString()
  @Validate(IsTimeToLive)
  timeToLive?: string;
  /**
   * Where a case started by a message start event lives, and the scope a buffered message is
   * offered in. Defaults to the unit of the caller's first role.
   */
  @ApiPropertyOptional({ format: 'uuid', example: '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d' })
  @IsOptional()
  @IsUUID()
  orgUnitId?: string;
}
