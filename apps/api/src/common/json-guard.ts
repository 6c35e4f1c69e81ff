import type { NextFunction, Request, Response } from 'express';
import { ProblemFilter } from './problem.filter';

/**
 * Objects and arrays nested deeper than this are refused. Validation, the engine and PostgreSQL
 * all walk JSON recursively; 10,000 levels overflowed the stack (a 500). Case data is forms and
 * lists, a handful of levels deep.
 */
export const MAX_JSON_DEPTH = 32;

/** Paths quoted in a problem are cut to this length: a deep path can be as long as the body. */
const MAX_PATH_LENGTH = 120;

/**
 * Walks a parsed JSON value without recursion (a hostile body cannot overflow the stack) and
 * returns the first thing PostgreSQL or the engine cannot take: a NUL character (U+0000) in a
 * string or a key, which jsonb and text refuse (a case would be stuck with an incident), a
 * prototype key (`__proto__`, `constructor`, `prototype`), or nesting deeper than MAX_JSON_DEPTH. `root` prefixes the paths, e.g. `variables.note`.
 */
export function findHostileJson(value: unknown, root: string[] = []): HostileJson | null {
  const pending: Visit[] = [{ value, depth: 1, key: null, parent: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const current = visit.value;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return { path: pathOf(visit, root), code: 'nul', message: NUL_MESSAGE };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (visit.depth > MAX_JSON_DEPTH) {
      return {
        path: pathOf(visit, root),
        code: 'tooDeep',
        message: `Expected objects and arrays nested at most ${MAX_JSON_DEPTH} levels deep`,
      };
    }
    const entries = Array.isArray(current) ? current.entries() : Object.entries(current);
    for (const [key, item] of entries) {
      const child: Visit = { value: item, depth: visit.depth + 1, key: String(key), parent: visit };
      if (child.key?.includes('\u0000')) {
        return { path: pathOf(child, root), code: 'nulInName', message: `${NUL_MESSAGE} (in the name)` };
      }
      if (!Array.isArray(current) && PROTOTYPE_KEYS.has(String(key))) {
        return { path: pathOf(child, root), code: 'prototypeKey', message: PROTOTYPE_MESSAGE };
      }
      pending.push(child);
    }
  }
  return null;
}

/**
 * What findHostileJson found: where, in English, and which kind, so a caller that answers in the
 * reader's language words it itself (a form schema: libs/forms messages.ts `schema.<code>`).
 */
export interface HostileJson {
  path: string;
  code: 'nul' | 'nulInName' | 'prototypeKey' | 'tooDeep';
  message: string;
}

/** A value still to look at; paths are only spelled out for the problem found. */
interface Visit {
  value: unknown;
  depth: number;
  key: string | null;
  parent: Visit | null;
}

const NUL_MESSAGE = 'Expected no NUL character (U+0000): it cannot be stored';

/**
 * Names that reach an object's prototype when code copies or merges what a client sent
 * (prototype pollution). No form field or case variable needs them; validation would not see
 * `__proto__` (JSON.parse makes it an own key that whitelisting ignores), so they stop here.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const PROTOTYPE_MESSAGE = 'Expected no field named __proto__, constructor or prototype';

function pathOf(visit: Visit, root: string[]): string {
  const segments: string[] = [];
  for (let at: Visit | null = visit; at?.key != null; at = at.parent) segments.unshift(at.key);
  const text = [...root, ...segments].join('.').replaceAll('\u0000', '\\u0000');
  return text.length <= MAX_PATH_LENGTH ? text : `${text.slice(0, MAX_PATH_LENGTH)}…`;
}

/**
 * Express middleware after the JSON parser: a hostile JSON body or query string is answered
 * with 400 naming the field before any controller, validator or database sees it.
 */
export function rejectHostileJson(request: Request, response: Response, next: NextFunction): void {
  const problem = findHostileJson(request.body) ?? findHostileJson(request.query);
  if (!problem) return next();
  const { path, message } = problem;
  ProblemFilter.send(response, 400, `Invalid request: ${path || '(body)'}: ${message}`, [{ path, message }]);
}
