import { ApiProperty } from '@nestjs/swagger';

/** What a broadcast reached (docs/signals.md). */
export class SignalBroadcastView {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Cases a signal start event started' })
  startedInstances!: string[];
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Waiting cases in the caller’s scope the signal triggered',
  })
  triggeredInstances!: string[];
}
