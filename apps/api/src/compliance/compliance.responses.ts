import { ApiProperty } from '@nestjs/swagger';

export const COMPLIANCE_STATUSES = ['onTime', 'late', 'open', 'overdue', 'cancelled'] as const;

export class ComplianceActor {
  @ApiProperty({ format: 'uuid', example: '5f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e' }) id!: string;
  @ApiProperty({ example: '心理教师 李' }) displayName!: string;
}

export class ComplianceEscalation {
  @ApiProperty({ example: 'assessment-overdue', description: 'The boundary timer that fired' })
  elementId!: string;
  @ApiProperty({ example: '超过 24 小时' }) name!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-05T02:00:00.000Z' }) firedAt!: string;
}

export class ComplianceEvidenceEntry {
  @ApiProperty({ example: '1042', description: 'The audit_event row' }) auditEventId!: string;
  @ApiProperty({ example: 7, description: 'Its place in the case’s chain (the timeline’s entry)' })
  seq!: number;
  @ApiProperty({ example: 'task.completed' }) type!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-05T05:03:00.000Z' }) at!: string;
  @ApiProperty({ example: '9f2c…', description: 'The entry’s hash (sha-256, hex) in the chain' })
  hash!: string;
}

export class ComplianceItem {
  @ApiProperty({ example: 'initial-assessment' }) elementId!: string;
  @ApiProperty({ example: '初步风险评估', description: 'The step’s name in the diagram, else its id' })
  name!: string;
  @ApiProperty({ format: 'uuid', example: '0b7e9c52-3d1f-4a8e-9f60-2c5d8a41e7b3' }) taskId!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-05T02:00:00.000Z' }) dueAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-12-05T05:03:00.000Z' })
  completedAt!: string | null;
  @ApiProperty({
    type: ComplianceActor,
    nullable: true,
    description: 'Who completed it; null unless completed',
  })
  actor!: ComplianceActor | null;
  @ApiProperty({
    example: 10_980_000,
    description:
      'How late: completed after the due date; open past it until now; withdrawn after it until then. 0 otherwise',
  })
  lateByMs!: number;
  @ApiProperty({ enum: COMPLIANCE_STATUSES, enumName: 'ComplianceStatus' })
  status!: (typeof COMPLIANCE_STATUSES)[number];
  @ApiProperty({ type: [ComplianceEscalation] }) escalations!: ComplianceEscalation[];
  @ApiProperty({ type: [ComplianceEvidenceEntry] }) evidence!: ComplianceEvidenceEntry[];
}

export class ComplianceChain {
  @ApiProperty({
    example: true,
    description: 'The case’s audit chain verifies: every link and its signed head',
  })
  verified!: boolean;
  @ApiProperty({ example: 42 }) entries!: number;
}

export class ComplianceReview {
  @ApiProperty({ format: 'uuid', example: '3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d' }) instanceId!: string;
  @ApiProperty({ type: String, nullable: true, example: 's12-20240117' }) businessKey!: string | null;
  @ApiProperty({ example: 'crisis-care' }) definitionKey!: string;
  @ApiProperty({ example: '危机干预个案' }) processName!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ example: '七年级2班' }) orgUnitName!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-05T06:00:00.000Z' }) generatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) sealedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) purgedAt!: string | null;
  @ApiProperty({ type: [ComplianceItem] }) items!: ComplianceItem[];
  @ApiProperty({ type: ComplianceChain }) chain!: ComplianceChain;
}

export class LateStep {
  @ApiProperty({ format: 'uuid', example: '3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d' }) instanceId!: string;
  @ApiProperty({ type: String, nullable: true, example: 's12-20240117' }) businessKey!: string | null;
  @ApiProperty({ example: '第一中学', description: 'The case’s school' }) orgUnitName!: string;
  @ApiProperty({ example: 'initial-assessment' }) elementId!: string;
  @ApiProperty({ example: '初步风险评估' }) name!: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-05T02:00:00.000Z' }) dueAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-05T05:03:00.000Z',
    description: 'Null: still open',
  })
  completedAt!: string | null;
  @ApiProperty({ example: 10_980_000, description: 'Completed this late, or overdue this long until now' })
  lateByMs!: number;
  @ApiProperty({ type: ComplianceActor, nullable: true }) actor!: ComplianceActor | null;
  @ApiProperty({ example: true, description: 'An escalation timer fired on the step while it was open' })
  escalated!: boolean;
}

export class LateStepsReport {
  @ApiProperty({ type: [LateStep] }) items!: LateStep[];
  @ApiProperty({ example: false, description: 'More than the first 2000 late steps matched' })
  truncated!: boolean;
}
