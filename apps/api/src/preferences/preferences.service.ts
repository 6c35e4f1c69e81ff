import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessLog } from '../access-log/access-log.service';
import type { CurrentUser } from '../auth/current-user';
import type { RequestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';
import { MAX_PREFERENCE_BYTES, PREFERENCE_KEYS, type PreferenceKey } from './preferences.dto';
import type { PreferenceView } from './preferences.responses';

const MESSAGES = {
  key: {
    'zh-CN': `未知的偏好键：可用 ${PREFERENCE_KEYS.join('、')}`,
    en: `Unknown preference key: expected one of ${PREFERENCE_KEYS.join(', ')}`,
  },
  notObject: {
    'zh-CN': 'value 须为 JSON 对象',
    en: 'value must be a JSON object',
  },
  tooLarge: {
    'zh-CN': `value 不得超过 ${MAX_PREFERENCE_BYTES} 字节（UTF-8 JSON）`,
    en: `value must be at most ${MAX_PREFERENCE_BYTES} bytes as UTF-8 JSON`,
  },
} as const;

/**
 * The caller's saved views (table user_preference): every statement names the caller's own id,
 * so no one reaches another user's (docs/api.md, Saved views). Writes are audited; reading one's
 * own settings is not case data and is not (as GET /api/me is not).
 */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLog,
  ) {}

  async get(user: CurrentUser, key: string, language: RequestLanguage): Promise<PreferenceView> {
    const known = knownKey(key, language);
    const rows: { value: Record<string, unknown>; updated_at: Date }[] = await this.db.query(
      `SELECT value, updated_at FROM user_preference WHERE user_id = $1 AND key = $2`,
      [user.id, known],
    );
    const row = rows[0];
    return { key: known, value: row?.value ?? null, updatedAt: row?.updated_at.toISOString() ?? null };
  }

  async put(
    user: CurrentUser,
    key: string,
    value: unknown,
    language: RequestLanguage,
  ): Promise<PreferenceView> {
    const known = knownKey(key, language);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw invalid(MESSAGES.notObject[language], 'value', 'notObject');
    }
    const text = JSON.stringify(value);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_PREFERENCE_BYTES) throw invalid(MESSAGES.tooLarge[language], 'value', 'tooLarge');
    const rows: { updated_at: Date }[] = await this.db.query(
      `INSERT INTO user_preference (user_id, key, value, updated_at) VALUES ($1, $2, $3::jsonb, now())
       ON CONFLICT (user_id, key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
       RETURNING updated_at`,
      [user.id, known, text],
    );
    await this.accessLog.record(user.id, 'preference.write', 'user', user.id, { key: known, bytes });
    return {
      key: known,
      value: value as Record<string, unknown>,
      updatedAt: rows[0]!.updated_at.toISOString(),
    };
  }
}

function knownKey(key: string, language: RequestLanguage): PreferenceKey {
  if ((PREFERENCE_KEYS as readonly string[]).includes(key)) return key as PreferenceKey;
  throw invalid(MESSAGES.key[language], 'key', 'unknownKey');
}

function invalid(message: string, path: string, code: string): ProblemException {
  return new ProblemException(400, message, [{ path, code, message }]);
}
