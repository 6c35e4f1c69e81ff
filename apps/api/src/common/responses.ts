import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../../../libs/domain/src';

/*
 * Response bodies are classes declared with @nestjs/swagger decorators: the OpenAPI document at
 * /api/docs-json is built from them, and the web app's types are generated from that document
 * (docs/adr/0011-repositories-responses-and-lib-entries.md). Services return these types, so
 * what a route answers and what it declares cannot drift apart silently.
 */

/** A JSON object of any shape (case variables, a form-js schema, audit data). */
export const ANY_OBJECT = { type: 'object', additionalProperties: true } as const;

/** The OpenAPI example of a form-js schema, wherever a body carries one (forms, tasks, deploys). */
export const FORM_SCHEMA_EXAMPLE = {
  type: 'default',
  id: 'initial-assessment',
  components: [
    {
      type: 'select',
      key: 'riskLevel',
      label: '风险等级',
      values: [
        { label: '高', value: 'high' },
        { label: '中', value: 'medium' },
        { label: '低', value: 'low' },
      ],
      validate: { required: true },
    },
  ],
};

/** A role held at an org unit, and that unit's path. */
export class RoleGrantView {
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: Role;
  @ApiProperty({ format: 'uuid', example: '2b3c4d5e-6f70-4a1b-8c2d-3e4f5a6b7c8d' }) orgUnitId!: string;
  @ApiProperty({ example: '/city/district-1/school-a' }) orgPath!: string;
}

/**
 * A page of a list: `{ items, nextCursor }` (docs/api.md). The class is named after its items
 * (`TaskViewPage`), so every list has a schema of its own.
 */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; nextCursor: string | null }> {
  class Page {
    @ApiProperty({ type: [item] }) items!: T[];
    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass it as `cursor` for the next page; null on the last page',
      example: 'MjAyNi0xMi0wNFQwODowMDowMC4wMDBafDZmMWMyZDNlLTRiNWEtNGM3ZC05ZThmLTBhMWIyYzNkNGU1Zg',
    })
    nextCursor!: string | null;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name}Page` });
  return Page;
}
