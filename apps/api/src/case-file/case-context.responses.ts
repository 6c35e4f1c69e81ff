import { ApiProperty } from '@nestjs/swagger';

/** The student of a case in a list or on a task: shown only to callers who see the case. */
export class StudentSummaryView {
  @ApiProperty({ format: 'uuid', example: '0b7e9c52-3d1f-4a8e-9f60-2c5d8a41e7b3' }) id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '王小明',
    description: "Null only when the student's record does not open with this deployment's key",
  })
  name!: string | null;
  @ApiProperty({ example: '20240117' }) studentNo!: string;
  @ApiProperty({ example: '初二(3)班', description: "The name of the student's class" }) className!: string;
}

/** What a task shows of its case: keys and names, not code paths (docs/api.md, Cases in context). */
export class TaskCaseView {
  @ApiProperty({ format: 'uuid', example: '3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d' }) id!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'sa-20240117',
    description: 'Null for a caller who holds the task but does not see the case (a peer monitor)',
  })
  businessKey!: string | null;
  @ApiProperty({ example: 'crisis-care' }) definitionKey!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '危机关护',
    description: "The process's name in the diagram; null when it has none",
  })
  definitionName!: string | null;
  @ApiProperty({ format: 'uuid', example: '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e' }) orgUnitId!: string;
  @ApiProperty({ example: '初二(3)班', description: "The name of the case's org unit" }) orgUnitName!: string;
  @ApiProperty({ example: '/sh/pd/sa/g8/c3' }) orgPath!: string;
}
