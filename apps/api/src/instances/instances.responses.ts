import { ApiProperty } from '@nestjs/swagger';
import { StudentSummaryView } from '../case-file/case-context.responses';
import { ANY_OBJECT, PageOf } from '../common/responses';

/** `incident`: running, with an open incident (docs/api.md). */
export const CASE_STATES = ['active', 'completed', 'cancelled', 'incident'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export class InstanceSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() definitionKey!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, nullable: true }) businessKey!: string | null;
  @ApiProperty({ format: 'uuid' }) orgUnitId!: string;
  @ApiProperty() orgPath!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) studentId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The calling case' })
  parentId!: string | null;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' }) state!: CaseState;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty() overdueTasks!: number;
  @ApiProperty() openIncidents!: number;
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
  @ApiProperty() elementId!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
}

export class CaseIncident {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() elementId!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
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
  })
  variables!: Record<string, unknown> | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the case file was sealed: its reads then need ?reason=',
  })
  sealedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the case was purged (消档): its sealed content reads as null',
  })
  purgedAt!: string | null;
  @ApiProperty({ type: [CaseIncident], description: 'Open incidents, oldest first' })
  incidents!: CaseIncident[];
}

/** One entry of a case's audit chain. */
export class HistoryEntry {
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: String, nullable: true }) elementId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({
    ...ANY_OBJECT,
    nullable: true,
    description: "Sealed free text opened; in a student's file, null for a sealed case read without a reason",
  })
  data!: Record<string, unknown> | null;
  @ApiProperty({ description: "SHA-256 over the entry's canonical JSON including prevHash" }) hash!: string;
  @ApiProperty({ type: String, nullable: true }) prevHash!: string | null;
}

export class InstanceSummaryPage extends PageOf(InstanceSummary) {}

/** The history pages by seq: its cursor is the last seq of the page, as a string. */
export class HistoryEntryPage extends PageOf(HistoryEntry) {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the case was purged: sealed free text in `data` then reads as null',
  })
  purgedAt!: string | null;
}
