import { ApiProperty } from '@nestjs/swagger';

export class PublishResult {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Every case the message reached: waiting cases it was correlated with, and cases it started',
    example: ['3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d'],
  })
  correlatedInstances!: string[];
  @ApiProperty({
    description: 'True when nothing waited and the message was kept for its time to live',
    example: false,
  })
  buffered!: boolean;
}
