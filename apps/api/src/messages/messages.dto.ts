import { IsObject, IsOptional, IsString, IsUUID, Length, MaxLength, Validate } from 'class-validator';
import { IsTimeToLive } from './time-to-live';

export class PublishMessageDto {
  @IsString() @Length(1, 200) name!: string;
  @IsString() @MaxLength(200) correlationKey!: string;
  @IsOptional() @IsObject() variables?: Record<string, unknown>;
  /** ISO 8601 duration, at most P30D: how long the message waits when no case waits for it. */
  @IsOptional() @IsString() @Validate(IsTimeToLive) timeToLive?: string;
  /**
   * Where a case started by a message start event lives, and the scope a buffered message is
   * offered in. Defaults to the unit of the caller's first role.
   */
  @IsOptional() @IsUUID() orgUnitId?: string;
}
