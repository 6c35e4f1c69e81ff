import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { type Role, ROLES } from '../../../../libs/domain/src';
import { PageQuery } from '../common/pagination';
import { IsAcceptablePassword } from './acceptable-password';

export class RoleGrantDto {
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) @IsIn(ROLES) role!: Role;
  @ApiProperty({ format: 'uuid', example: '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d' })
  @IsUUID()
  orgUnitId!: string;
}

export class CreateUserDto {
  @ApiProperty({ pattern: '^[A-Za-z0-9._-]{2,64}$', example: 'li.teacher' })
  @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'username must be 2-64 letters, digits, ".", "_" or "-"' })
  username!: string;
  @ApiProperty({
    description: 'At least 12 characters; not the username, a sequence or a repetition',
    example: 'Qiu-shui-2026-lan',
  })
  @IsAcceptablePassword('username')
  password!: string;
  @ApiProperty({ maxLength: 100, example: '李老师' }) @IsString() @Length(1, 100) displayName!: string;
  @ApiProperty({ type: [RoleGrantDto], maxItems: 50 })
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  @ArrayMaxSize(50)
  roles!: RoleGrantDto[];
}

/** Absent fields stay as they are; null is not "absent" here (both columns are NOT NULL). */
export class UpdateUserDto {
  @ApiPropertyOptional({ maxLength: 100, example: '李老师' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @Length(1, 100)
  displayName?: string;
  /** A disabled user cannot sign in, their tokens stop working and they are never a candidate. */
  @ApiPropertyOptional({ example: false })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  disabled?: boolean;
}

export class ReplaceRolesDto {
  @ApiProperty({ type: [RoleGrantDto], maxItems: 50 })
  @ValidateNested({ each: true })
  @Type(() => RoleGrantDto)
  @ArrayMaxSize(50)
  roles!: RoleGrantDto[];
}

export class ListUsersQuery extends PageQuery {
  /** Part of the username or display name. */
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsIn(ROLES) role?: Role;
  /** Users holding a role at this unit or below it. */
  @IsOptional() @IsUUID() orgUnitId?: string;
}
