import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DEPLOYER_ROLES } from '../../../../libs/domain/src';
import {
  checkFormSchema,
  formMessage,
  joinProblems,
  type MessageParams,
  type SchemaProblemCode,
} from '../../../../libs/forms/src';
import { type FormDefinitionEntity, OrgUnitEntity } from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRole } from '../auth/current-user';
import { findHostileJson, type HostileJson, MAX_JSON_DEPTH } from '../common/json-guard';
import type { RequestLanguage } from '../common/language';
import { ProblemException, type ProblemError } from '../common/problem.filter';
import { MAX_VARIABLE_BYTES, serializedBytes } from '../common/variable-limits';
import { deployerOnly, ownerFor } from '../definitions/owner-unit';
import {
  findFormVersion,
  insertFormVersion,
  latestFormVersions,
  lockFormId,
  schemaSha256,
} from './forms.repository';
import type { DeployedForm, FormSummary, FormVersion } from './forms.responses';

/** A form's schema may be as large as one case variable: what its data may be, and plenty for a form. */
export const MAX_FORM_SCHEMA_BYTES = MAX_VARIABLE_BYTES;

/**
 * Deployed forms, versioned (docs/forms.md#versions): each schema that differs from its form
 * id's latest becomes the next version. Form ids have owner units as process keys do
 * (docs/adr/0003): a school cannot publish over another school's or the district's form.
 */
@Injectable()
export class FormsService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLog,
  ) {}

  /** POST /api/forms. */
  async deploy(
    user: CurrentUser,
    formId: string,
    schema: Record<string, unknown>,
    ownerUnitId?: string,
    language: RequestLanguage = 'en',
  ): Promise<DeployedForm> {
    this.mayDeploy(user, language);
    checkSchema(schema, 'schema', language);
    const stored = await this.db.transaction((tx) =>
      this.store(tx, user, formId, schema, ownerUnitId, language),
    );
    await this.audit(user, [stored]);
    return stored;
  }

  mayDeploy(user: CurrentUser, language: RequestLanguage = 'en'): void {
    if (!hasRole(user, DEPLOYER_ROLES)) throw deployerOnly('Form', language);
  }

  /**
   * Writes a checked schema as the next version of its form id inside the caller's transaction
   * (POST /api/definitions stores its `forms` with its process), unless it is the latest already.
   */
  async store(
    tx: EntityManager,
    user: CurrentUser,
    formId: string,
    schema: Record<string, unknown>,
    ownerUnitId: string | undefined,
    language: RequestLanguage = 'en',
  ): Promise<DeployedForm> {
    await lockFormId(tx, formId);
    const latest = await findFormVersion(tx, formId);
    const owner = await ownerFor(
      tx.getRepository(OrgUnitEntity),
      user,
      { kind: 'Form', key: formId },
      latest?.ownerUnitId,
      ownerUnitId,
      language,
    );
    const sha256 = schemaSha256(schema);
    if (latest && latest.sha256 === sha256) return { ...summary(latest), created: false };
    const entity = await insertFormVersion(tx, {
      formId,
      version: (latest?.version ?? 0) + 1,
      schema,
      sha256,
      ownerUnitId: owner.id,
      deployedBy: user.id,
    });
    return { ...summary(entity), created: true };
  }

  /** Audits each new version, as definition deploys are audited. */
  async audit(user: CurrentUser, stored: DeployedForm[]): Promise<void> {
    for (const form of stored.filter((f) => f.created)) {
      await this.accessLog.record(user.id, 'form.deploy', 'form', form.formId, { version: form.version });
    }
  }

  /**
   * Forms are not case data: every signed-in user may list and read them (as definitions).
   * `usableAt` narrows the list to the forms a diagram owned at one of those units may link.
   */
  async list(usableAt?: string[]): Promise<{ items: FormSummary[] }> {
    return { items: (await latestFormVersions(this.db.manager, usableAt)).map(summary) };
  }

  async get(formId: string, version?: number): Promise<FormVersion> {
    const row = await findFormVersion(this.db.manager, formId, version);
    if (!row) throw new NotFoundException(`No form ${formId}${version ? ` version ${version}` : ''}`);
    return { ...summary(row), schema: row.schema };
  }
}

/**
 * 400 unless the schema is one CarePath can validate completions against (libs/forms
 * checkFormSchema) and within MAX_FORM_SCHEMA_BYTES. `path` prefixes the problems' paths
 * (`schema`, `forms.<formId>`). Every problem carries its `code` and `params` and is worded,
 * with the `detail`, in the reader's language (docs/forms.md#refused-schemas).
 */
export function checkSchema(schema: unknown, path: string, language: RequestLanguage = 'en'): void {
  const say = (code: SchemaProblemCode, params: MessageParams = {}) => formMessage(code, params, language);
  const bytes = serializedBytes(schema);
  if (bytes > MAX_FORM_SCHEMA_BYTES) {
    const params = { path, kib: Math.ceil(bytes / 1024), max: MAX_FORM_SCHEMA_BYTES / 1024 };
    throw new ProblemException(413, say('schema.tooLargeDetail', params), [
      { path, code: 'schema.tooLarge', params: { max: params.max }, message: say('schema.tooLarge', params) },
    ]);
  }
  const hostile = findHostileJson(schema, [path]);
  if (hostile) {
    const error = hostileSchemaProblem(hostile, language);
    throw new ProblemException(
      400,
      say('schema.hostileDetail', { path: error.path ?? path, message: error.message }),
      [error],
    );
  }
  const problems = checkFormSchema(schema, language);
  if (problems.length === 0) return;
  const errors: ProblemError[] = problems.map((problem) => ({
    path: problem.path ? `${path}.${problem.path}` : path,
    ...(problem.componentId ? { componentId: problem.componentId } : {}),
    code: problem.code,
    params: problem.params,
    message: problem.message,
  }));
  throw new ProblemException(
    400,
    say('schema.summary', {
      path,
      count: problems.length,
      list: joinProblems(
        problems.map((p) => p.message),
        language,
      ),
    }),
    errors,
  );
}

/** JSON a schema may not hold (the request guard's finding), as a coded schema problem. */
export function hostileSchemaProblem(
  hostile: HostileJson,
  language: RequestLanguage,
): ProblemError & { code: SchemaProblemCode; params: MessageParams } {
  const code = `schema.${hostile.code}` as const;
  const params: MessageParams = hostile.code === 'tooDeep' ? { max: MAX_JSON_DEPTH } : {};
  return { path: hostile.path, code, params, message: formMessage(code, params, language) };
}

function summary(row: FormDefinitionEntity): FormSummary {
  const name = row.schema.name;
  return {
    formId: row.formId,
    version: row.version,
    name: typeof name === 'string' ? name : null,
    ownerUnitId: row.ownerUnitId,
    deployedAt: row.deployedAt.toISOString(),
    deployedBy: row.deployedBy,
  };
}
