import { existsSync } from 'node:fs';
import { ForbiddenException, Inject, Injectable, StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import { type Role, SUPERVISOR_ROLES } from '../../../../libs/domain/src';
import { reportUnitInScope, verifyAuditChain } from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRole, hasRoleAt } from '../auth/current-user';
import { CaseContexts } from '../case-file/case-context';
import { CaseFiles } from '../case-file/case-file.service';
import { csvFile, csvText } from '../common/csv';
import type { RequestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';
import { InstancesService } from '../instances/instances.service';
import { complianceLines, unnamedCompleters } from './compliance-lines';
import { CJK_FONT_PATH, PdfFontMissing, renderCompliancePdf } from './compliance-pdf';
import { durationWords } from './compliance-words';
import { ComplianceRepository } from './compliance.repository';
import type { LateStepsQuery } from './compliance.dto';
import type { ComplianceReview, LateStep, LateStepsReport } from './compliance.responses';

/**
 * Who reads a case's compliance review and the district's late steps: the roles that supervise
 * a case (the case page shows them its variables, the chain's verification and reassignment) —
 * principal, psychology lead, district supervisor, admin. Teachers who did the steps do not
 * review them.
 */
export const COMPLIANCE_READER_ROLES: readonly Role[] = SUPERVISOR_ROLES;

/** At most this many late steps in one answer (JSON or CSV); `truncated` says when more matched. */
export const LATE_STEPS_LIMIT = 2000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const MESSAGES = {
  forbiddenCase: {
    'zh-CN': '只有校长、心理负责人、督导和管理员可以查看个案的时限合规审查',
    en: "Only principals, psychology leads, district supervisors and admins read a case's compliance review",
  },
  forbiddenReport: {
    'zh-CN': '只有校长、心理负责人、督导和管理员可以查看超时环节',
    en: 'Only principals, psychology leads, district supervisors and admins read the late steps',
  },
  fontMissing: {
    'zh-CN': '服务器缺少中文字体（fonts-wqy-microhei），暂时无法生成 PDF，请联系管理员',
    en: 'The server lacks its Chinese font (fonts-wqy-microhei): the PDF cannot be made now; tell an administrator',
  },
  orgUnitId: {
    'zh-CN': 'orgUnitId 必填，须为组织单位的 UUID',
    en: 'orgUnitId is required: the UUID of an org unit',
  },
  from: {
    'zh-CN': 'from 必填，格式为 YYYY-MM-DD（如 2026-11-01）',
    en: 'from is required as YYYY-MM-DD (e.g. 2026-11-01)',
  },
  to: {
    'zh-CN': 'to 必填，格式为 YYYY-MM-DD，且不早于 from',
    en: 'to is required as YYYY-MM-DD, not before from',
  },
  period: {
    'zh-CN': '查询期间最长一年：to 不能晚于 from 之后一年',
    en: 'The period is at most a year: to must lie within a year of from',
  },
  format: { 'zh-CN': 'format 只能是 json 或 csv', en: 'format must be json or csv' },
  notFound: {
    'zh-CN': '没有可查看的该组织单位',
    en: 'No org unit with that id whose late steps you may read',
  },
} as const;

/**
 * The compliance review (倒查追责, docs/compliance.md): per case, every deadline it had and how it
 * was kept, proven by the case's hash-chained audit entries, as JSON or as a PDF to file; per
 * district, the late steps of its schools in a period. Every read is audited.
 */
@Injectable()
export class ComplianceService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly instances: InstancesService,
    private readonly caseFiles: CaseFiles,
    private readonly caseContexts: CaseContexts,
    private readonly repository: ComplianceRepository,
    private readonly accessLog: AccessLog,
  ) {}

  /**
   * The review of a case the caller sees (404 otherwise, as GET /api/instances/:id), for a
   * supervising role at the case (403 within scope otherwise); a sealed case only with a reason.
   * A purged case still answers: its tasks and chain are the minimal record 消档 keeps.
   */
  async review(
    user: CurrentUser,
    id: string,
    reason: string | undefined,
    language: RequestLanguage,
    format: 'json' | 'pdf' = 'json',
  ): Promise<ComplianceReview> {
    const { instance, via } = await this.instances.findReadable(user, id);
    // Under an emergency access grant (given to principals and district supervisors only, docs/
    // security.md) the grant admits this read of the case as it admits the others; in scope, a
    // supervising role at the case does.
    const breakGlass = via === 'breakGlass';
    if (!breakGlass && !hasRoleAt(user, COMPLIANCE_READER_ROLES, instance.orgPath))
      throw new ForbiddenException(MESSAGES.forbiddenCase[language]);
    await this.caseFiles.admitRead(
      user,
      instance,
      { resourceType: 'instance', resourceId: id, what: 'compliance', ...(breakGlass ? { via } : {}) },
      reason,
      language,
    );
    const [tasks, entries, definition, contexts, verification] = await Promise.all([
      this.repository.deadlineTasks(id),
      this.repository.evidence(id),
      this.repository.modelOf(instance.definitionId),
      this.caseContexts.of(user.id, [id], { breakGlass }),
      verifyAuditChain(this.db, id, this.config.dataKey),
    ]);
    const people = await this.repository.displayNames(unnamedCompleters(tasks, entries));
    const items = complianceLines(tasks, entries, {
      model: definition?.model ?? null,
      now: new Date(),
      people,
    });
    await this.accessLog.record(user.id, 'instance.compliance.read', 'instance', id, {
      format,
      lines: items.length,
      ...(breakGlass ? { via } : {}),
    });
    const context = contexts.get(id);
    return {
      instanceId: id,
      businessKey: instance.businessKey,
      definitionKey: instance.definitionKey,
      processName: definition?.name ?? definition?.model.name ?? instance.definitionKey,
      version: instance.definitionVersion,
      orgUnitName: context?.orgUnitName ?? instance.orgPath,
      generatedAt: new Date().toISOString(),
      sealedAt: instance.sealedAt?.toISOString() ?? null,
      purgedAt: instance.purgedAt?.toISOString() ?? null,
      items,
      chain: { verified: verification.valid, entries: verification.entries },
    };
  }

  /** The review as a PDF file (docs/compliance.md); 503 when the CJK font is missing. */
  async reviewPdf(
    user: CurrentUser,
    id: string,
    reason: string | undefined,
    language: RequestLanguage,
  ): Promise<StreamableFile> {
    // Before anything is read: a PDF of empty boxes would be worse than none.
    if (!existsSync(CJK_FONT_PATH)) throw new ProblemException(503, MESSAGES.fontMissing[language]);
    const review = await this.review(user, id, reason, language, 'pdf');
    let bytes: Buffer;
    try {
      bytes = await renderCompliancePdf(
        {
          ...review,
          sealed: review.sealedAt !== null,
          purged: review.purgedAt !== null,
          chainVerified: review.chain.verified,
          generatedBy: user.displayName || user.username,
        },
        language,
      );
    } catch (error) {
      if (error instanceof PdfFontMissing) throw new ProblemException(503, MESSAGES.fontMissing[language]);
      throw error;
    }
    const name = (review.businessKey ?? id).replace(/[^A-Za-z0-9_-]/g, '_');
    return new StreamableFile(bytes, {
      type: 'application/pdf',
      disposition: `attachment; filename="compliance-${name}.pdf"`,
      length: bytes.length,
    });
  }

  /**
   * The late steps due in the period at the cases below a unit (docs/api.md#late-steps): one
   * query for all its schools, the scope rule in its WHERE clause.
   */
  async lateSteps(
    user: CurrentUser,
    query: LateStepsQuery,
    language: RequestLanguage,
  ): Promise<LateStepsReport> {
    const { orgUnitId, from, to } = checkedPeriod(query, language);
    // Decided before the unit is looked up, so the answer says nothing about the unit.
    if (!hasRole(user, COMPLIANCE_READER_ROLES))
      throw new ForbiddenException(MESSAGES.forbiddenReport[language]);
    const unit = await reportUnitInScope(this.db.manager, user.id, orgUnitId, COMPLIANCE_READER_ROLES);
    if (!unit) throw problem(404, MESSAGES.notFound[language], 'orgUnitId');
    const rows = await this.repository.lateSteps(
      user.id,
      COMPLIANCE_READER_ROLES,
      unit.orgPath,
      from,
      to,
      LATE_STEPS_LIMIT + 1,
    );
    const now = Date.now();
    const items: LateStep[] = rows.slice(0, LATE_STEPS_LIMIT).map((row) => ({
      instanceId: row.instanceId,
      businessKey: row.businessKey,
      orgUnitName: row.orgUnitName,
      elementId: row.elementId,
      name: row.name ?? row.elementId,
      dueAt: row.dueAt.toISOString(),
      completedAt: row.state === 'completed' ? (row.endedAt?.toISOString() ?? null) : null,
      lateByMs: Math.max(
        0,
        (row.state === 'completed' && row.endedAt ? row.endedAt.getTime() : now) - row.dueAt.getTime(),
      ),
      actor: row.actorId && row.actorName ? { id: row.actorId, displayName: row.actorName } : null,
      escalated: row.escalated,
    }));
    await this.accessLog.record(user.id, 'report.late-steps.read', 'orgUnit', unit.id, {
      from: query.from,
      to: query.to,
      format: query.format === 'csv' ? 'csv' : 'json',
      rows: items.length,
    });
    return { items, truncated: rows.length > LATE_STEPS_LIMIT };
  }

  /** The late steps as a CSV file (UTF-8 with BOM), lateness also in words. */
  async lateStepsCsv(
    user: CurrentUser,
    query: LateStepsQuery,
    language: RequestLanguage,
  ): Promise<StreamableFile> {
    const report = await this.lateSteps(user, { ...query, format: 'csv' }, language);
    const header = [
      'instanceId',
      'businessKey',
      'orgUnitName',
      'elementId',
      'name',
      'dueAt',
      'completedAt',
      'lateByMs',
      'lateBy',
      'actor',
      'escalated',
    ];
    const rows = report.items.map((item) => [
      item.instanceId,
      item.businessKey,
      item.orgUnitName,
      item.elementId,
      item.name,
      item.dueAt,
      item.completedAt,
      item.lateByMs,
      durationWords(item.lateByMs, language),
      item.actor?.displayName,
      item.escalated,
    ]);
    return csvFile(`late-steps-${query.from}-${query.to}`, csvText(header, rows));
  }
}

