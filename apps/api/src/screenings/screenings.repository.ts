import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { atOrBelow, inScope } from '../../../../libs/persistence/src';

/** The figures of a stored screening, as an import answers them. */
export interface StoredScreening {
  id: string;
  rows: number;
  flagged: number;
  rejected: number;
  reviewsOpened: number;
  campaignInstanceId: string | null;
}

export interface NewScreening {
  id: string;
  orgUnitId: string;
  orgPath: string;
  instrument: string;
  contentHash: string;
  keyId: string;
  wrappedKey: Buffer;
  rows: number;
  flagged: number;
  rejected: number;
  createdBy: string;
}

export interface NewScreeningResult {
  studentId: string;
  row: number;
  score: number;
  band: string;
  flagged: boolean;
  reasons: string[];
  /** The raw answers, sealed with the screening's key. */
  answers: string;
}

/** Results go to PostgreSQL this many per statement (a 20,000-row import is 20 statements). */
const RESULT_BATCH = 1000;

const STORED_COLUMNS = `id, row_count AS "rows", flagged_count AS "flagged", rejected_count AS "rejected",
  reviews_opened AS "reviewsOpened", campaign_instance_id AS "campaignInstanceId"`;

/** The SQL of screenings and their results. */
@Injectable()
export class ScreeningsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The school's students among `studentNos`, number → id: at or below the school, and in the
   * caller's scope (the org-scope rule in SQL), so another school's numbers read as unknown.
   */
  async studentsOfSchool(
    userId: string,
    schoolPath: string,
    studentNos: readonly string[],
  ): Promise<Map<string, string>> {
    if (studentNos.length === 0) return new Map();
    const rows: { id: string; student_no: string }[] = await this.db
      .createQueryBuilder()
      .select(['s.id AS id', 's.student_no AS student_no'])
      .from('student', 's')
      .where('s.student_no = ANY(:studentNos)', { studentNos: [...new Set(studentNos)] })
      .andWhere(atOrBelow('s.org_path', ':schoolPath'), { schoolPath })
      .andWhere(inScope('s.org_path'), { scopeUserId: userId })
      .getRawMany();
    return new Map(rows.map((row) => [row.student_no, row.id]));
  }

  async findByContent(
    orgUnitId: string,
    instrument: string,
    contentHash: string,
  ): Promise<StoredScreening | null> {
    const rows: StoredScreening[] = await this.db.query(
      `SELECT ${STORED_COLUMNS} FROM screening
       WHERE org_unit_id = $1 AND instrument = $2 AND content_hash = $3`,
      [orgUnitId, instrument, contentHash],
    );
    return rows[0] ?? null;
  }

  /**
   * Stores the screening and all its results in one transaction: nothing half-imported remains.
   * Returns false, having written nothing, when the same content is stored already (also when an
   * identical import committed meanwhile: the unique key decides).
   */
  async insert(screening: NewScreening, results: readonly NewScreeningResult[]): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO screening (id, org_unit_id, org_path, instrument, content_hash, key_id, wrapped_key,
           row_count, flagged_count, rejected_count, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (org_unit_id, instrument, content_hash) DO NOTHING
         RETURNING id`,
        [
          screening.id,
          screening.orgUnitId,
          screening.orgPath,
          screening.instrument,
          screening.contentHash,
          screening.keyId,
          screening.wrappedKey,
          screening.rows,
          screening.flagged,
          screening.rejected,
          screening.createdBy,
        ],
      );
      if (inserted.length === 0) return false;
      for (let start = 0; start < results.length; start += RESULT_BATCH) {
        await insertResults(tx, screening.id, results.slice(start, start + RESULT_BATCH));
      }
      return true;
    });
  }

  /**
   * Runs `start` for a screening whose flagged students have no campaign yet, holding the row's
   * lock meanwhile: two identical imports at once (or a retry after a failed start) start one
   * campaign. Returns the stored figures afterwards.
   */
  async withCampaign(
    id: string,
    start: () => Promise<{ instanceId: string; reviewsOpened: number }>,
  ): Promise<StoredScreening> {
    return this.db.transaction(async (tx) => {
      const [current]: { campaign_instance_id: string | null; flagged_count: number }[] = await tx.query(
        `SELECT campaign_instance_id, flagged_count FROM screening WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (current && current.campaign_instance_id === null && current.flagged_count > 0) {
        const started = await start();
        await tx.query(`UPDATE screening SET campaign_instance_id = $2, reviews_opened = $3 WHERE id = $1`, [
          id,
          started.instanceId,
          started.reviewsOpened,
        ]);
      }
      const [stored]: StoredScreening[] = await tx.query(
        `SELECT ${STORED_COLUMNS} FROM screening WHERE id = $1`,
        [id],
      );
      if (!stored) throw new Error(`Screening ${id} is gone`);
      return stored;
    });
  }
}

async function insertResults(
  tx: EntityManager,
  screeningId: string,
  results: readonly NewScreeningResult[],
): Promise<void> {
  await tx.query(
    `INSERT INTO screening_result (screening_id, student_id, row_number, score, band, flagged, reasons, answers)
     SELECT $1, r.student_id, r.row_number, r.score, r.band, r.flagged, r.reasons, r.answers
     FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::text[], $6::boolean[], $7::jsonb[], $8::text[])
       AS r(student_id, row_number, score, band, flagged, reasons, answers)`,
    [
      screeningId,
      results.map((r) => r.studentId),
      results.map((r) => r.row),
      results.map((r) => r.score),
      results.map((r) => r.band),
      results.map((r) => r.flagged),
      results.map((r) => JSON.stringify(r.reasons)),
      results.map((r) => r.answers),
    ],
  );
}
