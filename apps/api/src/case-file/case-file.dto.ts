import { ApiPropertyOptional } from '@nestjs/swagger';
import { type PipeTransform, Injectable } from '@nestjs/common';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { ProblemException } from '../common/problem.filter';

/** The longest reason a reader may give for opening a sealed case file. */
export const MAX_READ_REASON_LENGTH = 500;

const REASON_RULE = `reason must be 1–${MAX_READ_REASON_LENGTH} characters, not only spaces`;

/**
 * `?reason=` on the reads of a case file: required once the file is sealed (封存), recorded with
 * the reader in the access log. As part of a query DTO (the history's).
 */
export class ReadReasonQuery {
  @ApiPropertyOptional({
    maxLength: MAX_READ_REASON_LENGTH,
    description: 'Why a sealed case file is read (required once it is sealed; recorded with the reader)',
  })
  @IsOptional()
  @IsString()
  @Length(1, MAX_READ_REASON_LENGTH)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason?: string;
}

/** How the OpenAPI document names `?reason=` on the reads that take it alone. */
export const READ_REASON_QUERY = {
  name: 'reason',
  required: false,
  type: String,
  description: `Why a sealed case file is read: required once it is sealed (403 without), recorded with the reader; 1–${MAX_READ_REASON_LENGTH} characters`,
} as const;

/**
 * `?reason=` alone, for reads that take no other query parameter (`GET /api/instances/:id`,
 * `GET /api/tasks/:id`): checked as ReadReasonQuery checks it — 400 naming `reason` — while other
 * parameters stay ignored, as they were before reasons existed.
 */
@Injectable()
export class ReadReasonPipe implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length > MAX_READ_REASON_LENGTH || value.trim() === '') {
      throw new ProblemException(400, `Invalid request: reason: ${REASON_RULE}`, [
        { path: 'reason', message: REASON_RULE },
      ]);
    }
    return value;
  }
}
