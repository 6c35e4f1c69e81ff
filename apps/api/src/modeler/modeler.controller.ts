import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { COVERAGE, elementTemplates, JOB_TYPES } from '../../../../libs/bpmn/src/lint';
import { ASSIGNABLE_ROLES } from '../../../../libs/domain/src';
import { requestLanguage } from '../common/language';
import { CoverageEntryView, ElementTemplateView, ModelerVocabulary } from './modeler.responses';

/**
 * What the browser modeler needs from the server (docs/api.md#modeler): the deploy validator's
 * own coverage map and job types, so the lint rule (libs/bpmn/src/lint/coverage-rule.ts) flags
 * exactly what a deploy would refuse, and the element templates of the service handlers. No case
 * data: every signed-in user may read them.
 */
@ApiTags('modeler')
@ApiBearerAuth()
@Controller()
export class ModelerController {
  @Get('modeler/vocabulary')
  @ApiOperation({
    summary: "The coverage map, job types and candidate groups the modeler's lint and panel use",
  })
  @ApiExtraModels(CoverageEntryView)
  @ApiOkResponse({ type: ModelerVocabulary })
  vocabulary(): ModelerVocabulary {
    return { coverage: COVERAGE, jobTypes: [...JOB_TYPES], candidateGroups: [...ASSIGNABLE_ROLES] };
  }

  @Get('element-templates')
  @ApiOperation({
    summary: 'Zeebe element templates of the service handlers, worded in the Accept-Language (zh-CN or en)',
  })
  @ApiOkResponse({ type: [ElementTemplateView] })
  elementTemplates(@Req() request: Request): ElementTemplateView[] {
    return elementTemplates(requestLanguage(request));
  }
}
