import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { ROLES, type Role } from '../../../../libs/domain/src/roles';

export class RoleGrantDto {
  @IsIn(ROLES) role!: Role;
  @IsUUID() orgUnitId!: string;
}

export class CreateUserDto {
  @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'username must be 2-64 letters, digits, ".", "_" or "-"' })
  username!: string;
  @IsString() @Length(12, 200, { message: 'password must be 12 to 200 characters' }) password!: string;
  @IsString() @Length(1, 100) displayName!: string;
  @ValidateNested({ each: true }) @Type(() => RoleGrantDto) @ArrayMaxSize(50) roles!: RoleGrantDto[];
}
