import { ApiProperty } from '@nestjs/swagger';
import { ANY_OBJECT } from '../common/responses';

/** A version of a form, without its schema. */
export class FormSummary {
  @ApiProperty() formId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, nullable: true, description: "The schema's `name`, if it has one" })
  name!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The unit that owns the form id (fixed by version 1)' })
  ownerUnitId!: string;
  @ApiProperty({ format: 'date-time' }) deployedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) deployedBy!: string | null;
}

/** POST /api/forms: the version the schema is now (a new one, or the latest when identical). */
export class DeployedForm extends FormSummary {
  @ApiProperty({ description: 'False when the same schema already is the latest version' })
  created!: boolean;
}

export class FormSummaryList {
  @ApiProperty({ type: [FormSummary] }) items!: FormSummary[];
}

/** One version of a form with its schema. */
export class FormVersion extends FormSummary {
  @ApiProperty({ ...ANY_OBJECT, description: 'The form-js schema' }) schema!: Record<string, unknown>;
}
