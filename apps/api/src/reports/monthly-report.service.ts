import { ForbiddenException, Injectable, type StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MONTHLY_REPORT_READER_ROLES } from '../../../../libs/domain/src';
import {
  isReportMonth,
  monthlyReportDetails,
  reportSubmissions,
  reportUnitInScope,
  schoolsForReport,
} from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import { type CurrentUser, hasRole } from '../auth/current-user';
import { csvFile, csvText } from '../common/csv';
import type { RequestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';
import {
  COUNT_FIELDS,
  screeningCoverage,
  countsView,
  flatCounts,
  RISK_FIELDS,
  RISK_TOTAL_FIELD,
  reportMonthOf,
  sumCounts,
} from './monthly-report.fields';
import type { MonthlyReportQuery } from './monthly-report.dto';
import type { MonthlyReport, MonthlyReportSchool } from './monthly-report.responses';
import { type SuppressedRow, suppressSmallCounts } from './monthly-suppression';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const MESSAGES = {
  orgUnitId: {
    'zh-CN': 'orgUnitId 必填，须为组织单位的 UUID',
    en: 'orgUnitId is required: the UUID of an org unit',
  },
  month: {
    'zh-CN': 'month 必填，格式为 YYYY-MM（如 2026-11），且不晚于本月',
    en: 'month is required as YYYY-MM (e.g. 2026-11), not after the current month',
  },
  format: { 'zh-CN': 'format 只能是 json 或 csv', en: 'format must be json or csv' },
  notFound: {
    'zh-CN': '没有可查看月报的该组织单位',
    en: 'No org unit with that id whose monthly report you may read',
  },
  belowSchool: {
    'zh-CN': 'orgUnitId 须为学校或学校以上的单位（区、市）',
    en: 'orgUnitId must be a school or a unit above schools (a district, a city)',
  },
  forbidden: {
    'zh-CN': '只有心理教师、校长、心理负责人、督导和管理员可以查看月报',
    en: 'Only psychology teachers, principals, psychology leads, district supervisors and admins read the monthly report',
  },
} as const;

/** The CSV's text for a hidden count: the small ones as "<5", the ones hidden to protect them "*". */
const CSV_HIDDEN = { small: '<5', complementary: '*' } as const;

/**
 * GET /api/reports/monthly (docs/api.md#monthly-report): a school's counts for a month, or, for
 * a unit above schools, one row per school and their sum, small counts suppressed for whoever is
 * not the school's own staff (monthly-suppression.ts). Counts come from the projections in SQL
 * (libs/persistence/src/monthly-reports.ts, the same aggregate the worker stores); the unit is
 * found through the scope rule. Every read is audited without its numbers.
 */
@Injectable()
export class MonthlyReportService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLog,
  ) {}

  async report(
    user: CurrentUser,
    query: MonthlyReportQuery,
    language: RequestLanguage,
    csv: boolean,
  ): Promise<MonthlyReport> {
    const { orgUnitId, month } = checkedQuery(query, language);
    // Decided before the unit is looked up, so the answer says nothing about the unit.
    if (!hasRole(user, MONTHLY_REPORT_READER_ROLES))
      throw new ForbiddenException(MESSAGES.forbidden[language]);
    const db = this.db.manager;
    const unit = await reportUnitInScope(db, user.id, orgUnitId, MONTHLY_REPORT_READER_ROLES);
    if (!unit) throw problem(404, MESSAGES.notFound[language], 'orgUnitId');
    if (unit.kind === 'grade' || unit.kind === 'class') {
      throw problem(400, MESSAGES.belowSchool[language], 'orgUnitId');
    }

    const generatedAt = new Date().toISOString();
    const schools = await schoolsForReport(db, user.id, unit.orgPath, MONTHLY_REPORT_READER_ROLES);
    const details = await monthlyReportDetails(
      db,
      schools.map((school) => school.orgPath),
      month,
    );
    const counts = details.map(flatCounts);
    const shown = suppressSmallCounts(
      counts,
      sumCounts(counts),
      schools.map((school) => school.ownStaff),
      RISK_TOTAL_FIELD,
      RISK_FIELDS,
    );
    const submissions = await reportSubmissions(
      db,
      schools.map((school) => school.id),
      month,
    );

    await this.accessLog.record(user.id, 'report.monthly.read', 'orgUnit', unit.id, {
      month,
      format: csv ? 'csv' : 'json',
    });
    return {
      orgUnit: { id: unit.id, kind: unit.kind, name: unit.name },
      month,
      generatedAt,
      schools: schools.map((school, index): MonthlyReportSchool => {
        const submission = submissions.get(school.id);
        return {
          orgUnitId: school.id,
          name: school.name,
          exact: school.ownStaff,
          submitted: submission !== undefined,
          submittedAt: submission?.submittedAt.toISOString() ?? null,
          submittedBy: submission?.submittedBy ?? null,
          ...rowView(shown[index]!, screeningCoverage([details[index]!])),
        };
      }),
      rollup: unit.kind === 'school' ? null : rowView(shown[schools.length]!, screeningCoverage(details)),
    };
  }

  /** The report as a CSV file: a row per school, then the rollup row of a unit above schools. */
  async reportCsv(
    user: CurrentUser,
    query: MonthlyReportQuery,
    language: RequestLanguage,
  ): Promise<StreamableFile> {
    const report = await this.report(user, query, language, true);
    const header = [
      'row',
      'orgUnitId',
      'name',
      'month',
      'exact',
      'submitted',
      'submittedAt',
      'submittedBy',
      ...COUNT_FIELDS,
      'screeningCoverage',
    ];
    const cells = (row: { counts: object; suppressed: MonthlyReport['schools'][number]['suppressed'] }) => {
      const hidden = new Map(row.suppressed.map((s) => [s.field, CSV_HIDDEN[s.reason]]));
      return COUNT_FIELDS.map((field) => hidden.get(field) ?? valueAt(row.counts, field));
    };
    const rows = report.schools.map((school) => [
      'school',
      school.orgUnitId,
      school.name,
      report.month,
      school.exact,
      school.submitted,
      school.submittedAt,
      school.submittedBy,
      ...cells(school),
      school.counts.screeningCoverage,
    ]);
    if (report.rollup) {
      rows.push([
        'rollup',
        report.orgUnit.id,
        report.orgUnit.name,
        report.month,
        report.schools.every((school) => school.exact),
        null,
        null,
        null,
        ...cells(report.rollup),
        report.rollup.counts.screeningCoverage,
      ]);
    }
    return csvFile(`monthly-report-${report.month}`, csvText(header, rows));
  }
}

function checkedQuery(
  query: MonthlyReportQuery,
  language: RequestLanguage,
): { orgUnitId: string; month: string } {
  const { orgUnitId, month, format } = query;
  if (!orgUnitId || !UUID.test(orgUnitId)) throw problem(400, MESSAGES.orgUnitId[language], 'orgUnitId');
  // YYYY-MM strings compare as months do.
  if (!isReportMonth(month) || month > reportMonthOf(new Date())) {
    throw problem(400, MESSAGES.month[language], 'month');
  }
  if (format !== undefined && format !== 'json' && format !== 'csv') {
    throw problem(400, MESSAGES.format[language], 'format');
  }
  return { orgUnitId, month };
}

function rowView(row: SuppressedRow, coverage: number | null) {
  return { counts: countsView(row.values, coverage), suppressed: row.suppressed };
}

function valueAt(counts: object, field: string): number | null {
  const value = field
    .split('.')
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], counts);
  return typeof value === 'number' ? value : null;
}

function problem(status: number, message: string, path: string): ProblemException {
  return new ProblemException(status, message, [{ path, message }]);
}
