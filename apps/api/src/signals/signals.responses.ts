import { ApiProperty } from '@nestjs/swagger';

/** What a broadcast reached (docs/signals.md). */
export class SignalBroadcastView {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Cases a signal start event started',
    example: ['3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d'],
  })
  startedInstances!: string[];
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Waiting cases in the caller’s scope the signal triggered',
    example: ['b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e'],
  })
  triggeredInstances!: string[];
}
