import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type CurrentUser, User } from '../auth/current-user';
import { requestLanguage } from '../common/language';
import { CaseReadsQuery, ReasonBody } from './confidentiality.dto';
import { BreakGlassGrantView, CaseReadPage } from './confidentiality.responses';
import { ConfidentialityService } from './confidentiality.service';

/** Who read a case, legal holds and break-glass (docs/api.md#confidentiality). */
@ApiTags('instances')
@ApiBearerAuth()
@Controller('instances')
export class ConfidentialityController {
  constructor(private readonly confidentiality: ConfidentialityService) {}

  /** For the case's supervisors: 403 for other staff in scope, 404 outside it. */
  @Get(':id/reads')
  @ApiOkResponse({ type: CaseReadPage })
  reads(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CaseReadsQuery,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<CaseReadPage> {
    return this.confidentiality.reads(user, id, query, languageOf(acceptLanguage));
  }

  @Post(':id/legal-hold')
  @HttpCode(204)
  @ApiBody({ type: ReasonBody })
  @ApiNoContentResponse({ description: 'Held: the case is not purged until the hold is released' })
  async placeHold(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonBody,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    await this.confidentiality.placeHold(user, id, body, languageOf(acceptLanguage));
  }

  @Delete(':id/legal-hold')
  @HttpCode(204)
  @ApiBody({ type: ReasonBody })
  @ApiNoContentResponse({
    description: 'Released; a purge the hold stopped is done now, in the same transaction',
  })
  async releaseHold(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonBody,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    await this.confidentiality.releaseHold(user, id, body, languageOf(acceptLanguage));
  }

  @Post(':id/break-glass')
  @ApiBody({ type: ReasonBody })
  @ApiCreatedResponse({ type: BreakGlassGrantView })
  breakGlass(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReasonBody,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<BreakGlassGrantView> {
    return this.confidentiality.breakGlass(user, id, body, languageOf(acceptLanguage));
  }
}

function languageOf(acceptLanguage: string | undefined) {
  return requestLanguage({ headers: { 'accept-language': acceptLanguage } });
}
