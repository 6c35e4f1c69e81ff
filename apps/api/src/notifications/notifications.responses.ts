import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/responses';

/** An in-app notice. `title` is generic by design: it never holds case content. */
export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) instanceId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) taskId!: string | null;
  @ApiProperty() orgPath!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;
}

export class NotificationViewPage extends PageOf(NotificationView) {}
