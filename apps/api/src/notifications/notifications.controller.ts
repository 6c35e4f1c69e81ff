import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { ListNotificationsQuery } from './notifications.dto';
import { NotificationsService } from './notifications.service';
import { NotificationView, NotificationViewPage } from './notifications.responses';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** The caller's own, newest first. */
  @Get()
  @ApiOkResponse({ type: NotificationViewPage })
  list(@User() user: CurrentUser, @Query() query: ListNotificationsQuery): Promise<NotificationViewPage> {
    return this.notifications.list(user, query);
  }

  /** 200 with the notification; 404 when it is not the caller's. */
  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  read(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationView> {
    return this.notifications.markRead(user, id);
  }
}
