import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { CreateStudentDto } from './students.dto';
import { StudentsService } from './students.service';

@ApiTags('students')
@ApiBearerAuth()
@Controller('students')
export class StudentsController {
  constructor(private readonly students: StudentsService) {}

  @Post()
  create(@User() user: CurrentUser, @Body() body: CreateStudentDto) {
    return this.students.create(user, body);
  }

  @Get(':id')
  get(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.students.get(user, id);
  }
}
