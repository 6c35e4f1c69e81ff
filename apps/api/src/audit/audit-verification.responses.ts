import { ApiProperty } from '@nestjs/swagger';
import type { ChainProblemKind } from '../../../../libs/persistence/src';

const CHAIN_PROBLEM_KINDS: readonly ChainProblemKind[] = [
  'broken-link',
  'unsigned',
  'unknown-key',
  'bad-signature',
  'head-mismatch',
];

export class ChainProblemView {
  @ApiProperty({ enum: CHAIN_PROBLEM_KINDS, enumName: 'ChainProblemKind' }) kind!: ChainProblemKind;
  @ApiProperty({ type: Number, nullable: true, description: 'The entry concerned, when there is one' })
  seq!: number | null;
  @ApiProperty() message!: string;
}

export class ChainHead {
  @ApiProperty() seq!: number;
  @ApiProperty() hash!: string;
}

export class ChainVerificationView {
  @ApiProperty({ format: 'uuid' }) instanceId!: string;
  @ApiProperty() valid!: boolean;
  @ApiProperty() entries!: number;
  @ApiProperty({ type: ChainHead, nullable: true, description: 'The signed head, when there is one' })
  head!: ChainHead | null;
  @ApiProperty({ type: [ChainProblemView] }) problems!: ChainProblemView[];
}
