import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  type StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type CurrentUser, User } from '../auth/current-user';
import { READ_REASON_QUERY, ReadReasonPipe } from '../case-file/case-file.dto';
import { ApiOkPageOrCsv, csvAnswer, wantsCsv } from '../common/csv';
import { requestLanguage } from '../common/language';
import { BulkResults, eachItem } from '../common/bulk';
import {
  BulkCancelInstancesDto,
  CancelInstanceDto,
  HistoryQuery,
  ListInstancesQuery,
  StartInstanceDto,
} from './instances.dto';
import { InstancesService } from './instances.service';
import { HistoryEntryPage, InstanceDetail, InstanceSummaryPage } from './instances.responses';

@ApiTags('instances')
@ApiBearerAuth()
@Controller('instances')
export class InstancesController {
  constructor(private readonly instances: InstancesService) {}

  /**
   * Cancels each case as POST /api/instances/{id}/cancel would, with the same reason: per case
   * 202, or the problem that route answers (403, 404 outside scope, 409 ended or sealed). Before
   * the `:id` routes, so `bulk` is never read as an id.
   */
  @Post('bulk/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: BulkResults })
  cancelMany(@User() user: CurrentUser, @Body() body: BulkCancelInstancesDto): Promise<BulkResults> {
    return eachItem(body.ids, 202, (id) => this.instances.cancel(user, id, body.reason));
  }

  /** 201 with the case; 202 when its workflow started but its first step is not written yet. */
  @Post()
  @ApiCreatedResponse({ type: InstanceDetail })
  @ApiAcceptedResponse({
    type: InstanceDetail,
    description:
      'The workflow started but its first step is not written yet: the case goes on once its worker runs it',
  })
  async start(
    @User() user: CurrentUser,
    @Body() body: StartInstanceDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<InstanceDetail> {
    const { instance, firstStepWritten } = await this.instances.start(user, body);
    response.status(firstStepWritten ? 201 : 202);
    return instance;
  }

  @Get()
  @ApiOkPageOrCsv(
    InstanceSummaryPage,
    '\uFEFFid,businessKey,definitionKey,version,state,orgUnit,studentNo,startedAt,endedAt,updatedAt,overdueTasks,openIncidents,activeElements,parentId\r\n' +
      '3a9e…,s12-20240117,crisis-care,2,active,初二(3)班,20240117,2026-12-01T02:00:00.000Z,,2026-12-04T08:00:00.000Z,1,0,assess,\r\n',
  )
  async list(
    @User() user: CurrentUser,
    @Query() query: ListInstancesQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<InstanceSummaryPage | StreamableFile> {
    if (!wantsCsv(query.format, accept)) return this.instances.list(user, query);
    return csvAnswer(response, await this.instances.exportCsv(user, query));
  }

  /** A sealed case answers 403 without `?reason=` (docs/api.md). */
  @Get(':id')
  @ApiOkResponse({ type: InstanceDetail })
  @ApiQuery(READ_REASON_QUERY)
  get(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('reason', ReadReasonPipe) reason: string | undefined,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<InstanceDetail> {
    return this.instances.get(user, id, reason, languageOf(acceptLanguage));
  }

  @Get(':id/history')
  @ApiOkResponse({ type: HistoryEntryPage })
  history(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: HistoryQuery,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<HistoryEntryPage> {
    return this.instances.history(user, id, query, languageOf(acceptLanguage));
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'No body: the case is cancelled' })
  async cancel(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CancelInstanceDto,
  ): Promise<void> {
    await this.instances.cancel(user, id, body.reason);
  }
}

function languageOf(acceptLanguage: string | undefined) {
  return requestLanguage({ headers: { 'accept-language': acceptLanguage } });
}
