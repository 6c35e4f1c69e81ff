import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { ANY_OBJECT, FORM_SCHEMA_EXAMPLE } from '../common/responses';

/** Diagrams larger than this are refused before parsing (libs/bpmn bounds them again). */
export const MAX_DIAGRAM_BYTES = 2 * 1024 * 1024;

/** DMN files one deploy may carry with its diagram. */
export const MAX_DECISION_FILES = 10;

export class DeployDefinitionDto {
  @ApiPropertyOptional({
    description: 'The BPMN XML (or send a multipart `file`)',
    example:
      '<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions …><bpmn:process id="crisis-care" name="危机关护" isExecutable="true">…</bpmn:process></bpmn:definitions>',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DIAGRAM_BYTES)
  xml?: string;
  /** form-js schemas by formId. */
  @ApiPropertyOptional({
    ...ANY_OBJECT,
    description: 'form-js schemas by formId',
    example: {
      'initial-assessment': FORM_SCHEMA_EXAMPLE,
    },
  })
  @IsOptional()
  @IsObject()
  forms?: Record<string, unknown>;
  /** DMN files deployed with the diagram, as POST /api/decisions does (docs/api.md). */
  @ApiPropertyOptional({
    type: [String],
    description: 'DMN files (XML) deployed with the diagram',
    maxItems: MAX_DECISION_FILES,
    example: [
      '<?xml version="1.0" encoding="UTF-8"?><definitions …><decision id="risk-level" name="风险分级">…</decision></definitions>',
    ],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DECISION_FILES)
  @IsString({ each: true })
  @MaxLength(MAX_DIAGRAM_BYTES, { each: true })
  decisions?: string[];
  /**
   * The unit that will own a new key (docs/adr/0003): a unit at or below one where the caller
   * may deploy. Needed only when the caller may deploy at several unrelated units; a key's
   * later versions keep the owner of its first.
   */
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Owner unit of a new key (fixed by version 1); needed when you deploy at several unrelated units',
    example: '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d',
  })
  @IsOptional()
  @IsUUID()
  ownerUnitId?: string;
}

export class ListDefinitionsQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(200) key?: string;
}
