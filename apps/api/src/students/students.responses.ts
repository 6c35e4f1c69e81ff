import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HistoryEntry, InstanceSummary } from '../instances/instances.responses';

export class GuardianView {
  @ApiProperty({ example: '李梅' }) name!: string;
  @ApiProperty({ example: '母亲' }) relation!: string;
  @ApiProperty({ example: '13812345678' }) phone!: string;
}

/** A student with their personal fields (stored encrypted, shown to those who see the class). */
export class StudentView {
  @ApiProperty({ format: 'uuid', example: '0b7e9c52-3d1f-4a8e-9f60-2c5d8a41e7b3' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The class', example: '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e' })
  orgUnitId!: string;
  @ApiProperty({ example: '/sh/pd/sa/g8/c3' }) orgPath!: string;
  @ApiProperty({ example: '20240117' }) studentNo!: string;
  @ApiProperty({ example: '王小明' }) name!: string;
  @ApiPropertyOptional({ enum: ['female', 'male', 'other'] }) gender?: string;
  @ApiPropertyOptional({ format: 'date', example: '2011-03-14' }) birthDate?: string;
  @ApiPropertyOptional({ type: [GuardianView] }) guardians?: GuardianView[];
}

/** One entry of a student's file: a history entry of one of the student's cases. */
export class StudentFileEvent extends HistoryEntry {
  @ApiProperty({ format: 'uuid', example: '3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d' }) instanceId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'crisis-care' }) definitionKey!: string | null;
}

/** A case of the student's file: its summary, and whether its file is sealed or purged. */
export class StudentFileCase extends InstanceSummary {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Sealed: its entries need ?reason=',
    example: null,
  })
  sealedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Purged (消档)',
    example: null,
  })
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
    example: '500',
  })
  nextCursor!: string | null;
}

/** An open case of a found student: continue it rather than start a second one. */
export class StudentOpenCase {
  @ApiProperty({ format: 'uuid', example: '3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d' }) instanceId!: string;
  @ApiProperty({ example: 'crisis-care' }) definitionKey!: string;
}

/** A student found by number or name, with their open cases (docs/api.md, Finding a student). */
export class StudentSearchHit {
  @ApiProperty({ format: 'uuid', example: '0b7e9c52-3d1f-4a8e-9f60-2c5d8a41e7b3' }) id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '王小明',
    description: "Null only when the record does not open with this deployment's key",
  })
  name!: string | null;
  @ApiProperty({ example: '20240117' }) studentNo!: string;
  @ApiProperty({ example: '初二(3)班', description: "The name of the student's class" }) className!: string;
  @ApiProperty({ format: 'uuid', example: '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e', description: 'The class' })
  orgUnitId!: string;
  @ApiProperty({
    type: [StudentOpenCase],
    description: 'Top-level cases of the student that are running and not sealed',
  })
  openCases!: StudentOpenCase[];
}

export class StudentSearchResults {
  @ApiProperty({ type: [StudentSearchHit], description: 'At most `limit`, by student number' })
  items!: StudentSearchHit[];
}
