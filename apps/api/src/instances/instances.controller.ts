import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type CurrentUser, User } from '../auth/current-user';
import { CancelInstanceDto, HistoryQuery, ListInstancesQuery, StartInstanceDto } from './instances.dto';
import { InstancesService } from './instances.service';

@ApiTags('instances')
@ApiBearerAuth()
@Controller('instances')
export class InstancesController {
  constructor(private readonly instances: InstancesService) {}

  /** 201 with the case; 202 when its workflow started but its first step is not written yet. */
  @Post()
  async start(
    @User() user: CurrentUser,
    @Body() body: StartInstanceDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { instance, firstStepWritten } = await this.instances.start(user, body);
    response.status(firstStepWritten ? 201 : 202);
    return instance;
  }

  @Get()
  list(@User() user: CurrentUser, @Query() query: ListInstancesQuery) {
    return this.instances.list(user, query);
  }

  @Get(':id')
  get(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.instances.get(user, id);
  }

  @Get(':id/history')
  history(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: HistoryQuery) {
    return this.instances.history(user, id, query);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  async cancel(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CancelInstanceDto,
  ): Promise<void> {
    await this.instances.cancel(user, id, body.reason);
  }
}
