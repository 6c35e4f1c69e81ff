import { clearToken, readToken } from '../session/token';

/** One entry of a problem's `errors`: a field path or a BPMN element id, and what is wrong. */
export interface ProblemError {
  path?: string;
  elementId?: string;
  /** A form-js component's id, when a form schema is refused (POST /api/forms). */
  componentId?: string;
  /** What the message says, as data (docs/api.md#languages): a client may word it again. */
  code?: string;
  params?: Record<string, unknown>;
  message: string;
}

/** An RFC 9457 problem document as the api sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ProblemError[];
}

/** A failed request. `message` is what to show the user (the problem's detail or title). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never got an answer (server down, offline). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

let onUnauthorized: () => void = () => {};
let language = 'zh-CN';

/**
 * The UI language, sent as Accept-Language so the api answers problems (a diagram's element
 * errors, a form's field errors) in the language the user reads (docs/api.md#languages).
 */
export function setRequestLanguage(next: string): void {
  language = next;
}

/** The app registers what to do when the token is rejected (go back to the login page). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** For the login call itself: a 401 there means wrong credentials, not an expired session. */
  anonymous?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestWithStatus<T>(method, path, options)).body;
}

/** As `request`, with the status: where 200 and 201 mean different things (a deploy). */
export async function requestWithStatus<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': language,
    ...options.headers,
  };
  const token = options.anonymous ? null : readToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new NetworkError(error);
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !options.anonymous) {
      clearToken();
      onUnauthorized();
    }
    throw new ApiError(response.status, problem, problem?.detail ?? problem?.title ?? '');
  }
  if (response.status === 204) return { status: 204, body: undefined as T };
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function readProblem(response: Response): Promise<Problem | null> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try {
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null) return null;
    const problem = body as Problem & { message?: unknown };
    // Tolerate NestJS's default error shape ({statusCode, message}) as well.
    if (!problem.detail && typeof problem.message === 'string') problem.detail = problem.message;
    if (!problem.detail && Array.isArray(problem.message)) problem.detail = problem.message.join('; ');
    if (problem.errors !== undefined && !Array.isArray(problem.errors)) delete problem.errors;
    return problem;
  } catch {
    return null;
  }
}
