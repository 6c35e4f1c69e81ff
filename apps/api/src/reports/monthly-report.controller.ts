import { Controller, Get, Headers, Query, type StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { wantsCsv } from '../common/csv';
import { requestLanguage } from '../common/language';
import { MonthlyReportQuery } from './monthly-report.dto';
import { MonthlyReport } from './monthly-report.responses';
import { MonthlyReportService } from './monthly-report.service';

const CSV_EXAMPLE =
  '\uFEFFrow,orgUnitId,name,month,exact,submitted,submittedAt,submittedBy,newCases,closedCases,openAtMonthEnd,byRiskLevel.low,byRiskLevel.moderate,byRiskLevel.high,byRiskLevel.imminent,byRiskLevel.unknown,overdueOpenTasks,referrals,referralOutcomes.admitted,referralOutcomes.outpatient,referralOutcomes.notNeeded,referralOutcomes.unknown,homeVisitsDone,homeVisitsDue,screeningCoverage\r\n' +
  'school,7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e,第一中学,2026-11,false,true,2026-12-03T02:15:00.000Z,心理教师 李,12,0,11,6,5,0,0,0,7,0,0,0,0,0,5,9,\r\n' +
  'school,8d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6,第二中学,2026-11,false,false,,,<5,0,<5,<5,*,0,0,0,0,0,0,0,0,0,0,0,\r\n' +
  'rollup,d4e5f6a7-b8c9-4d0e-8f1a-b2c3d4e5f6a7,城区,2026-11,false,,,,15,0,14,8,6,0,0,0,7,0,0,0,0,0,5,9,\r\n';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class MonthlyReportController {
  constructor(private readonly reports: MonthlyReportService) {}

  @Get('monthly')
  @ApiOperation({
    summary: 'The monthly report (月报) of a school, or of every school below a district, for a month',
    description:
      'Needs psychTeacher, principal, psychLead, districtSupervisor or admin (403 otherwise) at the unit or above it; ' +
      'an unknown unit and one outside the caller’s scope both answer 404. 400 naming `orgUnitId` (missing, not a UUID, a grade or class), `month` (not YYYY-MM, or after this month) or `format`, in the Accept-Language. ' +
      'Counts between 1 and 4 of a school the caller is not staff of are null (reason `small`), and so are the counts that would give them away (`complementary`); see docs/api.md#monthly-report. Audited.',
  })
  @ApiExtraModels(MonthlyReport)
  @ApiOkResponse({
    description:
      'The report as JSON; with `Accept: text/csv` or `format=csv` the same report as a CSV file (UTF-8 with BOM; a suppressed count reads `<5` or `*`)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(MonthlyReport) } },
      'text/csv': { schema: { type: 'string' }, example: CSV_EXAMPLE },
    },
  })
  async monthly(
    @User() user: CurrentUser,
    @Query() query: MonthlyReportQuery,
    @Headers('accept') accept: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<MonthlyReport | StreamableFile> {
    const language = requestLanguage({ headers: { 'accept-language': acceptLanguage } });
    // An explicit format wins over Accept; a wrong one is answered 400 by the service.
    const csv = query.format === undefined ? wantsCsv(undefined, accept) : query.format === 'csv';
    if (csv) return this.reports.reportCsv(user, query, language);
    return this.reports.report(user, query, language, false);
  }
}
