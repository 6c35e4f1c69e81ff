import { ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DecisionsModel } from '../../../../libs/dmn/src';
import { DEPLOYER_ROLES } from '../../../../libs/domain/src';
import { OrgUnitEntity } from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRole } from '../auth/current-user';
import { inLanguage, renderProblemSummary } from '../../../../libs/bpmn/src';
import type { RequestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';
import { parseDecisionsInWorker } from '../definitions/compile-pool';
import { ownerFor } from '../definitions/owner-unit';
import {
  insertVersion,
  latestVersion,
  latestVersions,
  lockDecisionId,
  sha256Of,
} from './decisions.repository';

/** A DMN file that parsed: what `store` writes. */
export interface ParsedDecisions {
  xml: string;
  model: DecisionsModel;
}

export interface StoredDecision {
  id: string;
  decisionId: string;
  version: number;
  name: string | null;
  /** False when the same file already is this decision's latest version. */
  created: boolean;
}

/**
 * Deploys DMN decisions (docs/adr/0009-dmn-decisions.md). Each decision of a file becomes the
 * next version of its decision id, unless the file is the one its latest version came from
 * (same sha-256). Decision ids have owner units as process keys do (docs/adr/0003).
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLog,
  ) {}

  /** POST /api/decisions. */
  async deploy(
    user: CurrentUser,
    xml: string,
    ownerUnitId?: string,
    language: RequestLanguage = 'en',
  ): Promise<StoredDecision[]> {
    this.mayDeploy(user);
    const parsed = await this.parse(xml, 'xml', language);
    const stored = await this.db.transaction((tx) => this.store(tx, user, parsed, ownerUnitId));
    await this.audit(user, stored);
    return stored;
  }

  mayDeploy(user: CurrentUser): void {
    if (!hasRole(user, DEPLOYER_ROLES))
      throw new ForbiddenException('Deploying decisions needs the psychLead or admin role');
  }

  /**
   * Parses a DMN file off the event loop; a bad one is a 400 naming each decision and element,
   * worded in the caller's language (the thread sends the problems as data).
   */
  async parse(xml: string, path: string, language: RequestLanguage = 'en'): Promise<ParsedDecisions> {
    const parsed = await parseDecisionsInWorker(xml);
    if (parsed.ok) return { xml, model: parsed.model };
    const errors = parsed.errors.map((found) => inLanguage(found, language));
    const where = (e: { decisionId: string; elementId: string }): string =>
      [e.decisionId, e.elementId !== e.decisionId ? e.elementId : ''].filter(Boolean).join('/');
    throw new ProblemException(
      400,
      renderProblemSummary(
        errors.map((e) => ({ elementId: where(e), message: e.message })),
        language,
        'dmn.summary',
      ),
      errors.map((e) => ({
        path,
        decisionId: e.decisionId,
        elementId: e.elementId,
        elementType: e.elementType,
        code: e.code,
        params: e.params,
        message: e.message,
      })),
    );
  }

  /**
   * Writes the file's decisions inside the caller's transaction (POST /api/definitions stores
   * them with its process). Ids are locked in a fixed order, so two deploys cannot deadlock.
   */
  async store(
    tx: EntityManager,
    user: CurrentUser,
    { xml, model }: ParsedDecisions,
    ownerUnitId: string | undefined,
  ): Promise<StoredDecision[]> {
    const sha256 = sha256Of(xml);
    const units = tx.getRepository(OrgUnitEntity);
    const stored: StoredDecision[] = [];
    for (const decision of Object.values(model.decisions).sort((a, b) => (a.id < b.id ? -1 : 1))) {
      await lockDecisionId(tx, decision.id);
      const latest = await latestVersion(tx, decision.id);
      const owner = await ownerFor(
        units,
        user,
        { kind: 'Decision', key: decision.id },
        latest?.ownerUnitId,
        ownerUnitId,
      );
      if (latest && latest.sha256 === sha256) {
        stored.push({ ...summary(latest), created: false });
        continue;
      }
      const entity = await insertVersion(tx, {
        decisionId: decision.id,
        version: (latest?.version ?? 0) + 1,
        name: decision.name ?? null,
        xml,
        model,
        sha256,
        ownerUnitId: owner.id,
        deployedBy: user.id,
      });
      stored.push({ ...summary(entity), created: true });
    }
    return stored;
  }

  /** Audits each new version, as definition deploys are audited. */
  async audit(user: CurrentUser, stored: StoredDecision[]): Promise<void> {
    for (const decision of stored.filter((d) => d.created)) {
      await this.accessLog.record(user.id, 'decision.deploy', 'decision', decision.id, {
        decisionId: decision.decisionId,
        version: decision.version,
      });
    }
  }

  /** Decisions are not case data: every signed-in user may list them (as definitions). */
  async list() {
    const rows = await latestVersions(this.db.manager);
    return {
      items: rows.map((row) => ({
        ...summary(row),
        ownerUnitId: row.ownerUnitId,
        deployedAt: row.deployedAt.toISOString(),
      })),
    };
  }
}

function summary(row: { id: string; decisionId: string; version: number; name: string | null }) {
  return { id: row.id, decisionId: row.decisionId, version: row.version, name: row.name };
}
