import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type CurrentUser, User } from '../auth/current-user';
import { requestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';
import { DeployFormDto, FORM_ID_PATTERN, GetFormQuery, ListFormsQuery } from './forms.dto';
import { FormsService } from './forms.service';
import { DeployedForm, FormSummaryList, FormVersion } from './forms.responses';

@ApiTags('forms')
@ApiBearerAuth()
@Controller('forms')
export class FormsController {
  constructor(private readonly forms: FormsService) {}

  /** 201 with a new version; 200 when the same schema already is the latest. */
  @Post()
  @ApiOperation({
    summary: 'Deploy a form-js schema as the next version of its form id',
    description:
      'Needs psychLead or admin. Form ids have owner units as process keys do (docs/adr/0003). ' +
      'The same schema again gives no new version. 400 a schema CarePath cannot validate (errors[].componentId, errors[].code), 403 not the owner. ' +
      "The schema's problems (errors[].message, detail) are worded in the Accept-Language (zh-CN or en; English without it).",
  })
  @ApiCreatedResponse({ type: DeployedForm, description: 'A new version' })
  @ApiOkResponse({ type: DeployedForm, description: 'The same schema already is the latest version' })
  async deploy(
    @User() user: CurrentUser,
    @Body() body: DeployFormDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeployedForm> {
    const stored = await this.forms.deploy(
      user,
      body.formId,
      body.schema,
      body.ownerUnitId,
      requestLanguage(request),
    );
    response.status(stored.created ? 201 : 200);
    return stored;
  }

  /** The latest version of every form id, or of those usable at some units (`?usableAt=`). */
  @Get()
  @ApiOperation({
    summary: 'The latest version of every form id',
    description:
      'With usableAt (repeatable): only the form ids owned at one of those units or above it, ' +
      'the forms a user task of a diagram owned there binds (docs/forms.md#binding-which-form-a-task-has). ' +
      '400 a usableAt that is no UUID.',
  })
  @ApiOkResponse({ type: FormSummaryList })
  list(@Query() query: ListFormsQuery): Promise<FormSummaryList> {
    return this.forms.list(query.usableAt);
  }

  /** The latest version of a form, or `?version=N`. */
  @Get(':formId')
  @ApiOkResponse({ type: FormVersion })
  get(@Param('formId') formId: string, @Query() query: GetFormQuery): Promise<FormVersion> {
    if (!FORM_ID_PATTERN.test(formId)) {
      throw new ProblemException(400, `'${formId.slice(0, 100)}' is not a form id`, [
        { path: 'formId', message: `Expected ${FORM_ID_PATTERN.source}` },
      ]);
    }
    return this.forms.get(formId, query.version);
  }
}
