import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type CurrentUser, User } from '../auth/current-user';
import { ProblemException } from '../common/problem.filter';
import { DeployDefinitionDto, ListDefinitionsQuery, MAX_DIAGRAM_BYTES } from './definitions.dto';
import { DefinitionsService } from './definitions.service';

@ApiTags('definitions')
@ApiBearerAuth()
@Controller('definitions')
export class DefinitionsController {
  constructor(private readonly definitions: DefinitionsService) {}

  /** 201 for a new version, 200 when the identical diagram already is the latest version. */
  @Post()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_DIAGRAM_BYTES, files: 1 } }))
  async deploy(
    @User() user: CurrentUser,
    @Body() body: DeployDefinitionDto,
    @Res({ passthrough: true }) response: Response,
    @UploadedFile() file?: { buffer: Buffer },
  ) {
    const xml = file ? file.buffer.toString('utf8') : body.xml;
    if (!xml)
      throw new ProblemException(400, 'Send the diagram as `xml` or as a multipart `file`', [
        { path: 'xml', message: 'xml is required' },
      ]);
    const result = await this.definitions.deploy(user, xml, body.forms, body.ownerUnitId);
    response.status(result.created ? 201 : 200);
    return result.definition;
  }

  @Get()
  list(@Query() query: ListDefinitionsQuery) {
    return this.definitions.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.definitions.get(id);
  }
}
