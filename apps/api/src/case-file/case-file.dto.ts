import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

/** The longest reason a reader may give for opening a sealed case file. */
export const MAX_READ_REASON_LENGTH = 500;

/**
 * `?reason=` on the reads of a case file (instance, history, task): required once the file is
 * sealed (封存), recorded with the reader in the access log. 1–500 characters, not only spaces.
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
