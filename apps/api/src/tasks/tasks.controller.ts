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
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type CurrentUser, User } from '../auth/current-user';
import { READ_REASON_QUERY, ReadReasonPipe } from '../case-file/case-file.dto';
import { ApiOkPageOrCsv, csvAnswer, wantsCsv } from '../common/csv';
import { requestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';
import { BulkResults, eachItem } from '../common/bulk';
import {
  AssignTaskDto,
  BulkAssignTasksDto,
  CompleteTaskDto,
  ListTasksQuery,
  TaskCountsQuery,
} from './tasks.dto';
import { TasksService } from './tasks.service';
import { CompletedTask, TaskCounts, TaskDetail, TaskView, TaskViewPage } from './tasks.responses';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  /**
   * Assigns each task as POST /api/tasks/{id}/assign would: per task 200, or the problem that
   * route answers (400 a user who may not take it, 403 not a supervisor above the case, 404
   * outside scope, 409 closed or sealed). Before the `:id` routes, so `bulk` is never an id.
   */
  @Post('bulk/assign')
  @HttpCode(200)
  @ApiOkResponse({ type: BulkResults })
  assignMany(@User() user: CurrentUser, @Body() body: BulkAssignTasksDto): Promise<BulkResults> {
    return eachItem(body.taskIds, 200, (id) => this.tasks.assign(user, id, body.userId));
  }

  @Get()
  @ApiOkPageOrCsv(
    TaskViewPage,
    '\uFEFFid,name,elementId,state,assignee,candidateGroups,dueAt,priority,createdAt,instanceId,businessKey,definitionKey,orgUnit,studentNo\r\n' +
      '6f1c…,初步风险评估,assess,open,li.teacher,psychTeacher,2026-12-05T08:00:00.000Z,80,2026-12-04T08:00:00.000Z,3a9e…,s12-20240117,crisis-care,初二(3)班,20240117\r\n',
  )
  async list(
    @User() user: CurrentUser,
    @Query() query: ListTasksQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TaskViewPage | StreamableFile> {
    if (!wantsCsv(query.format, accept)) return this.tasks.list(user, query);
    return csvAnswer(response, await this.tasks.exportCsv(user, query));
  }

  /**
   * The inbox's tab counts (docs/api.md, Inbox counts). Before the `:id` routes, so `counts` is
   * never an id.
   */
  @Get('counts')
  @ApiOkResponse({ type: TaskCounts })
  counts(@User() user: CurrentUser, @Query() query: TaskCountsQuery): Promise<TaskCounts> {
    return this.tasks.counts(user, query);
  }

  /** A task of a sealed case answers 403 without `?reason=` (docs/api.md). */
  @Get(':id')
  @ApiOkResponse({ type: TaskDetail })
  @ApiQuery(READ_REASON_QUERY)
  get(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('reason', ReadReasonPipe) reason: string | undefined,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<TaskDetail> {
    return this.tasks.get(
      user,
      id,
      reason,
      requestLanguage({ headers: { 'accept-language': acceptLanguage } }),
    );
  }

  /** 409 when someone else holds it; 403 for a non-candidate. */
  @Post(':id/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskView })
  claim(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string): Promise<TaskView> {
    return this.tasks.claim(user, id);
  }

  /** The assignee or a supervisor of the case; 403 for anyone else. */
  @Post(':id/unclaim')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskView })
  unclaim(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string): Promise<TaskView> {
    return this.tasks.unclaim(user, id);
  }

  /** Supervisors only (403); 400 when the user cannot take the task. */
  @Post(':id/assign')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskView })
  assign(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AssignTaskDto,
  ): Promise<TaskView> {
    return this.tasks.assign(user, id, body.userId);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: CompletedTask })
  @ApiHeader({
    name: 'Accept-Language',
    required: false,
    description: 'zh-CN for Chinese form validation messages; English otherwise (docs/forms.md)',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried request with the same key is answered from the first one',
  })
  complete(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CompleteTaskDto,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<CompletedTask> {
    if (idempotencyKey !== undefined && !/^[A-Za-z0-9._:-]{1,100}$/.test(idempotencyKey)) {
      throw new ProblemException(400, 'Idempotency-Key must be 1-100 letters, digits, ".", "_", ":" or "-"');
    }
    return this.tasks.complete(
      user,
      id,
      body.variables ?? {},
      idempotencyKey,
      requestLanguage({ headers: { 'accept-language': acceptLanguage } }),
    );
  }
}
