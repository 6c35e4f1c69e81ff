import { ApiProperty } from '@nestjs/swagger';

export class PublishResult {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Every case the message reached: waiting cases it was correlated with, and cases it started',
  })
  correlatedInstances!: string[];
  @ApiProperty({ description: 'True when nothing waited and the message was kept for its time to live' })
  buffered!: boolean;
}