/** The query checked: 400 naming the field, in the caller's language. */
function checkedPeriod(
  query: LateStepsQuery,
  language: RequestLanguage,
): { orgUnitId: string; from: Date; to: Date } {
  const { orgUnitId, format } = query;
  if (!orgUnitId || !UUID.test(orgUnitId)) throw problem(400, MESSAGES.orgUnitId[language], 'orgUnitId');
  const from = shanghaiDay(query.from);
  if (!from) throw problem(400, MESSAGES.from[language], 'from');
  const last = shanghaiDay(query.to);
  if (!last || last < from) throw problem(400, MESSAGES.to[language], 'to');
  const yearAfter = new Date(from);
  yearAfter.setUTCFullYear(yearAfter.getUTCFullYear() + 1);
  // `to` is included: the period ends at the start of the next day.
  const to = new Date(last.getTime() + 86_400_000);
  if (to.getTime() > yearAfter.getTime() + 86_400_000) throw problem(400, MESSAGES.period[language], 'to');
  if (format !== undefined && format !== 'json' && format !== 'csv')
    throw problem(400, MESSAGES.format[language], 'format');
  return { orgUnitId, from, to };
}

/** The start of a calendar day in Asia/Shanghai, or null for anything but a real YYYY-MM-DD. */
function shanghaiDay(value: string | undefined): Date | null {
  if (!value || !DAY.test(value)) return null;
  const at = new Date(`${value}T00:00:00+08:00`);
  if (Number.isNaN(at.getTime())) return null;
  // 2026-02-31 parses as March 3rd: refuse a day the calendar does not have.
  const back = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return back === value ? at : null;
}

function problem(status: number, message: string, path: string): ProblemException {
  return new ProblemException(status, message, [{ path, message }]);
}
