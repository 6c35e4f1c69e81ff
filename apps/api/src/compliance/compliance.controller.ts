import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, type StreamableFile } from '@nestjs/common';
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
import { ComplianceQuery, LateStepsQuery } from './compliance.dto';
import { ComplianceReview, LateStepsReport } from './compliance.responses';
import { ComplianceService } from './compliance.service';

/** Whether a request asks for the PDF: `format=pdf`, or an Accept header naming application/pdf. */
function wantsPdf(format: string | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'pdf';
  return (accept ?? '')
    .split(',')
    .some((type) => type.split(';')[0]?.trim().toLowerCase() === 'application/pdf');
}

@ApiTags('compliance')
@ApiBearerAuth()
@Controller()
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get('instances/:id/compliance')
  @ApiOperation({
    summary: 'The compliance review of a case (倒查追责): every deadline, how it was kept, and its evidence',
    description:
      'Principal, psychLead, districtSupervisor or admin at the case (403 otherwise); unknown and other schools’ cases 404 as GET /api/instances/{id}; ' +
      'a sealed case needs `reason` (403 without); a purged case still answers. `format=pdf` or `Accept: application/pdf`: the review as a PDF (503 when the server lacks its CJK font). Audited (`instance.compliance.read`). See docs/compliance.md.',
  })
  @ApiExtraModels(ComplianceReview)
  @ApiOkResponse({
    description: 'The review as JSON, or as a PDF file',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ComplianceReview) } },
      'application/pdf': {
        schema: { type: 'string', format: 'binary' },
        example: '%PDF-1.3 … (A4 landscape, the review as described in docs/compliance.md)',
      },
    },
  })
  review(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ComplianceQuery,
    @Headers('accept') accept: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<ComplianceReview | StreamableFile> {
    const language = requestLanguage({ headers: { 'accept-language': acceptLanguage } });
    if (wantsPdf(query.format, accept)) return this.compliance.reviewPdf(user, id, query.reason, language);
    return this.compliance.review(user, id, query.reason, language);
  }

  @Get('reports/late-steps')
  @ApiOperation({
    summary: 'Late steps (completed late, or still overdue) due in a period at the schools below a unit',
    description:
      'Principal, psychLead, districtSupervisor or admin (403 otherwise) at the unit or above it; an unknown unit and one outside the caller’s scope both answer 404. ' +
      '400 naming `orgUnitId`, `from`, `to` (not YYYY-MM-DD, before `from`, or more than a year after it) or `format`, in the Accept-Language. Audited (`report.late-steps.read`).',
  })
  @ApiExtraModels(LateStepsReport)
  @ApiOkResponse({
    description:
      'The late steps as JSON; with `Accept: text/csv` or `format=csv` as a CSV file (UTF-8 with BOM)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(LateStepsReport) } },
      'text/csv': {
        schema: { type: 'string' },
        example:
          '\uFEFFinstanceId,businessKey,orgUnitName,elementId,name,dueAt,completedAt,lateByMs,lateBy,actor,escalated\r\n' +
          '3a9e…,s12-20240117,第一中学,initial-assessment,初步风险评估,2026-11-05T02:00:00.000Z,2026-11-05T05:03:00.000Z,10980000,3 小时 3 分钟,心理教师 李,true\r\n',
      },
    },
  })
  lateSteps(
    @User() user: CurrentUser,
    @Query() query: LateStepsQuery,
    @Headers('accept') accept: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<LateStepsReport | StreamableFile> {
    const language = requestLanguage({ headers: { 'accept-language': acceptLanguage } });
    // An explicit format wins over Accept; a wrong one is answered 400 by the service.
    const csv = query.format === undefined ? wantsCsv(undefined, accept) : query.format === 'csv';
    if (csv) return this.compliance.lateStepsCsv(user, query, language);
    return this.compliance.lateSteps(user, query, language);
  }
}
