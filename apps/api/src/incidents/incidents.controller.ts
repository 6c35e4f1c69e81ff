import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { ListIncidentsQuery, RetryIncidentDto } from './incidents.dto';
import { IncidentsService } from './incidents.service';
import { IncidentViewPage } from './incidents.responses';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @ApiOkResponse({ type: IncidentViewPage })
  list(@User() user: CurrentUser, @Query() query: ListIncidentsQuery): Promise<IncidentViewPage> {
    return this.incidents.list(user, query);
  }

  /** 202 once the case has retried; 403 without a supervising role, 404 outside scope, 409 when not open. */
  @Post(':id/retry')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'No body: the case has retried' })
  async retry(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RetryIncidentDto,
  ): Promise<void> {
    await this.incidents.retry(user, id, body.variables ?? {});
  }
}
