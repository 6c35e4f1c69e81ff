import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Injectable, NotFoundException } from '@nestjs/common';
import {
  calledDecisionOfElement,
  type DiagramProblem,
  EMBEDDED_FORM_KEY_PREFIX,
  inLanguage,
  problem,
  problemAt,
  type ProcessModel,
  renderProblemSummary,
  upgradeModel,
} from '../../../../libs/bpmn/src';
import { DEPLOYER_ROLES } from '../../../../libs/domain/src';
import { checkFormSchema, formMessage, joinProblems } from '../../../../libs/forms/src';
import {
  decisionsRunnableAt,
  formsAvailableAt,
  OrgUnitEntity,
  type ProcessDefinitionEntity,
} from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRole } from '../auth/current-user';
import { DecisionsService, type ParsedDecisions, type StoredDecision } from '../decisions/decisions.service';
import type { RequestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';
import { compileInWorker } from './compile-pool';
import { findHostileJson } from '../common/json-guard';
import type { DeployedForm } from '../forms/forms.responses';
import { FORM_ID_PATTERN } from '../forms/forms.dto';
import { checkSchema, FormsService, hostileSchemaProblem } from '../forms/forms.service';
import { deployerOnly, ownerFor } from './owner-unit';
import type { ListDefinitionsQuery } from './definitions.dto';
import { DefinitionsRepository } from './definitions.repository';
import { InstancesRepository } from '../instances/instances.repository';
import { TimerStarts } from './timer-starts.service';

export interface DeployResult {
  created: boolean;
  definition: {
    id: string;
    key: string;
    version: number;
    name: string | null;
    ownerUnitId: string;
    warnings: DiagramProblem[];
    /** The decisions deployed with it (`decisions`), when any were sent. */
    decisions?: StoredDecision[];
  };
}

function summarise(d: ProcessDefinitionEntity) {
  return {
    id: d.id,
    key: d.key,
    version: d.version,
    name: d.name,
    ownerUnitId: d.ownerUnitId,
    deployedAt: d.deployedAt.toISOString(),
    deployedBy: d.deployedBy,
  };
}

@Injectable()
export class DefinitionsService {
  constructor(
    private readonly definitions: DefinitionsRepository,
    private readonly accessLog: AccessLog,
    private readonly timerStarts: TimerStarts,
    private readonly decisions: DecisionsService,
    private readonly instances: InstancesRepository,
    private readonly forms: FormsService,
  ) {}

  /**
   * Publishes a diagram as the next version of its key. Who may (docs/adr/0003): a deployer
   * (psychLead, admin) at or above the key's owner unit, which the first version fixes; a school
   * that wants its own variant of the district's pathway deploys it under a key of its own.
   */
  async deploy(
    user: CurrentUser,
    xml: string,
    forms: Record<string, unknown> = {},
    ownerUnitId?: string,
    decisionFiles: string[] = [],
    language: RequestLanguage = 'en',
  ): Promise<DeployResult> {
    if (!hasRole(user, DEPLOYER_ROLES)) throw deployerOnly('Process', language);
    const compiled = await compileInWorker(xml);
    if (!compiled.ok) {
      // The compile thread sends problems as data; they are worded here, for this reader.
      const errors = compiled.errors.map((found) => inLanguage(found, language));
      throw new ProblemException(
        400,
        renderProblemSummary(errors, language),
        errors.map(({ elementId, elementType, code, params, message }) => ({
          elementId,
          elementType,
          code,
          params,
          message,
        })),
      );
    }
    const { model } = compiled;
    checkDeployedForms(forms, language);
    const storedForms = withEmbeddedForms(forms, compiled.embeddedForms ?? {}, language);
    // Every DMN file is checked before anything is written: a bad one refuses the whole deploy.
    const parsedDecisions: ParsedDecisions[] = [];
    for (const [index, file] of decisionFiles.entries()) {
      parsedDecisions.push(await this.decisions.parse(file, `decisions[${index}]`, language));
    }
    const warnings: DiagramProblem[] = [...compiled.warnings];
    const sha256 = createHash('sha256').update(xml).update('\0').update(JSON.stringify(forms)).digest('hex');
    // Deployments of one key are serialised so versions stay dense and unique.
    const result = await this.definitions.withKeyLocked(model.id, async ({ latest, tx, insert }) => {
      const owner = await ownerFor(
        tx.getRepository(OrgUnitEntity),
        user,
        { kind: 'Process', key: model.id },
        latest?.ownerUnitId,
        ownerUnitId,
        language,
      );
      const replaced = latest?.model;
      const decisions: StoredDecision[] = [];
      for (const parsed of parsedDecisions) {
        decisions.push(...(await this.decisions.store(tx, user, parsed, ownerUnitId)));
      }
      // The forms sent with the diagram become versions of their form ids too (docs/forms.md);
      // a new form id belongs where the process does. Sorted: two deploys lock in one order.
      const formVersions: DeployedForm[] = [];
      for (const formId of Object.keys(forms).sort()) {
        const schema = forms[formId] as Record<string, unknown>;
        formVersions.push(await this.forms.store(tx, user, formId, schema, owner.id, language));
      }
      warnings.push(...(await missingDecisionWarnings(tx, model, owner.orgPath)));
      warnings.push(...(await missingFormWarnings(tx, model, forms, owner.orgPath)));
      if (latest && latest.sha256 === sha256) {
        return { created: false, entity: latest, replaced, decisions, formVersions };
      }
      const entity = await insert({
        key: model.id,
        version: (latest?.version ?? 0) + 1,
        name: model.name ?? null,
        xml,
        model,
        forms: storedForms,
        sha256,
        ownerUnitId: owner.id,
        deployedBy: user.id,
      });
      return { created: true, entity, replaced, decisions, formVersions };
    });
    await this.decisions.audit(user, result.decisions);
    await this.forms.audit(user, result.formVersions);
    if (result.created) {
      await this.accessLog.record(user.id, 'definition.deploy', 'definition', result.entity.id, {
        key: model.id,
        version: result.entity.version,
      });
    }
    const { entity } = result;
    await this.syncTimerStarts(entity, result.created, result.created ? result.replaced : undefined);
    return {
      created: result.created,
      definition: {
        id: entity.id,
        key: entity.key,
        version: entity.version,
        name: entity.name,
        ownerUnitId: entity.ownerUnitId,
        warnings: warnings.map((found) => inLanguage(found, language)),
        ...(decisionFiles.length > 0 ? { decisions: result.decisions } : {}),
      },
    };
  }

  /**
   * Timer start events run as a schedule per key, in step with the latest version. Only a
   * diagram that has them, or replaces one that had them, needs Temporal here.
   */
  private async syncTimerStarts(
    entity: ProcessDefinitionEntity,
    created: boolean,
    replaced: ProcessModel | undefined,
  ): Promise<void> {
    const now = new Date().toISOString();
    const timers = TimerStarts.timersOf(upgradeModel(entity.model), now);
    const hadTimers = replaced !== undefined && TimerStarts.timersOf(upgradeModel(replaced), now).length > 0;
    if (timers.length === 0 && !hadTimers) return;
    // Cases a timer starts live at the key's owner unit: the pathway's home.
    await this.timerStarts.sync(entity, timers, entity.ownerUnitId, created);
  }

  /**
   * Definitions are not case data: every signed-in user may list them. The running counts are
   * case data, so they count only the caller's visible cases (InstancesRepository's scope rule).
   */
  async list(user: CurrentUser, query: ListDefinitionsQuery) {
    const page = await this.definitions.list({ key: query.key }, query);
    const ids = page.items.map((d) => d.id);
    const [running, names] = await Promise.all([
      this.instances.runningByDefinition(user.id, ids),
      this.definitions.deployerNames(user.id, ids),
    ]);
    return {
      items: page.items.map((d) => ({
        ...summarise(d),
        deployedByName: names.get(d.id) ?? null,
        runningInstances: running.get(d.id) ?? 0,
      })),
      nextCursor: page.nextCursor,
    };
  }

  async get(id: string) {
    const d = await this.definitions.findById(id);
    if (!d) throw new NotFoundException(`Definition ${id} not found`);
    return { ...summarise(d), xml: d.xml, forms: d.forms };
  }

  /** The given version of a key, or its latest. */
  async resolve(key: string, version?: number): Promise<ProcessDefinitionEntity> {
    const definition = await this.definitions.findVersion(key, version);
    if (!definition)
      throw new NotFoundException(`No definition ${key}${version ? ` version ${version}` : ''}`);
    return definition;
  }
}

/**
 * The forms stored with a definition: those of the deploy's `forms`, and the forms embedded in
 * the diagram (zeebe:userTaskForm) under the formKey job-worker user tasks link them by
 * ('camunda-forms:bpmn:<id>'), so tasks show and check them as they do formId forms
 * (docs/bpmn-elements.md#job-worker-user-tasks). An embedded form JSON refuses what the request
 * body guard refuses, and a `forms` key may not take an embedded form's place.
 */
function withEmbeddedForms(
  forms: Record<string, unknown>,
  embedded: Record<string, unknown>,
  language: RequestLanguage,
): Record<string, unknown> {
  const problems = Object.entries(embedded).flatMap(([formKey, schema]) => {
    const elementId = formKey.slice(EMBEDDED_FORM_KEY_PREFIX.length);
    const at = { elementId, elementType: 'zeebe:UserTaskForm' };
    const hostile = findHostileJson(schema);
    const taken = Object.hasOwn(forms, formKey);
    const unfit = hostile ? [] : checkFormSchema(schema, language);
    const found = hostile ? hostileSchemaProblem(hostile, language) : undefined;
    return [
      ...unfit.map((problem) => ({
        path: problem.path,
        ...at,
        ...(problem.componentId ? { componentId: problem.componentId } : {}),
        code: problem.code,
        params: problem.params,
        message: problem.message,
      })),
      ...(found
        ? [
            {
              ...at,
              code: found.code,
              params: found.params,
              message: found.path
                ? formMessage('schema.at', { message: found.message, path: found.path }, language)
                : formMessage('schema.atRoot', { message: found.message }, language),
            },
          ]
        : []),
      ...(taken
        ? [
            {
              path: `forms.${formKey}`,
              ...at,
              code: 'schema.embeddedTaken',
              params: { formKey },
              message: formMessage('schema.embeddedTaken', { formKey }, language),
            },
          ]
        : []),
    ];
  });
  if (problems.length > 0) {
    const list = problems.map((p) =>
      language === 'zh-CN' ? `${p.elementId}：${p.message}` : `${p.elementId}: ${p.message}`,
    );
    throw new ProblemException(
      400,
      formMessage(
        'schema.embeddedSummary',
        { count: problems.length, list: joinProblems(list, language) },
        language,
      ),
      problems,
    );
  }
  return { ...forms, ...embedded };
}

/**
 * Business rule tasks calling a decision that cases of this process could not evaluate (no
 * version owned at or above the process's owner unit): the case would stop there with an
 * incident, so the deploy says so. A warning, not a refusal: the decision may be deployed later.
 * A FEEL decision id cannot be checked before it runs.
 */
async function missingDecisionWarnings(
  tx: EntityManager,
  model: ProcessModel,
  ownerPath: string,
): Promise<DiagramProblem[]> {
  const calls = Object.values(model.elements).flatMap((element) => {
    const called = element.type === 'businessRuleTask' ? calledDecisionOfElement(element) : undefined;
    return called && !called.decisionId.startsWith('=') ? [{ element, decisionId: called.decisionId }] : [];
  });
  if (calls.length === 0) return [];
  const runnable = await decisionsRunnableAt(
    tx,
    [...new Set(calls.map((call) => call.decisionId))],
    ownerPath,
  );
  return calls
    .filter((call) => !runnable.has(call.decisionId))
    .map(({ element, decisionId }) =>
      problemAt(
        { id: element.id, $type: 'bpmn:BusinessRuleTask' },
        problem('warning.decisionNotDeployed', { task: element.id, decisionId, orgPath: ownerPath }),
      ),
    );
}

/**
 * User tasks whose linked form is neither deployed with the diagram nor deployed (POST
 * /api/forms) at or above the process's owner unit: the task would open without its form, so
 * the deploy says so (a warning, not a refusal: the form may come later; docs/forms.md#binding).
 */
async function missingFormWarnings(
  tx: EntityManager,
  model: ProcessModel,
  forms: Record<string, unknown>,
  ownerPath: string,
): Promise<DiagramProblem[]> {
  const linking = Object.values(model.elements).flatMap((element) =>
    element.type === 'userTask' && element.formId !== undefined && !Object.hasOwn(forms, element.formId)
      ? [{ element, formId: element.formId }]
      : [],
  );
  if (linking.length === 0) return [];
  const available = await formsAvailableAt(tx, [...new Set(linking.map((link) => link.formId))], ownerPath);
  return linking
    .filter((link) => !available.has(link.formId))
    .map(({ element, formId }) =>
      problemAt(
        { id: element.id, $type: 'bpmn:UserTask' },
        problem('warning.formNotDeployed', { task: element.id, formId, orgPath: ownerPath }),
      ),
    );
}

/**
 * The deploy's `forms`: each under a form id, each a schema CarePath can validate completions
 * against (400 naming `forms.<formId>` and the component otherwise).
 */
function checkDeployedForms(forms: Record<string, unknown>, language: RequestLanguage): void {
  for (const [formId, schema] of Object.entries(forms)) {
    if (!FORM_ID_PATTERN.test(formId)) {
      const params = { formId: formId.slice(0, 100), pattern: FORM_ID_PATTERN.source };
      throw new ProblemException(400, formMessage('schema.formIdDetail', params, language), [
        {
          path: `forms.${params.formId}`,
          code: 'schema.formId',
          params: { pattern: params.pattern },
          message: formMessage('schema.formId', params, language),
        },
      ]);
    }
    checkSchema(schema, `forms.${formId}`, language);
  }
}
