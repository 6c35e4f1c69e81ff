import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DeployedDecision } from '../decisions/decisions.responses';
import { ANY_OBJECT, PageOf } from '../common/responses';

/** One problem of a diagram, named by its element (a warning here; errors come as a 400). */
export class DiagramProblemView {
  @ApiProperty({ description: "The element's id; empty for the document as a whole" }) elementId!: string;
  @ApiProperty({ example: 'bpmn:UserTask' }) elementType!: string;
  @ApiProperty({
    example: 'warning.unseenTask',
    description: 'Stable code of the problem (libs/bpmn/src/problem-catalogue.ts)',
  })
  code!: string;
  @ApiProperty({
    ...ANY_OBJECT,
    description: 'What the message says, as data: ids, names, numbers, nested {code, params} fragments',
  })
  params!: Record<string, unknown>;
  @ApiProperty({ description: 'The problem in the Accept-Language (zh-CN or en; English without it)' })
  message!: string;
}

export class DeployedDefinition {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The BPMN process id' }) key!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The unit that owns the key (fixed by version 1)' })
  ownerUnitId!: string;
  @ApiProperty({ type: [DiagramProblemView] }) warnings!: DiagramProblemView[];
  @ApiPropertyOptional({
    type: [DeployedDecision],
    description: 'The decisions deployed with it, when the request sent `decisions`',
  })
  decisions?: DeployedDecision[];
}

export class DefinitionSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ format: 'uuid' }) ownerUnitId!: string;
  @ApiProperty({ format: 'date-time' }) deployedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) deployedBy!: string | null;
}

/** A version as `GET /api/definitions` lists it: with who deployed it and its running cases. */
export class DefinitionVersionSummary extends DefinitionSummary {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The deployer's display name; null when unknown or when the key's owner unit is not on the caller's line (docs/versions.md)",
  })
  deployedByName!: string | null;
  @ApiProperty({
    description:
      'Cases of this version that are active (including those stopped at an incident), counted within the caller’s scope only',
  })
  runningInstances!: number;
}

export class DefinitionDetail extends DefinitionSummary {
  @ApiProperty() xml!: string;
  @ApiProperty({ ...ANY_OBJECT, description: 'form-js schemas by formId' })
  forms!: Record<string, unknown>;
}

export class DefinitionSummaryPage extends PageOf(DefinitionVersionSummary) {}

export class ElementStatisticsView {
  @ApiProperty({ example: 'assess' }) elementId!: string;
  @ApiProperty({ example: 3, description: 'Tokens waiting at the element now' }) active!: number;
  @ApiProperty({ example: 1, description: 'Open user tasks at the element past their due time' })
  overdue!: number;
  @ApiProperty({ example: 0, description: 'Open incidents at the element' }) incidents!: number;
  @ApiProperty({
    example: 12,
    description: 'Times a token left the element (terminated passages not counted)',
  })
  completed!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 5400000,
    description: 'Mean time from entering to leaving over the completed passages; null with none',
  })
  avgDurationMs!: number | null;
}

export class DefinitionStatistics {
  @ApiProperty({
    type: [ElementStatisticsView],
    description:
      'Elements with any count, over the cases of this version that the caller sees, by element id',
  })
  items!: ElementStatisticsView[];
}
