import type { OpenAPIObject } from '@nestjs/swagger';
import { describeApi } from './openapi-document';

type Schema = Record<string, unknown> & { $ref?: string; properties?: Record<string, unknown> };
type Media = { schema?: Schema; example?: unknown; examples?: unknown };
type Operation = {
  responses: Record<string, { description?: string; content?: Record<string, Media> }>;
  requestBody?: { content?: Record<string, Media> };
};

/** Every operation of the document as `METHOD /path` with its description. */
function operationsOf(document: OpenAPIObject): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(
      ([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as [string, Operation],
    ),
  );
}

/** The schema a `$ref` names, or the schema itself. */
function resolve(document: OpenAPIObject, schema: Schema): Schema | undefined {
  if (!schema.$ref) return schema;
  return document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] as
    Schema | undefined;
}

/** A schema that says something: a type, properties, items or a reference that resolves. */
function describesABody(document: OpenAPIObject, schema: Schema | undefined): boolean {
  const resolved = schema && resolve(document, schema);
  if (!resolved) return false;
  if (resolved.type === 'object' && resolved.additionalProperties === undefined) {
    return Object.keys(resolved.properties ?? {}).length > 0;
  }
  return resolved.type !== undefined || resolved.allOf !== undefined || resolved.enum !== undefined;
}

/**
 * Where a schema lacks an example, as paths below `at` (docs/api.md, OpenAPI): a schema passes
 * with an `example` of its own (schema-level), or when every part of it passes: each property of
 * an object (property-level examples), the items of an array, each schema of an allOf/oneOf/anyOf,
 * the schema a `$ref` names. An enum lists its own values and passes. An object with no declared
 * properties (free-form JSON) needs its own example.
 */
function missingExamples(
  document: OpenAPIObject,
  schema: Schema | undefined,
  at: string,
  seen: Set<string> = new Set(),
): string[] {
  if (!schema) return [`${at}: no schema`];
  if (schema.example !== undefined || schema.examples !== undefined) return [];
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return [];
    const resolved = resolve(document, schema);
    const name = schema.$ref.replace('#/components/schemas/', '');
    return missingExamples(document, resolved, name, new Set([...seen, schema.$ref]));
  }
  if (Array.isArray(schema.enum)) return [];
  const parts = (['allOf', 'oneOf', 'anyOf'] as const).flatMap(
    (k) => (schema[k] as Schema[] | undefined) ?? [],
  );
  if (parts.length > 0)
    return parts.flatMap((part, i) => missingExamples(document, part, `${at}[${i}]`, seen));
  if (schema.type === 'array')
    return missingExamples(document, schema.items as Schema | undefined, `${at}[]`, seen);
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
  if (schema.type === 'object' || properties.length > 0) {
    if (properties.length === 0) return [`${at}: free-form object without an example`];
    return properties.flatMap(([name, property]) =>
      missingExamples(document, property, `${at}.${name}`, seen),
    );
  }
  return [`${at}: no example`];
}

/** The examples a body lacks: none when its media type carries an example of the whole body. */
function bodyMissingExamples(document: OpenAPIObject, media: Media, at: string): string[] {
  if (media.example !== undefined || media.examples !== undefined) return [];
  return missingExamples(document, media.schema, at);
}

describe('the OpenAPI document (/api/docs-json)', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    document = await describeApi();
  });

  it('lists the routes of docs/api.md', () => {
    const names = operationsOf(document).map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'GET /api/me',
        'POST /api/instances',
        'GET /api/tasks/{id}',
        'POST /api/tasks/{id}/complete',
        'GET /api/health',
      ]),
    );
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  it('gives every 2xx response of every route a schema (202/204 without a body say so)', () => {
    const missing = operationsOf(document).flatMap(([name, operation]) => {
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (successes.length === 0) return [`${name}: no 2xx response`];
      return successes.flatMap(([status, response]) => {
        const schemas = Object.values(response.content ?? {}).map((media) => media.schema);
        if (schemas.length === 0) {
          const declaredEmpty = ['202', '204'].includes(status) && Boolean(response.description);
          return declaredEmpty ? [] : [`${name} ${status}: no body schema`];
        }
        return schemas.every((schema) => describesABody(document, schema))
          ? []
          : [`${name} ${status}: an empty schema`];
      });
    });
    expect(missing).toEqual([]);
  });

  it('gives every request body a schema with its fields', () => {
    const missing = operationsOf(document).flatMap(([name, operation]) => {
      if (!operation.requestBody) return [];
      const schemas = Object.values(operation.requestBody.content ?? {}).map((media) => media.schema);
      return schemas.length > 0 && schemas.every((schema) => describesABody(document, schema))
        ? []
        : [`${name}: request body without fields`];
    });
    expect(missing).toEqual([]);
  });

  it('declares every schema it refers to, each with its fields', () => {
    const text = JSON.stringify(document);
    const referenced = [...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]!);
    const schemas = document.components?.schemas ?? {};
    const undeclared = [...new Set(referenced)].filter((name) => !schemas[name]);
    const empty = Object.entries(schemas)
      .filter(([, schema]) => !describesABody(document, schema as Schema))
      .map(([name]) => name);
    expect({ undeclared, empty }).toEqual({ undeclared: [], empty: [] });
  });

  it('gives every request body and every 2xx response body an example (docs/api.md, OpenAPI)', () => {
    const missing = operationsOf(document).flatMap(([name, operation]) => {
      const requests = Object.entries(operation.requestBody?.content ?? {}).flatMap(([type, media]) =>
        bodyMissingExamples(document, media, `${name} request ${type}`).map((gap) => `${name}: ${gap}`),
      );
      const responses = Object.entries(operation.responses)
        .filter(([status]) => /^2\d\d$/.test(status))
        .flatMap(([status, response]) =>
          Object.entries(response.content ?? {}).flatMap(([type, media]) =>
            bodyMissingExamples(document, media, `${status} ${type}`).map((gap) => `${name}: ${gap}`),
          ),
        );
      return [...requests, ...responses];
    });
    expect([...new Set(missing)]).toEqual([]);
  });
});
