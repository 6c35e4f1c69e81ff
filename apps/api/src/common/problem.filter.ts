import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';

export interface ProblemError {
  path?: string;
  /** The DMN decision a problem is in (docs/api.md). */
  decisionId?: string;
  elementId?: string;
  elementType?: string;
  /** A diagram problem as data (libs/bpmn problem-messages.ts); `message` renders it. */
  /** A form's rule (`required`, …) or a diagram problem's code, where a client may act on it. */
  code?: string;
  params?: Record<string, unknown>;
  /** A form's component a problem is in (docs/forms.md). */
  componentId?: string;
  message: string;
}

/** An HTTP error that carries the `errors` list of an RFC 9457 problem (and headers, e.g. Retry-After). */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    detail: string,
    readonly errors?: ProblemError[],
    readonly headers?: Record<string, string>,
    /** RFC 9457 extension members a client may act on (e.g. `openInstanceId` of a 409). */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail, status);
  }
}

/** An RFC 9457 problem as the api answers it. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: ProblemError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Every error leaves as application/problem+json (RFC 9457); internals never leak to clients. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, detail, errors } = this.describe(exception);
    const extensions = exception instanceof ProblemException ? exception.extensions : undefined;
    if (status >= 500) this.logServerError(exception);
    if (exception instanceof ProblemException && exception.headers) response.set(exception.headers);
    ProblemFilter.send(response, status, detail, errors, extensions);
  }

  /**
   * The problem an exception would be answered with, as data: what a bulk action reports for an
   * item (common/bulk.ts). Errors other than HTTP ones are logged and read as a bare 500.
   */
  problemOf(exception: unknown): ProblemBody {
    const { status, detail, errors } = this.describe(exception);
    if (status >= 500) this.logServerError(exception);
    const extensions = exception instanceof ProblemException ? exception.extensions : undefined;
    return ProblemFilter.body(status, detail, errors, extensions);
  }

  private logServerError(exception: unknown): void {
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
  }

  private static body(
    status: number,
    detail: string,
    errors?: ProblemError[],
    extensions?: Record<string, unknown>,
  ): ProblemBody {
    return {
      ...extensions,
      type: 'about:blank',
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      ...(errors ? { errors } : {}),
    };
  }

  /** Writes a problem; also used by the Express middleware that answers before Nest's router. */
  static send(
    response: Response,
    status: number,
    detail: string,
    errors?: ProblemError[],
    extensions?: Record<string, unknown>,
  ): void {
    response
      .status(status)
      .type('application/problem+json')
      .send(JSON.stringify(ProblemFilter.body(status, detail, errors, extensions)));
  }

  private describe(exception: unknown): { status: number; detail: string; errors?: ProblemError[] } {
    if (exception instanceof ProblemException) {
      return {
        status: exception.getStatus(),
        detail: exception.message,
        ...(exception.errors ? { errors: exception.errors } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body && 'message' in body
          ? (body as { message: unknown }).message
          : exception.message;
      return { status, detail: Array.isArray(message) ? message.join('; ') : String(message) };
    }
    const bodyError = ProblemFilter.describeBodyError(exception);
    if (bodyError) return bodyError;
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, detail: 'Internal server error' };
  }

  /** body-parser's errors for malformed JSON and oversized bodies, as problems; else null. */
  static describeBodyError(error: unknown): { status: number; title: string; detail: string } | null {
    const parserError = error as { type?: string; status?: number; message?: string } | null;
    if (parserError?.type === 'entity.parse.failed') {
      return {
        status: 400,
        title: 'Bad Request',
        detail: `Malformed JSON body: ${parserError.message ?? ''}`.trim(),
      };
    }
    if (parserError?.type === 'entity.too.large') {
      const limit = (parserError as { limit?: unknown }).limit;
      const mib = typeof limit === 'number' ? ` than ${(limit / (1024 * 1024)).toFixed(0)} MiB` : '';
      return { status: 413, title: 'Content Too Large', detail: `Request body is larger${mib}: send less` };
    }
    if (
      typeof parserError?.type === 'string' &&
      typeof parserError.status === 'number' &&
      parserError.status < 500
    ) {
      return {
        status: parserError.status,
        title: TITLES[parserError.status] ?? 'Bad Request',
        detail: parserError.message ?? 'Bad request',
      };
    }
    return null;
  }
}
