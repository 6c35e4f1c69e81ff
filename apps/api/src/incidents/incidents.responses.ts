import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/responses';

export class IncidentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) instanceId!: string;
  @ApiProperty() elementId!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) state!: 'open' | 'resolved';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
}

export class IncidentViewPage extends PageOf(IncidentView) {}
