import { Body, Controller, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type CurrentUser, User } from '../auth/current-user';
import { requestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';
import { ScreeningUploadInterceptor, type UploadedSheet } from './screening-upload.interceptor';
import { ImportScreeningDto } from './screenings.dto';
import { ScreeningImportResult } from './screenings.responses';
import { ScreeningsService } from './screenings.service';

@ApiTags('screenings')
@ApiBearerAuth()
@Controller('screenings')
export class ScreeningsController {
  constructor(private readonly screenings: ScreeningsService) {}

  /** 201 for a new import, 200 when the same rows were imported before (nothing changed). */
  @Post()
  @ApiOperation({
    summary: "Import a school's semester screening and open a review for each flagged student",
    description:
      'Multipart `file` (CSV UTF-8 or XLSX, at most 20 MB and 20,000 rows) with form fields `instrument` and `orgUnitId`, or JSON `rows`. ' +
      'Needs psychTeacher, psychLead or admin at the school or above it (403; 404 for a school the caller does not see). ' +
      'Rows with problems are answered in `rejected` (in the Accept-Language) and not stored; the others are stored in one transaction, ' +
      'their raw answers encrypted. The flagged students get one screening-campaign case. The same rows again change nothing (200, the first import). ' +
      'docs/screening.md.',
  })
  @ApiCreatedResponse({ type: ScreeningImportResult, description: 'Imported' })
  @ApiOkResponse({
    type: ScreeningImportResult,
    description: 'These rows were imported before, or no row was accepted',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @UseInterceptors(ScreeningUploadInterceptor)
  async import(
    @User() user: CurrentUser,
    @Body() body: ImportScreeningDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @UploadedFile() file?: UploadedSheet,
  ): Promise<ScreeningImportResult> {
    if (file && body.rows)
      throw new ProblemException(400, 'Send the rows either as a file or as JSON `rows`, not both', [
        { path: 'rows', message: 'Not with a file' },
      ]);
    if (body.file !== undefined || (!file && !body.rows))
      throw new ProblemException(400, 'Send the screening as a multipart `file` or as JSON `rows`', [
        { path: 'file', message: 'A CSV or XLSX file (multipart) is required, or `rows`' },
      ]);
    const source = file ? { filePath: file.path } : { rows: ScreeningsService.jsonRows(body) };
    const { created, ...result } = await this.screenings.import(user, body, source, requestLanguage(request));
    response.status(created ? 201 : 200);
    return result;
  }
}
