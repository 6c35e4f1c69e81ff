import type { OpenAPIObject } from '@nestjs/swagger';
import { describeApi } from './openapi-document';

type Schema = Record<string, unknown> & { $ref?: string; properties?: Record<string, unknown> };
type Operation = {
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
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
});
