import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DeployedDecision } from '../decisions/decisions.responses';
import { ANY_OBJECT, PageOf, FORM_SCHEMA_EXAMPLE } from '../common/responses';

/** One problem of a diagram, named by its element (a warning here; errors come as a 400). */
export class DiagramProblemView {
  @ApiProperty({ description: "The element's id; empty for the document as a whole", example: 'assess' })
  elementId!: string;
  @ApiProperty({ example: 'bpmn:UserTask' }) elementType!: string;
  @ApiProperty({
    example: 'warning.unseenTask',
    description: 'Stable code of the problem (libs/bpmn/src/problem-catalogue.ts)',
  })
  code!: string;
  @ApiProperty({
    ...ANY_OBJECT,
    description: 'What the message says, as data: ids, names, numbers, nested {code, params} fragments',
    example: { elementId: 'assess' },
  })
  params!: Record<string, unknown>;
  @ApiProperty({
    description: 'The problem in the Accept-Language (zh-CN or en; English without it)',
    example: 'assess: a user task needs a candidate group, a candidate user or an assignee',
  })
  message!: string;
}

export class DeployedDefinition {
  @ApiProperty({ format: 'uuid', example: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a' }) id!: string;
  @ApiProperty({ description: 'The BPMN process id', example: 'crisis-care' }) key!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ type: String, nullable: true, example: '危机关护' }) name!: string | null;
  @ApiProperty({
    format: 'uuid',
    description: 'The unit that owns the key (fixed by version 1)',
    example: '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d',
  })
  ownerUnitId!: string;
  @ApiProperty({ type: [DiagramProblemView] }) warnings!: DiagramProblemView[];
  @ApiPropertyOptional({
    type: [DeployedDecision],
    description: 'The decisions deployed with it, when the request sent `decisions`',
  })
  decisions?: DeployedDecision[];
}

export class DefinitionSummary {
  @ApiProperty({ format: 'uuid', example: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a' }) id!: string;
  @ApiProperty({ example: 'crisis-care' }) key!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ type: String, nullable: true, example: '危机关护' }) name!: string | null;
  @ApiProperty({ format: 'uuid', example: '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d' }) ownerUnitId!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-04T08:00:00.000Z' }) deployedAt!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
  })
  deployedBy!: string | null;
}

/** A version as `GET /api/definitions` lists it: with who deployed it and its running cases. */
export class DefinitionVersionSummary extends DefinitionSummary {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The deployer's display name; null when unknown or when the key's owner unit is not on the caller's line (docs/versions.md)",
    example: '区心理中心 张主任',
  })
  deployedByName!: string | null;
  @ApiProperty({
    description:
      'Cases of this version that are active (including those stopped at an incident), counted within the caller’s scope only',
    example: 27,
  })
  runningInstances!: number;
}

export class DefinitionDetail extends DefinitionSummary {
  @ApiProperty({
    example:
      '<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions …><bpmn:process id="crisis-care" name="危机关护" isExecutable="true">…</bpmn:process></bpmn:definitions>',
  })
  xml!: string;
  @ApiProperty({
    ...ANY_OBJECT,
    description: 'form-js schemas by formId',
    example: {
      'initial-assessment': FORM_SCHEMA_EXAMPLE,
    },
  })
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
