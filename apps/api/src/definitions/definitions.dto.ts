import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';

/** Diagrams larger than this are refused before parsing (libs/bpmn bounds them again). */
export const MAX_DIAGRAM_BYTES = 2 * 1024 * 1024;

export class DeployDefinitionDto {
  @IsOptional() @IsString() @MaxLength(MAX_DIAGRAM_BYTES) xml?: string;
  /** form-js schemas by formId. */
  @IsOptional() @IsObject() forms?: Record<string, unknown>;
}

export class ListDefinitionsQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(200) key?: string;
}
