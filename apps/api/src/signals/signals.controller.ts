import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { BroadcastSignalDto } from './signals.dto';
import { SignalsService } from './signals.service';
import { SignalBroadcastView } from './signals.responses';

@ApiTags('signals')
@ApiBearerAuth()
@Controller('signals')
export class SignalsController {
  constructor(private readonly signals: SignalsService) {}

  /**
   * 200 whether the signal reached cases, started some or reached nothing (the body says which);
   * 400 for an invalid body, 403 without a case-viewing role or outside `orgUnitId`'s scope,
   * 404 for an unknown `orgUnitId`.
   */
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: SignalBroadcastView })
  broadcast(@User() user: CurrentUser, @Body() body: BroadcastSignalDto): Promise<SignalBroadcastView> {
    return this.signals.broadcast(user, body);
  }
}
