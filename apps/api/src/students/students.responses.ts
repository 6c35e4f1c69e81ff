import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class GuardianView {
  @ApiProperty() name!: string;
  @ApiProperty() relation!: string;
  @ApiProperty() phone!: string;
}

/** A student with their personal fields (stored encrypted, shown to those who see the class). */
export class StudentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The class' }) orgUnitId!: string;
  @ApiProperty() orgPath!: string;
  @ApiProperty() studentNo!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ enum: ['female', 'male', 'other'] }) gender?: string;
  @ApiPropertyOptional({ format: 'date' }) birthDate?: string;
  @ApiPropertyOptional({ type: [GuardianView] }) guardians?: GuardianView[];
}
