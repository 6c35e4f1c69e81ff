import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { BulkResults, eachItem } from '../common/bulk';
import { BulkRetryIncidentsDto, ListIncidentsQuery, RetryIncidentDto } from './incidents.dto';
import { IncidentsService } from './incidents.service';
import { IncidentViewPage } from './incidents.responses';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  /**
   * Retries each incident as POST /api/incidents/{id}/retry would, each with the same
   * `variables`: per incident 202, or the problem that route answers (403, 404 outside scope,
   * 409 resolved). Before the `:id` routes, so `bulk` is never read as an id.
   */
  @Post('bulk/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: BulkResults })
  retryMany(@User() user: CurrentUser, @Body() body: BulkRetryIncidentsDto): Promise<BulkResults> {
    return eachItem(body.ids, 202, (id) => this.incidents.retry(user, id, body.variables ?? {}));
  }

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
