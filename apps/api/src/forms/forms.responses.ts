import { ApiProperty } from '@nestjs/swagger';
import { ANY_OBJECT, FORM_SCHEMA_EXAMPLE } from '../common/responses';

/** A version of a form, without its schema. */
export class FormSummary {
  @ApiProperty({ example: 'initial-assessment' }) formId!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The schema's `name`, if it has one",
    example: '初步风险评估表',
  })
  name!: string | null;
  @ApiProperty({
    format: 'uuid',
    description: 'The unit that owns the form id (fixed by version 1)',
    example: '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d',
  })
  ownerUnitId!: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-04T08:00:00.000Z' }) deployedAt!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
  })
  deployedBy!: string | null;
}

/** POST /api/forms: the version the schema is now (a new one, or the latest when identical). */
export class DeployedForm extends FormSummary {
  @ApiProperty({ description: 'False when the same schema already is the latest version', example: true })
  created!: boolean;
}

export class FormSummaryList {
  @ApiProperty({ type: [FormSummary] }) items!: FormSummary[];
}

/** One version of a form with its schema. */
export class FormVersion extends FormSummary {
  @ApiProperty({
    ...ANY_OBJECT,
    description: 'The form-js schema',
    example: FORM_SCHEMA_EXAMPLE,
  })
  schema!: Record<string, unknown>;
}
