import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class CreateStudentDto {
  /** The student's class node. */
  @ApiProperty({ format: 'uuid', description: 'The class' }) @IsUUID() orgUnitId!: string;
  @ApiProperty({ maxLength: 40 }) @IsString() @Length(1, 40) studentNo!: string;
  @ApiProperty({ maxLength: 100 }) @IsString() @Length(1, 100) name!: string;
  @ApiPropertyOptional({ enum: ['female', 'male', 'other'] })
  @IsOptional()
  @IsIn(['female', 'male', 'other'])
  gender?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @IsDateString() birthDate?: string;
}
