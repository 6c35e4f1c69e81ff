import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/responses';

export class IncidentView {
  @ApiProperty({ format: 'uuid', example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }) id!: string;
  @ApiProperty({ format: 'uuid', example: '3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d' }) instanceId!: string;
  @ApiProperty({ example: 'notify-guardian' }) elementId!: string;
  @ApiProperty({ example: 'notify: the SMS gateway answered 503' }) message!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-04T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) state!: 'open' | 'resolved';
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) resolvedAt!:
    string | null;
}

export class IncidentViewPage extends PageOf(IncidentView) {}
