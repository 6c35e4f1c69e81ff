import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Records who read or changed what through the API, including every read of a case file. */
@Injectable()
export class AccessLog {
  constructor(private readonly db: DataSource) {}

  async record(
    userId: string | null,
    action: string,
    resourceType: string,
    resourceId: string | null,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO access_log (user_id, action, resource_type, resource_id, detail) VALUES ($1, $2, $3, $4, $5)`,
      [userId, action, resourceType, resourceId, JSON.stringify(detail)],
    );
  }
}
