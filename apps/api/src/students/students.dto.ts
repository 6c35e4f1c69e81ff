import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  Max,
  Min,
  IsArray,
  IsDateString,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CHINESE_MOBILE } from '../../../../libs/persistence/src';

/** How many guardians a student may have on record. */
export const MAX_GUARDIANS = 4;

/** Someone the school may call about the student; sealed with the student's personal fields. */
export class GuardianDto {
  @ApiProperty({ maxLength: 100, example: '李梅' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ maxLength: 20, description: '父亲, 母亲, 祖父母…', example: '母亲' })
  @IsString()
  @Length(1, 20)
  relation!: string;
  @ApiProperty({
    pattern: CHINESE_MOBILE.source,
    description: 'A mainland Chinese mobile number, 11 digits',
    example: '13812345678',
  })
  @IsString()
  @Matches(CHINESE_MOBILE, {
    message: 'phone must be a mainland Chinese mobile number: 11 digits starting 13-19',
  })
  phone!: string;
}

export class CreateStudentDto {
  /** The student's class node. */
  @ApiProperty({ format: 'uuid', description: 'The class', example: '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e' })
  @IsUUID()
  orgUnitId!: string;
  @ApiProperty({ maxLength: 40, example: '20240117' }) @IsString() @Length(1, 40) studentNo!: string;
  @ApiProperty({ maxLength: 100, example: '王小明' }) @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ enum: ['female', 'male', 'other'] })
  @IsOptional()
  @IsIn(['female', 'male', 'other'])
  gender?: string;
  @ApiPropertyOptional({ format: 'date', example: '2011-03-14' })
  @IsOptional()
  @IsDateString()
  birthDate?: string;
  /** Who a `notify` task with recipient `guardian` sends an SMS to (docs/service-handlers.md). */
  @ApiPropertyOptional({ type: [GuardianDto], maxItems: MAX_GUARDIANS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GUARDIANS)
  // Each an object: class-validator would otherwise look inside a nested array.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GuardianDto)
  guardians?: GuardianDto[];
}

/** The student's guardians, replacing those on record ([] removes them all). */
export class ReplaceGuardiansDto {
  @ApiProperty({ type: [GuardianDto], maxItems: MAX_GUARDIANS })
  @IsArray()
  @ArrayMaxSize(MAX_GUARDIANS)
  // Each an object: class-validator would otherwise look inside a nested array.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => GuardianDto)
  guardians!: GuardianDto[];
}

/** GET /api/students: the search of "raise a concern" (docs/api.md, Finding a student). */
export class SearchStudentsQuery {
  @ApiProperty({
    minLength: 1,
    maxLength: 100,
    example: '20240117',
    description:
      "A student number (prefix, case-insensitive) or a student's exact full name (spaces, case and full-width letters aside)",
  })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'q must contain something other than white space' })
  q!: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 20, example: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  limit?: number;
}
