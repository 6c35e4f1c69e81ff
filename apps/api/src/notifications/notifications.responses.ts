import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../common/responses';

/** An in-app notice. `title` is generic by design: it never holds case content. */
export class NotificationView {
  @ApiProperty({ format: 'uuid', example: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a' }) id!: string;
  @ApiProperty({ example: 'task.assigned' }) kind!: string;
  @ApiProperty({ example: '你有一项新任务' }) title!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '3a9e2c1d-5b7f-4e60-8d21-9c4b3a2f1e0d',
  })
  instanceId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '6f1c2d3e-4b5a-4c7d-9e8f-0a1b2c3d4e5f',
  })
  taskId!: string | null;
  @ApiProperty({ example: '/sh/pd/sa/g8/c3' }) orgPath!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-04T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) readAt!: string | null;
}

export class NotificationViewPage extends PageOf(NotificationView) {}
