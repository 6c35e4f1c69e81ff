import { IsObject, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class BroadcastSignalDto {
  @IsString() @Length(1, 200) name!: string;
  @IsOptional() @IsObject() variables?: Record<string, unknown>;
  /**
   * Where a case started by a signal start event lives. Defaults to the unit of the caller's
   * first case-viewing role.
   */
  @IsOptional() @IsUUID() orgUnitId?: string;
}
