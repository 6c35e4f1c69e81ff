import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class CreateStudentDto {
  /** The student's class node. */
  @IsUUID() orgUnitId!: string;
  @IsString() @Length(1, 40) studentNo!: string;
  @IsString() @Length(1, 100) name!: string;
  @IsOptional() @IsIn(['female', 'male', 'other']) gender?: string;
  @IsOptional() @IsDateString() birthDate?: string;
}
