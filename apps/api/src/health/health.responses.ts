import { ApiProperty } from '@nestjs/swagger';

const UP_DOWN = ['up', 'down'] as const;

export class HealthView {
  @ApiProperty({ enum: ['up', 'degraded'] }) status!: 'up' | 'degraded';
  @ApiProperty({ enum: UP_DOWN }) temporal!: (typeof UP_DOWN)[number];
  @ApiProperty({ enum: UP_DOWN }) database!: (typeof UP_DOWN)[number];
}
