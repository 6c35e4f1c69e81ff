import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { CreateStudentDto } from './students.dto';
import { StudentsService } from './students.service';
import { StudentView } from './students.responses';

@ApiTags('students')
@ApiBearerAuth()
@Controller('students')
export class StudentsController {
  constructor(private readonly students: StudentsService) {}

  @Post()
  @ApiCreatedResponse({ type: StudentView })
  create(@User() user: CurrentUser, @Body() body: CreateStudentDto): Promise<StudentView> {
    return this.students.create(user, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: StudentView })
  get(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string): Promise<StudentView> {
    return this.students.get(user, id);
  }
}
