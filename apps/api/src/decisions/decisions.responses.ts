import { ApiProperty } from '@nestjs/swagger';

/** One decision of a deployed DMN file, as that deploy left it (docs/api.md, POST /api/decisions). */
export class DeployedDecision {
  @ApiProperty({ format: 'uuid', example: '8e9f0a1b-2c3d-4e5f-a6b7-c8d9e0f1a2b3' }) id!: string;
  @ApiProperty({
    description: "The DMN decision's id, what zeebe:calledDecision decisionId names",
    example: 'risk-level',
  })
  decisionId!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ type: String, nullable: true, example: '风险分级' }) name!: string | null;
  @ApiProperty({
    description: 'False when the same file already is this decision’s latest version',
    example: true,
  })
  created!: boolean;
}

export class DeployedDecisions {
  @ApiProperty({ type: [DeployedDecision] }) items!: DeployedDecision[];
}

/** The latest version of one decision id. */
export class DecisionSummary {
  @ApiProperty({ format: 'uuid', example: '8e9f0a1b-2c3d-4e5f-a6b7-c8d9e0f1a2b3' }) id!: string;
  @ApiProperty({ example: 'risk-level' }) decisionId!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ type: String, nullable: true, example: '风险分级' }) name!: string | null;
  @ApiProperty({
    format: 'uuid',
    description: 'The unit that owns the decision id (fixed by version 1)',
    example: '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d',
  })
  ownerUnitId!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-04T08:00:00.000Z' }) deployedAt!: string;
}

export class DecisionSummaryList {
  @ApiProperty({ type: [DecisionSummary] }) items!: DecisionSummary[];
}
