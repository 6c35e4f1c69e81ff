import { ApiProperty } from '@nestjs/swagger';
import { StudentSummaryView } from '../case-file/case-context.responses';
import { LegalHoldView } from '../confidentiality/confidentiality.responses';
import { ANY_OBJECT, PageOf } from '../common/responses';

/** `incident`: running, with an open incident (docs/api.md). */
export const CASE_STATES = ['active', 'completed', 'cancelled', 'incident'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export class InstanceSummary {
  @ApiProperty({ format: 'uuid', example: '3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d' }) id!: string;
  @ApiProperty({ example: 'crisis-care' }) definitionKey!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ type: String, nullable: true, example: 'sa-20240117' }) businessKey!: string | null;
  @ApiProperty({ format: 'uuid', example: '7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e' }) orgUnitId!: string;
  @ApiProperty({ example: '/sh/pd/sa/g8/c3' }) orgPath!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '0b7e9c52-3d1f-4a8e-9f60-2c5d8a41e7b3',
  })
  studentId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The calling case',
    example: null,
  })
  parentId!: string | null;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' }) state!: CaseState;
  @ApiProperty({ format: 'date-time', example: '2026-12-04T08:00:00.000Z' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) endedAt!: string | null;
  @ApiProperty({
    format: 'date-time',
    example: '2026-12-04T08:00:00.000Z',
    description: 'When the case last moved on (a step, a task action): the `stuckDays` filter reads it',
  })
  updatedAt!: string;
  @ApiProperty({ example: 1 }) overdueTasks!: number;
  @ApiProperty({ example: 0 }) openIncidents!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '危机关护',
    description: "The process's name in the diagram; null when it has none",
  })
  definitionName!: string | null;
  @ApiProperty({ example: '初二(3)班', description: "The name of the case's org unit" }) orgUnitName!: string;
  @ApiProperty({
    type: StudentSummaryView,
    nullable: true,
    description:
      'The case’s student; null for a case without one, a purged case, and in lists and files for a sealed case',
  })
  student!: StudentSummaryView | null;
}

/** An open task of a case, as the case page lists them. */
export class CaseOpenTask {
  @ApiProperty({ format: 'uuid', example: '6f1c2d3e-4b5a-4c7d-9e8f-0a1b2c3d4e5f' }) id!: string;
  @ApiProperty({ example: 'assess' }) elementId!: string;
  @ApiProperty({ type: String, nullable: true, example: '初步风险评估' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'li.teacher', description: 'A username' })
  assignee!: string | null;
  @ApiProperty({ type: [String], example: ['psychTeacher'] }) candidateGroups!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-12-05T08:00:00.000Z' })
  dueAt!: string | null;
}

export class ActiveElement {
  @ApiProperty({ example: 'assess' }) elementId!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-04T08:00:00.000Z' }) since!: string;
}

export class CaseIncident {
  @ApiProperty({ format: 'uuid', example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }) id!: string;
  @ApiProperty({ example: 'notify-guardian' }) elementId!: string;
  @ApiProperty({ example: 'notify: the SMS gateway answered 503' }) message!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-04T08:00:00.000Z' }) createdAt!: string;
}

export class InstanceDetail extends InstanceSummary {
  @ApiProperty({
    format: 'uuid',
    example: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
    description: 'The definition version',
  })
  definitionId!: string;
  @ApiProperty({ type: [CaseOpenTask], description: 'Open tasks, due soonest first' })
  openTasks!: CaseOpenTask[];
  @ApiProperty({ type: [ActiveElement] }) activeElements!: ActiveElement[];
  @ApiProperty({
    ...ANY_OBJECT,
    nullable: true,
    description: 'The process-level variables, sealed values opened; null once the case is purged (purgedAt)',
    example: { riskLevel: 'high', concern: '近期情绪低落，多次缺课', source: 'classTeacher' },
  })
  variables!: Record<string, unknown> | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the case file was sealed: its reads then need ?reason=',
    example: null,
  })
  sealedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the case was purged (消档): its sealed content reads as null',
    example: null,
  })
  purgedAt!: string | null;
  @ApiProperty({
    type: LegalHoldView,
    nullable: true,
    description: 'The active legal hold: the case is not purged while it lasts',
  })
  legalHold!: LegalHoldView | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'Set when the caller reads this case under an emergency access (break-glass) grant: when it ends',
    example: null,
  })
  breakGlassUntil!: string | null;
  @ApiProperty({ type: [CaseIncident], description: 'Open incidents, oldest first' })
  incidents!: CaseIncident[];
}

/** One entry of a case's audit chain. */
export class HistoryEntry {
  @ApiProperty({ example: 7 }) seq!: number;
  @ApiProperty({ format: 'date-time', example: '2026-12-05T08:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 'task.completed' }) type!: string;
  @ApiProperty({ type: String, nullable: true, example: 'assess' }) elementId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'li.teacher' }) actor!: string | null;
  @ApiProperty({
    ...ANY_OBJECT,
    nullable: true,
    description: "Sealed free text opened; in a student's file, null for a sealed case read without a reason",
    example: { taskId: '6f1c2d3e-4b5a-4c7d-9e8f-0a1b2c3d4e5f', fields: ['riskLevel'] },
  })
  data!: Record<string, unknown> | null;
  @ApiProperty({
    description: "SHA-256 over the entry's canonical JSON including prevHash",
    example: '9f2c4e1a7b3d5f60812e4c9a0b7d3f5e1c2a4b6d8e0f1a3c5e7b9d2f4a6c8e0b',
  })
  hash!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '4b6d8e0f1a3c5e7b9d2f4a6c8e0b9f2c4e1a7b3d5f60812e4c9a0b7d3f5e1c2a',
  })
  prevHash!: string | null;
}

export class InstanceSummaryPage extends PageOf(InstanceSummary) {}

/** The history pages by seq: its cursor is the last seq of the page, as a string. */
export class HistoryEntryPage extends PageOf(HistoryEntry) {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the case was purged: sealed free text in `data` then reads as null',
    example: null,
  })
  purgedAt!: string | null;
}
