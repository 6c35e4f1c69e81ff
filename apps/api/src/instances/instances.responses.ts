import { ApiProperty } from '@nestjs/swagger';
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
