import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { CreateStudentDto, ReplaceGuardiansDto } from './students.dto';
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

  @Put(':id/guardians')
  @ApiOkResponse({ type: StudentView })
  replaceGuardians(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReplaceGuardiansDto,
  ): Promise<StudentView> {
    return this.students.replaceGuardians(user, id, body.guardians);
  }
}
