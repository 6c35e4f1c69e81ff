import { randomUUID } from 'node:crypto';
import { Inject, Injectable, ForbiddenException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src';
import { INSTRUMENTS, type Instrument, type Role } from '../../../../libs/domain/src';
import { newScreeningKey, sealForCase } from '../../../../libs/persistence/src';
import { AccessLog } from '../access-log/access-log.service';
import type { CurrentUser } from '../auth/current-user';
import type { RequestLanguage } from '../common/language';
import { ProblemException } from '../common/problem.filter';
import { MAX_VARIABLE_BYTES, serializedBytes } from '../common/variable-limits';
import { DefinitionsService } from '../definitions/definitions.service';
import { InstancesService } from '../instances/instances.service';
import { OrgUnitsRepository } from '../org-units/org-units.repository';
import { OrgUnitsService } from '../org-units/org-units.service';
import { screeningContentHash } from './screening-content-hash';
import { readSheet, sheetFormatOf } from './screening-file-reader';
import { describeHeaderProblem } from './screening-headers';
import { type AcceptedRow, checkRows, type ImportRow, normalStudentNo } from './screening-rows';
import { describeSheetProblem, importRowsOf, SheetRefused } from './screening-sheet-rows';
import { MAX_SCREENING_ROWS, type ImportScreeningDto } from './screenings.dto';
import { ScreeningsRepository, type StoredScreening } from './screenings.repository';
import type { ScreeningImportResult } from './screenings.responses';

/** Who may import a school's screening: a psychology teacher or lead (or an admin) at or above it. */
const SCREENING_IMPORTERS: readonly Role[] = ['admin', 'psychLead', 'psychTeacher'];

/** The process that reviews the flagged students (docs/pathway.md, screening-campaign). */
const CAMPAIGN_KEY = 'screening-campaign';

/** Where the rows come from: the JSON body, or the uploaded file on disk. */
export type ScreeningSource = { rows: ImportRow[] } | { filePath: string };

@Injectable()
export class ScreeningsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly screenings: ScreeningsRepository,
    private readonly orgUnits: OrgUnitsService,
    private readonly units: OrgUnitsRepository,
    private readonly definitions: DefinitionsService,
    private readonly instances: InstancesService,
    private readonly accessLog: AccessLog,
  ) {}

  /** The rows of a JSON body as import rows, numbered from 1. */
  static jsonRows(dto: ImportScreeningDto): ImportRow[] {
    return (dto.rows ?? []).map((row, index) => ({
      row: index + 1,
      studentNo: normalStudentNo(row.studentNo),
      items: row.items,
    }));
  }

  /**
   * Imports a school's screening (docs/screening.md): checks the caller, reads and checks every
   * row, stores the accepted ones in one transaction (or finds the identical import stored
   * before), starts one screening-campaign case for the flagged students, and records the import
   * in the access log without any answer.
   */
  async import(
    user: CurrentUser,
    dto: ImportScreeningDto,
    source: ScreeningSource,
    language: RequestLanguage,
  ): Promise<ScreeningImportResult & { created: boolean }> {
    const instrument = INSTRUMENTS.get(dto.instrument);
    if (!instrument)
      throw new ProblemException(400, `Unknown instrument ${dto.instrument}`, [
        { path: 'instrument', message: `Expected one of ${[...INSTRUMENTS.keys()].join(', ')}` },
      ]);
    const school = await this.schoolFor(user, dto.orgUnitId);
    const rows = 'rows' in source ? source.rows : await this.fileRows(source.filePath, instrument, language);

    const students = await this.screenings.studentsOfSchool(
      user.id,
      school.orgPath,
      rows.flatMap((row) => (row.studentNo === null ? [] : [row.studentNo])),
    );
    const { accepted, rejected } = checkRows(instrument, rows, students, language);
    const flaggedStudents = accepted
      .filter((row) => row.result.flagged)
      .map((row) => ({
        studentId: row.studentId,
        studentNo: row.studentNo,
        instrument: instrument.id,
        score: row.result.score,
      }));
    const summary = { rows: accepted.length, flagged: flaggedStudents.length, rejected: rejected.length };
    if (accepted.length === 0) {
      await this.record(user, null, school.id, instrument.id, { ...summary, repeated: false });
      return {
        id: null,
        ...summary,
        reviewsOpened: 0,
        campaignInstanceId: null,
        repeated: false,
        rejected,
        created: false,
      };
    }
    if (serializedBytes(flaggedStudents) > MAX_VARIABLE_BYTES)
      throw new ProblemException(
        413,
        `${flaggedStudents.length} flagged students are more than one review campaign takes; import the school in parts (e.g. by grade)`,
        [{ path: 'rows' in source ? 'rows' : 'file', message: 'Too many flagged students for one campaign' }],
      );

    const contentHash = screeningContentHash(this.config.dataKey, school.id, instrument.id, rows);
    const { stored, created } = await this.findOrStore(
      user,
      school,
      instrument,
      contentHash,
      accepted,
      summary,
    );
    const final = await this.withCampaign(user, school.id, stored, flaggedStudents);
    await this.record(user, final.id, school.id, instrument.id, {
      rows: final.rows,
      flagged: final.flagged,
      rejected: rejected.length,
      repeated: !created,
      campaignInstanceId: final.campaignInstanceId,
    });
    return {
      id: final.id,
      rows: final.rows,
      flagged: final.flagged,
      reviewsOpened: final.reviewsOpened,
      campaignInstanceId: final.campaignInstanceId,
      repeated: !created,
      rejected,
      created,
    };
  }

  /**
   * The screening already stored with this content, or a new one with the accepted rows. Before
   * anything is written, a screening with flagged students needs the campaign deployed (404).
   */
  private async findOrStore(
    user: CurrentUser,
    school: { id: string; orgPath: string },
    instrument: Instrument,
    contentHash: string,
    accepted: AcceptedRow[],
    summary: { rows: number; flagged: number; rejected: number },
  ): Promise<{ stored: StoredScreening; created: boolean }> {
    const found = await this.screenings.findByContent(school.id, instrument.id, contentHash);
    if (found) return { stored: found, created: false };
    if (summary.flagged > 0) await this.definitions.resolve(CAMPAIGN_KEY);
    const id = randomUUID();
    if (await this.store(id, user, school, instrument, contentHash, accepted, summary))
      return { stored: { id, ...summary, reviewsOpened: 0, campaignInstanceId: null }, created: true };
    // An identical import committed meanwhile: the unique key kept ours out, so answer with it.
    const raced = await this.screenings.findByContent(school.id, instrument.id, contentHash);
    if (!raced) throw new Error('A screening that conflicted on insert is not found');
    return { stored: raced, created: false };
  }

  /**
   * The school the import is for: 404 for a unit the caller does not see (another school's staff
   * learn nothing), 400 for a unit that is not a school, 403 without an importing role there.
   */
  private async schoolFor(user: CurrentUser, orgUnitId: string) {
    const unit = await this.orgUnits.findVisible(user, orgUnitId);
    if (unit.kind !== 'school')
      throw new ProblemException(
        400,
        `Org unit ${unit.id} is a ${unit.kind}; a screening is imported for a school`,
        [{ path: 'orgUnitId', message: 'Expected a school' }],
      );
    if (!(await this.units.inScopeOf(user.id, unit.id, SCREENING_IMPORTERS)))
      throw new ForbiddenException(
        'Importing a screening needs psychTeacher or psychLead at the school or above it',
      );
    return unit;
  }

  /** The file's rows; a file that cannot be read as a screening is a 400 naming `file`. */
  private async fileRows(
    path: string,
    instrument: Instrument,
    language: RequestLanguage,
  ): Promise<ImportRow[]> {
    try {
      return await importRowsOf(readSheet(path, await sheetFormatOf(path)), instrument, MAX_SCREENING_ROWS);
    } catch (error) {
      const message =
        error instanceof SheetRefused
          ? error.problem.code.startsWith('header.')
            ? describeHeaderProblem(error.problem as Parameters<typeof describeHeaderProblem>[0], language)
            : describeSheetProblem(error.problem as Parameters<typeof describeSheetProblem>[0], language)
          : language === 'en'
            ? `The file cannot be read as CSV or XLSX: ${String((error as Error).message).slice(0, 200)}`
            : `无法按 CSV 或 XLSX 读取该文件：${String((error as Error).message).slice(0, 200)}`;
      throw new ProblemException(400, message, [{ path: 'file', message }]);
    }
  }

  private async store(
    id: string,
    user: CurrentUser,
    school: { id: string; orgPath: string },
    instrument: Instrument,
    contentHash: string,
    accepted: AcceptedRow[],
    summary: { rows: number; flagged: number; rejected: number },
  ): Promise<boolean> {
    const { key, wrapped } = newScreeningKey(this.config.dataKey, id);
    return this.screenings.insert(
      {
        id,
        orgUnitId: school.id,
        orgPath: school.orgPath,
        instrument: instrument.id,
        contentHash,
        keyId: key.id,
        wrappedKey: wrapped,
        ...summary,
        createdBy: user.id,
      },
      accepted.map((row) => ({
        studentId: row.studentId,
        row: row.row,
        score: row.result.score,
        band: row.result.band.id,
        flagged: row.result.flagged,
        reasons: row.result.reasons,
        answers: sealForCase(key, row.answers),
      })),
    );
  }

  /**
   * Starts the school's screening-campaign for the flagged students unless the screening has one
   * (a repeat, or a concurrent identical import, finds it; a start that failed before is retried).
   * Only ids, numbers, the instrument and the score go into the case, never the answers.
   */
  private withCampaign(
    user: CurrentUser,
    schoolId: string,
    stored: StoredScreening,
    flaggedStudents: { studentId: string; studentNo: string; instrument: string; score: number }[],
  ): Promise<StoredScreening> {
    if (stored.flagged === 0 || stored.campaignInstanceId !== null) return Promise.resolve(stored);
    return this.screenings.withCampaign(stored.id, async () => {
      const definition = await this.definitions.resolve(CAMPAIGN_KEY);
      const { instance } = await this.instances.startDefinition(user, definition, {
        orgUnitId: schoolId,
        variables: { screeningId: stored.id, flaggedStudents },
      });
      return { instanceId: instance.id, reviewsOpened: flaggedStudents.length };
    });
  }

  private async record(
    user: CurrentUser,
    screeningId: string | null,
    schoolId: string,
    instrument: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.accessLog.record(user.id, 'screening.import', 'screening', screeningId, {
      orgUnitId: schoolId,
      instrument,
      ...detail,
    });
  }
}
