import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { ProblemException } from '../common/problem.filter';
import { CompleteTaskDto, ListTasksQuery } from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  list(@User() user: CurrentUser, @Query() query: ListTasksQuery) {
    return this.tasks.list(user, query);
  }

  @Get(':id')
  get(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.tasks.get(user, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  complete(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CompleteTaskDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    if (idempotencyKey !== undefined && !/^[A-Za-z0-9._:-]{1,100}$/.test(idempotencyKey)) {
      throw new ProblemException(400, 'Idempotency-Key must be 1-100 letters, digits, ".", "_", ":" or "-"');
    }
    return this.tasks.complete(user, id, body.variables ?? {}, idempotencyKey);
  }
}
