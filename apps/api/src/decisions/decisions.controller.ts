import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type CurrentUser, User } from '../auth/current-user';
import { requestLanguage } from '../common/language';
import { DeployDecisionsDto } from './decisions.dto';
import { DecisionsService } from './decisions.service';
import { DecisionSummaryList, DeployedDecisions } from './decisions.responses';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  /** 201 when a decision got a new version, 200 when the same file already is every one's latest. */
  @Post()
  @ApiOperation({
    summary: 'Deploy the decisions of a DMN file, each as the next version of its decision id',
    description:
      'Needs psychLead or admin. Decision ids have owner units as process keys do (docs/adr/0003). ' +
      'The same file again gives no new version. 400 invalid DMN (errors[].decisionId, elementId, code), 403 not the owner. ' +
      'Problems are worded in the Accept-Language (zh-CN or en; English without it).',
  })
  @ApiCreatedResponse({ type: DeployedDecisions, description: 'At least one decision got a new version' })
  @ApiOkResponse({
    type: DeployedDecisions,
    description: 'The same file already is every decision’s latest version',
  })
  async deploy(
    @User() user: CurrentUser,
    @Body() body: DeployDecisionsDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeployedDecisions> {
    const stored = await this.decisions.deploy(user, body.xml, body.ownerUnitId, requestLanguage(request));
    response.status(stored.some((d) => d.created) ? 201 : 200);
    return { items: stored };
  }

  /** The latest version of every decision id. */
  @Get()
  @ApiOkResponse({ type: DecisionSummaryList })
  list(): Promise<DecisionSummaryList> {
    return this.decisions.list();
  }
}
