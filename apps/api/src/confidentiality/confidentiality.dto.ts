import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { MAX_READ_REASON_LENGTH } from '../case-file/case-file.dto';

/**
 * `{reason}` of a legal hold (placing or releasing) and of a break-glass request. Checked by the
 * service (`checkedReason`), so that a missing, blank or overlong reason is a 400 naming
 * `reason` in the caller's language.
 */
export class ReasonBody {
  @ApiProperty({
    type: String,
    minLength: 1,
    maxLength: MAX_READ_REASON_LENGTH,
    description:
      'Why: recorded with the caller (access log) and, sealed with the case key, in the case history',
    example: '家长提起诉讼，律师函要求保全档案',
  })
  @IsOptional()
  reason?: unknown;
}

/** `GET /api/instances/:id/reads`: newest first; `before` is the `id` of the last item seen. */
export class CaseReadsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, description: 'Default 50' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ description: 'Items older than this item id (the last id of the previous page)' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'before must be an item id' })
  before?: string;
}
