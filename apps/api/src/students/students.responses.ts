import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HistoryEntry, InstanceSummary } from '../instances/instances.responses';

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

/** One entry of a student's file: a history entry of one of the student's cases. */
export class StudentFileEvent extends HistoryEntry {
  @ApiProperty({ format: 'uuid' }) instanceId!: string;
  @ApiProperty({ type: String, nullable: true }) definitionKey!: string | null;
}

/** A case of the student's file: its summary, and whether its file is sealed or purged. */
export class StudentFileCase extends InstanceSummary {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Sealed: its entries need ?reason=',
  })
  sealedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Purged (消档)' })
  purgedAt!: string | null;
}

/** The student's file (一生一档): the student, their cases, and every case's history in time order. */
export class StudentFileView {
  @ApiProperty({ type: StudentView }) student!: StudentView;
  @ApiProperty({ type: [StudentFileCase], description: 'The cases the caller sees, oldest first' })
  cases!: StudentFileCase[];
  @ApiProperty({ type: [StudentFileEvent], description: 'Oldest first, across all the cases' })
  events!: StudentFileEvent[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Events already read, as the next cursor; null at the end',
  })
  nextCursor!: string | null;
}
