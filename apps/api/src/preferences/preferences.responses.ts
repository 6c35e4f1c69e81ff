import { ApiProperty } from '@nestjs/swagger';
import { ANY_OBJECT } from '../common/responses';
import { PREFERENCE_KEYS, type PreferenceKey } from './preferences.dto';

/** A saved view of the caller's; `value` and `updatedAt` null when nothing is saved under the key. */
export class PreferenceView {
  @ApiProperty({ enum: PREFERENCE_KEYS, enumName: 'PreferenceKey', example: 'inbox' }) key!: PreferenceKey;
  @ApiProperty({
    ...ANY_OBJECT,
    nullable: true,
    example: { tab: 'assignedToMe', sort: 'dueAt', definitionKey: 'crisis-care', pageSize: 50 },
  })
  value!: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-12-05T08:00:00.000Z' })
  updatedAt!: string | null;
}
