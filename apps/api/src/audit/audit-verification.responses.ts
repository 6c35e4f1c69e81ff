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
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The entry concerned, when there is one',
    example: 17,
  })
  seq!: number | null;
  @ApiProperty({ example: 'entry 17: the hash does not match its content' }) message!: string;
}

export class ChainHead {
  @ApiProperty({ example: 42 }) seq!: number;
  @ApiProperty({ example: '9f2c4e1a7b3d5f60812e4c9a0b7d3f5e1c2a4b6d8e0f1a3c5e7b9d2f4a6c8e0b' }) hash!: string;
}

export class ChainVerificationView {
  @ApiProperty({ format: 'uuid', example: '3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d' }) instanceId!: string;
  @ApiProperty({ example: true }) valid!: boolean;
  @ApiProperty({ example: 42 }) entries!: number;
  @ApiProperty({ type: ChainHead, nullable: true, description: 'The signed head, when there is one' })
  head!: ChainHead | null;
  @ApiProperty({ type: [ChainProblemView] }) problems!: ChainProblemView[];
}
