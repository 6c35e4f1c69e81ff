import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
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
import { decodeDiagram } from './decode-diagram';
import { DeployDefinitionDto, ListDefinitionsQuery, MAX_DIAGRAM_BYTES } from './definitions.dto';
import { DefinitionStatisticsService } from './definition-statistics.service';
import { DefinitionsService } from './definitions.service';
import {
  DefinitionDetail,
  DefinitionStatistics,
  DefinitionSummaryPage,
  DeployedDefinition,
} from './definitions.responses';

@ApiTags('definitions')
@ApiBearerAuth()
@Controller('definitions')
export class DefinitionsController {
  constructor(
    private readonly definitions: DefinitionsService,
    private readonly statistics: DefinitionStatisticsService,
  ) {}

  /** 201 for a new version, 200 when the identical diagram already is the latest version. */
  @Post()
  @ApiOperation({
    summary: 'Deploy a diagram as the next version of its key',
    description:
      'Needs psychLead or admin. Every key has an owner unit, fixed by its first version (`ownerUnitId`, or the one unit where the caller deploys). ' +
      'Further versions need a deployer role at or above the owner; cases run a key only at or below its owner. ' +
      'A school adapts the district pathway by deploying it under a key of its own (docs/adr/0003). ' +
      '201 new version, 200 identical to the latest, 400 invalid diagram (errors[].elementId, errors[].code), 403 not the owner. ' +
      'Problems (errors[].message, detail, warnings[].message) are worded in the Accept-Language (zh-CN or en; English without it).',
  })
  @ApiCreatedResponse({ type: DeployedDefinition, description: 'A new version' })
  @ApiOkResponse({
    type: DeployedDefinition,
    description: 'The identical diagram is the latest version already',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_DIAGRAM_BYTES, files: 1 } }))
  async deploy(
    @User() user: CurrentUser,
    @Body() body: DeployDefinitionDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @UploadedFile() file?: { buffer: Buffer },
  ): Promise<DeployedDefinition> {
    const xml = file ? uploadedText(file.buffer) : body.xml;
    if (!xml)
      throw new ProblemException(400, 'Send the diagram as `xml` or as a multipart `file`', [
        { path: 'xml', message: 'xml is required' },
      ]);
    const result = await this.definitions.deploy(
      user,
      xml,
      body.forms,
      body.ownerUnitId,
      body.decisions,
      requestLanguage(request),
    );
    response.status(result.created ? 201 : 200);
    return result.definition;
  }

  @Get()
  @ApiOperation({
    summary: 'List deployed versions, newest first (`?key=` for the versions of one process)',
    description:
      'Any signed-in user. Each version carries `runningInstances`, its active cases that the caller may see, and `deployedByName` (docs/versions.md).',
  })
  @ApiOkResponse({ type: DefinitionSummaryPage })
  list(@User() user: CurrentUser, @Query() query: ListDefinitionsQuery): Promise<DefinitionSummaryPage> {
    return this.definitions.list(user, query);
  }

  @Get(':id/statistics')
  @ApiOperation({
    summary:
      'Per element: tokens waiting, overdue tasks, open incidents, completed passages and their mean duration',
    description:
      'Over the cases of this version that the caller sees (the scope rule); 404 for an unknown id (docs/api.md, Statistics of a diagram).',
  })
  @ApiOkResponse({ type: DefinitionStatistics })
  statisticsOf(
    @User() user: CurrentUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DefinitionStatistics> {
    return this.statistics.of(user, id);
  }

  @Get(':id')
  @ApiOkResponse({ type: DefinitionDetail })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<DefinitionDetail> {
    return this.definitions.get(id);
  }
}

/** The text of an uploaded `file`, decoded as its XML declaration or byte order mark says. */
function uploadedText(bytes: Buffer): string {
  const decoded = decodeDiagram(bytes);
  if (decoded.ok) return decoded.xml;
  const message = `Expected the file in an encoding the server can decode: '${decoded.encoding}', named by its XML declaration, is not one (UTF-8, UTF-16, ISO-8859-1, windows-1252, GBK, GB18030, Big5, Shift_JIS and the other WHATWG encodings are)`;
  throw new ProblemException(400, message, [{ path: 'file', message }]);
}
