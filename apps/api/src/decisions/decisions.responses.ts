import { ApiProperty } from '@nestjs/swagger';

/** One decision of a deployed DMN file, as that deploy left it (docs/api.md, POST /api/decisions). */
export class DeployedDecision {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "The DMN decision's id, what zeebe:calledDecision decisionId names" })
  decisionId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ description: 'False when the same file already is this decision’s latest version' })
  created!: boolean;
}

export class DeployedDecisions {
  @ApiProperty({ type: [DeployedDecision] }) items!: DeployedDecision[];
}

/** The latest version of one decision id. */
export class DecisionSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() decisionId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The unit that owns the decision id (fixed by version 1)' })
  ownerUnitId!: string;
  @ApiProperty({ format: 'date-time' }) deployedAt!: string;
}

export class DecisionSummaryList {
  @ApiProperty({ type: [DecisionSummary] }) items!: DecisionSummary[];
}
