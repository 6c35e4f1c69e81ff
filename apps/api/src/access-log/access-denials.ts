import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  Logger,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import type { CurrentUser } from '../auth/current-user';

/** Denials written per user in any 60 seconds; one `access.denied-capped` row follows, then none. */
export const DENIALS_LOGGED_PER_MINUTE = 20;

/** The access_log resource type of each controller's path. */
const RESOURCE_TYPES: Record<string, string> = {
  instances: 'instance',
  tasks: 'task',
  students: 'student',
  incidents: 'incident',
  definitions: 'definition',
  'org-units': 'orgUnit',
  users: 'user',
  notifications: 'notification',
  messages: 'message',
};

/**
 * Every 403, and every 404, answered to a signed-in caller leaves an `access.denied` row: who,
 * method, path, status. A 404 is recorded whether the thing exists out of the caller's scope or
 * not at all: the api answers both alike on purpose, and both are probing. Capped per user so a
 * scripted probe cannot flood the log. Registered for every route (APP_INTERCEPTOR), so no
 * service has to remember it; a 401 has no caller to name and is not recorded.
 */
@Injectable()
export class AccessDenials implements NestInterceptor {
  private readonly logger = new Logger('AccessDenials');

  constructor(private readonly db: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: CurrentUser }>();
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          from(this.recordIfDenied(request, error)).pipe(mergeMap(() => throwError(() => error))),
        ),
      );
  }

  private async recordIfDenied(request: Request & { user?: CurrentUser }, error: unknown): Promise<void> {
    const status = error instanceof HttpException ? error.getStatus() : undefined;
    if ((status !== 403 && status !== 404) || !request.user) return;
    try {
      await this.record(request.user.id, request, status);
    } catch (recordError) {
      // The caller still gets their answer; a denial that could not be written is logged here.
      this.logger.error(`Recording a denial failed: ${(recordError as Error).message}`);
    }
  }

  /** Serialised per user (advisory lock), so parallel denials cannot overshoot the cap. */
  private async record(userId: string, request: Request, status: number): Promise<void> {
    const path = request.originalUrl.split('?')[0]?.slice(0, 300) ?? '';
    const segment = /^\/api\/([^/]+)/.exec(path)?.[1] ?? '';
    const id = typeof request.params?.id === 'string' ? request.params.id.slice(0, 100) : null;
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`carepath:access-denied:${userId}`]);
      const [{ n }] = (await tx.query(
        `SELECT count(*)::int AS n FROM access_log
         WHERE user_id = $1 AND action IN ('access.denied', 'access.denied-capped')
           AND at > now() - interval '1 minute'`,
        [userId],
      )) as [{ n: number }];
      if (n > DENIALS_LOGGED_PER_MINUTE) return;
      const capped = n === DENIALS_LOGGED_PER_MINUTE;
      await tx.query(
        `INSERT INTO access_log (user_id, action, resource_type, resource_id, detail) VALUES ($1, $2, $3, $4, $5)`,
        [
          userId,
          capped ? 'access.denied-capped' : 'access.denied',
          RESOURCE_TYPES[segment] ?? 'request',
          id,
          JSON.stringify({
            method: request.method,
            path,
            status,
            ...(capped
              ? { note: `over ${DENIALS_LOGGED_PER_MINUTE} a minute: further denials are not recorded` }
              : {}),
          }),
        ],
      );
    });
  }
}
