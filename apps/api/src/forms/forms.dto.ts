import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ANY_OBJECT, FORM_SCHEMA_EXAMPLE } from '../common/responses';

/** Form ids: what zeebe:formDefinition formId names. No ':' (embedded forms' keys have one). */
export const FORM_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;

export class DeployFormDto {
  @ApiProperty({
    description: 'The form id user tasks link (zeebe:formDefinition formId)',
    pattern: FORM_ID_PATTERN.source,
    example: 'initial-assessment',
  })
  @IsString()
  @Matches(FORM_ID_PATTERN, {
    message: 'formId must start with a letter or _ and hold up to 100 letters, digits, _, . or -',
  })
  formId!: string;
  @ApiProperty({
    ...ANY_OBJECT,
    description: 'The form-js schema (docs/forms.md)',
    example: FORM_SCHEMA_EXAMPLE,
  })
  @IsObject()
  schema!: Record<string, unknown>;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Owner unit of a new form id (fixed by version 1); needed when you deploy at several unrelated units',
    example: '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d',
  })
  @IsOptional()
  @IsUUID()
  ownerUnitId?: string;
}

export class GetFormQuery {
  @ApiPropertyOptional({ description: 'A version of the form; the latest without it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

/** At most this many units in one `usableAt` (a lead deploys at a handful of units, not hundreds). */
export const MAX_USABLE_AT_UNITS = 20;

export class ListFormsQuery {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description:
      'Only forms a task of a diagram owned by one of these units may bind: owned at the unit or above it ' +
      '(docs/forms.md#binding-which-form-a-task-has). Repeat the parameter for several units (any of them); ' +
      'a unit id that names no unit matches nothing',
  })
  @IsOptional()
  // One `?usableAt=` arrives as a string, several as an array: always an array here.
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value : [value]))
  @ArrayMaxSize(MAX_USABLE_AT_UNITS)
  @IsUUID('all', { each: true, message: 'usableAt must hold org unit ids (UUIDs)' })
  usableAt?: string[];
}
