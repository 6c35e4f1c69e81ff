import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination';

export const CREATABLE_KINDS = ['city', 'district', 'school', 'grade', 'class'] as const;

export class CreateOrgUnitDto {
  /** Omitted: directly below the root. */
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Omitted: directly below the root',
    example: 'd4e5f6a7-b8c9-4d0e-8f1a-b2c3d4e5f6a7',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string;
  @ApiProperty({ enum: CREATABLE_KINDS }) @IsIn(CREATABLE_KINDS) kind!: (typeof CREATABLE_KINDS)[number];
  @ApiProperty({ maxLength: 100, example: '初二(3)班' }) @IsString() @Length(1, 100) name!: string;
  /** Becomes a segment of the org path: lowercase letters, digits and '-'. */
  @ApiProperty({ pattern: '^[a-z0-9-]{1,40}$', description: 'A segment of the org path', example: 'c3' })
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'code must be 1-40 lowercase letters, digits or "-"' })
  code!: string;
}

export class ListOrgUnitsQuery extends PageQuery {}
