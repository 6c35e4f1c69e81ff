import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * TypeScript declarations for the schemas of an OpenAPI document, as @nestjs/swagger writes them
 * from the DTO classes: objects, arrays, enums, `$ref`, `allOf` with one reference, `nullable`
 * and free-form objects (`additionalProperties: true`). Anything else is refused by name rather
 * than guessed. Also `ApiResponses`: the body type of each route's success answer. The web app's
 * types come from here (docs/adr/0011-repositories-responses-and-lib-entries.md).
 */
export function typescriptTypesOf(document: OpenAPIObject): string {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const declarations = Object.keys(schemas)
    .sort()
    .map((name) => declaration(name, schemas[name]!));
  return [HEADER, ...declarations, responsesMap(document)].join('\n\n') + '\n';
}

const HEADER = `// Generated from the api's OpenAPI document (its DTO classes) by \`npm run web:types\`: do not edit.
// A unit test (apps/api/src/openapi/web-types.spec.ts) fails when this file is stale.`;

interface Schema {
  $ref?: string;
  type?: string;
  enum?: (string | number)[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  nullable?: boolean;
  description?: string;
  format?: string;
}

function declaration(name: string, schema: Schema): string {
  const doc = comment(schema.description, '');
  if (schema.type === 'object' && schema.properties && !schema.additionalProperties) {
    return `${doc}export interface ${name} ${objectType(schema, '')}`;
  }
  return `${doc}export type ${name} = ${typeOf(schema, name, '')};`;
}

function objectType(schema: Schema, indent: string): string {
  const required = new Set(schema.required ?? []);
  const inner = `${indent}  `;
  const fields = Object.entries(schema.properties ?? {}).map(
    ([field, property]) =>
      `${comment(property.description, inner)}${inner}${field}${required.has(field) ? '' : '?'}: ${typeOf(property, field, inner)};`,
  );
  return fields.length === 0 ? '{}' : `{\n${fields.join('\n')}\n${indent}}`;
}

function typeOf(schema: Schema, where: string, indent: string): string {
  const base = baseType(schema, where, indent);
  return schema.nullable ? `${base} | null` : base;
}

function baseType(schema: Schema, where: string, indent: string): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.allOf) {
    if (schema.allOf.length !== 1 || !schema.allOf[0]?.$ref) throw unsupported(where, 'allOf');
    return refName(schema.allOf[0].$ref);
  }
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array': {
      if (!schema.items) throw unsupported(where, 'an array without items');
      const item = typeOf(schema.items, where, indent);
      return /[ |]/.test(item) ? `(${item})[]` : `${item}[]`;
    }
    case 'object':
      if (schema.properties && !schema.additionalProperties) return objectType(schema, indent);
      if (schema.additionalProperties === true || schema.additionalProperties === undefined) {
        return 'Record<string, unknown>';
      }
      return `Record<string, ${typeOf(schema.additionalProperties as Schema, where, indent)}>`;
    default:
      throw unsupported(where, `type ${String(schema.type)}`);
  }
}

/** `ApiResponses['GET /api/tasks']` is the body of that route's first success answer. */
function responsesMap(document: OpenAPIObject): string {
  const entries = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, OperationLike>).flatMap(([method, operation]) => {
      const success = Object.entries(operation.responses ?? {})
        .filter(([status]) => /^2\d\d$/.test(status))
        .sort(([a], [b]) => a.localeCompare(b));
      const schema = success
        .map(([, response]) => Object.values(response.content ?? {})[0]?.schema)
        .find((found) => found !== undefined);
      const key = `${method.toUpperCase()} ${path}`;
      return [`  ${JSON.stringify(key)}: ${schema ? typeOf(schema, key, '  ') : 'void'};`];
    }),
  );
  return `/** The body of each route's success answer (void: none). */\nexport interface ApiResponses {\n${entries.join('\n')}\n}`;
}

interface OperationLike {
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

function refName(ref: string): string {
  return ref.replace('#/components/schemas/', '');
}

function comment(text: string | undefined, indent: string): string {
  return text ? `${indent}/** ${text.replace(/\*\//g, '*\\/')} */\n` : '';
}

function unsupported(where: string, what: string): Error {
  return new Error(`${where}: ${what} has no TypeScript rendering here; declare it as a DTO class`);
}
