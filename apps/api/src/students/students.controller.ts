import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { requestLanguage } from '../common/language';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { HistoryQuery } from '../instances/instances.dto';
import { InstancesService } from '../instances/instances.service';
import { CreateStudentDto, ReplaceGuardiansDto, SearchStudentsQuery } from './students.dto';
import { StudentsService } from './students.service';
import { StudentFileView, StudentSearchResults, StudentView } from './students.responses';

@ApiTags('students')
@ApiBearerAuth()
@Controller('students')
export class StudentsController {
  constructor(
    private readonly students: StudentsService,
    private readonly instances: InstancesService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: StudentView })
  create(@User() user: CurrentUser, @Body() body: CreateStudentDto): Promise<StudentView> {
    return this.students.create(user, body);
  }

  /**
   * Finds students in the caller's scope by number prefix or exact full name, with their open
   * cases: the search of "raise a concern" (docs/api.md, Finding a student).
   */
  @Get()
  @ApiOkResponse({ type: StudentSearchResults })
  search(@User() user: CurrentUser, @Query() query: SearchStudentsQuery): Promise<StudentSearchResults> {
    return this.students.search(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: StudentView })
  get(@User() user: CurrentUser, @Param('id', ParseUUIDPipe) id: string): Promise<StudentView> {
    return this.students.get(user, id);
  }

  /**
   * The student's file (一生一档): every case of the student the caller sees and their histories
   * as one chronology, oldest first. `cursor` is the number of events already read.
   */
  @Get(':id/file')
  @ApiOkResponse({ type: StudentFileView })
  file(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: HistoryQuery,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<StudentFileView> {
    return this.instances.studentFile(
      user,
      id,
      query,
      requestLanguage({ headers: { 'accept-language': acceptLanguage } }),
    );
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
