import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { ROLES, type Role } from '../../../../libs/domain/src/roles';
import { IsAcceptablePassword } from './acceptable-password';

export class RoleGrantDto {
  @IsIn(ROLES) role!: Role;
  @IsUUID() orgUnitId!: string;
}

export class CreateUserDto {
  @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'username must be 2-64 letters, digits, ".", "_" or "-"' })
  username!: string;
  @IsAcceptablePassword('username') password!: string;
  @IsString() @Length(1, 100) displayName!: string;
  @ValidateNested({ each: true }) @Type(() => RoleGrantDto) @ArrayMaxSize(50) roles!: RoleGrantDto[];
}
