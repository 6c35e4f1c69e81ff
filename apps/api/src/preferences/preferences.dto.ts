import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { ANY_OBJECT } from '../common/responses';

/** The keys a user may save a view under: one per screen that keeps one (docs/api.md, Saved views). */
export const PREFERENCE_KEYS = ['inbox', 'console'] as const;
export type PreferenceKey = (typeof PREFERENCE_KEYS)[number];

/** The largest saved view, as UTF-8 JSON. */
export const MAX_PREFERENCE_BYTES = 8 * 1024;

/** PUT /api/me/preferences/{key}: the view, replacing what was saved under the key. */
export class PutPreferenceDto {
  @ApiProperty({
    ...ANY_OBJECT,
    description: `A JSON object of at most ${MAX_PREFERENCE_BYTES} bytes (UTF-8); the web app decides its fields`,
    example: { tab: 'assignedToMe', sort: 'dueAt', definitionKey: 'crisis-care', pageSize: 50 },
  })
  @IsObject({ message: 'value must be a JSON object' })
  value!: Record<string, unknown>;
}
