import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { PublishMessageDto } from './messages.dto';
import { MessagesService } from './messages.service';
import { PublishResult } from './messages.responses';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  /**
   * 200 whether the message reached cases, was buffered or reached nothing (the body says which);
   * 400 for an invalid body, 403 without a case-viewing role or outside `orgUnitId`'s scope.
   */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: PublishResult })
  publish(@User() user: CurrentUser, @Body() body: PublishMessageDto): Promise<PublishResult> {
    return this.messages.publish(user, body);
  }
}
