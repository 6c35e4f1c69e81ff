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

export class DefinitionDetail extends DefinitionSummary {
  @ApiProperty() xml!: string;
  @ApiProperty({ ...ANY_OBJECT, description: 'form-js schemas by formId' })
  forms!: Record<string, unknown>;
}

export class DefinitionSummaryPage extends PageOf(DefinitionSummary) {}
