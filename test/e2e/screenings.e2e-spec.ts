import ExcelJS from 'exceljs';
import { Client as PgClient } from 'pg';
import {
  type ApiResponse,
  call,
  callOk,
  createPerson,
  eventually,
  type Person,
  unique,
} from '../support/api-client';
import {
  buildPathwaySchool,
  complete,
  deployShippedPathway,
  openTasks,
  type PathwaySchool,
  pathwayApi,
} from '../support/pathway';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(300_000);

/**
 * POST /api/screenings (docs/screening.md) on the real stack: a school's semester screening
 * imported as XLSX, CSV or JSON; bad rows answered row by row and not stored; good rows stored
 * with their answers sealed; one review per flagged student for the psychology teacher, a
 * confirmed review opening a crisis-care case; the same file again changing nothing; another
 * school's staff learning nothing.
 */
let stack: Stack;
let school: PathwaySchool;
let pg: PgClient;
/** The school's registered students, in registration order: their ids and numbers. */
const students: { id: string; studentNo: string }[] = [];
const STUDENT_COUNT = 2000;

beforeAll(async () => {
  stack = await startStack();
  school = await buildPathwaySchool(stack, stack.adminPassword);
  await deployShippedPathway(stack, school.adminToken);
  pg = new PgClient({ connectionString: process.env.CAREPATH_TEST_DATABASE_URL });
  await pg.connect();
  // Registered through the api, fifty at a time: a school of 2,000 in a few seconds.
  const tag = unique();
  const numbers = Array.from({ length: STUDENT_COUNT }, (_, i) => `${tag}${String(i).padStart(4, '0')}`);
  for (let start = 0; start < numbers.length; start += 50) {
    const batch = await Promise.all(
      numbers.slice(start, start + 50).map(async (studentNo) => {
        const created = await callOk(stack.baseUrl, 'POST', '/api/students', school.adminToken, {
          orgUnitId: school.units.class,
          studentNo,
          name: '筛查学生',
        });
        return { id: created.id as string, studentNo };
      }),
    );
    students.push(...batch);
  }
});
afterAll(async () => {
  await pg?.end();
  await stack?.close();
});

const api = (method: string, path: string, who: Person | string, body?: unknown) =>
  pathwayApi(stack)(method, path, who, body);

const student = (index: number) => {
  const found = students[index];
  if (!found) throw new Error(`No student ${index}`);
  return found;
};

/** Posts a multipart import as `who`. */
async function upload(
  who: Person,
  file: { name: string; content: Buffer | string } | null,
  fields: Record<string, string>,
  language?: string,
): Promise<ApiResponse> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([file.content]), file.name);
  const response = await fetch(`${stack.baseUrl}/api/screenings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.token}`, ...(language ? { 'accept-language': language } : {}) },
    body: form,
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: text ? JSON.parse(text) : undefined,
  };
}

const phq9Header = ['studentNo', '姓名', ...Array.from({ length: 9 }, (_, i) => `Q${i + 1}`)];

async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('PHQ-9');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const result = await pg.query<{ n: string }>(sql, params);
  return Number(result.rows[0]?.n ?? 0);
}

const screeningsAt = (schoolId: string) =>
  count(`SELECT count(*) AS n FROM screening WHERE org_unit_id = $1`, [schoolId]);

describe('importing a semester screening (POST /api/screenings)', () => {
  let firstId: string;
  let campaignId: string;
  let xlsx: Buffer;
  const zeros = [0, 0, 0, 0, 0, 0, 0, 0, 0];

  it('imports a 2,000-row XLSX: bad rows rejected row by row, good rows stored, a review per flagged student', async () => {
    // given 2,000 rows: one unknown number (10), a missing answer (20), an answer out of range
    // (30), one number twice (40, 41), three high totals (100, 200, 300) and item 9 alone (400)
    const rows: unknown[][] = [phq9Header];
    for (let row = 1; row <= 2000; row += 1) {
      const answers: unknown[] = [...zeros];
      let studentNo: string = student(row - 1).studentNo;
      if (row === 10) studentNo = 'NOT-A-STUDENT';
      if (row === 20) answers[2] = null;
      if (row === 30) answers[4] = 7;
      if (row === 41) studentNo = student(39).studentNo;
      if (row === 100 || row === 200 || row === 300) answers.fill(3);
      if (row === 400) answers[8] = 1;
      rows.push([studentNo, '学生', ...answers]);
    }
    xlsx = await xlsxOf(rows);

    // when the psychology teacher imports it
    const started = Date.now();
    const imported = await upload(
      school.people.psychTeacher,
      { name: 'phq9-2026-autumn.xlsx', content: xlsx },
      { instrument: 'phq-9', orgUnitId: school.units.school },
      'zh-CN',
    );
    const tookMs = Date.now() - started;

    // then
    expect([imported.status, imported.body.detail]).toEqual([201, undefined]);
    expect(imported.body).toMatchObject({ rows: 1995, flagged: 4, reviewsOpened: 4, repeated: false });
    expect(tookMs).toBeLessThan(60_000);
    const rejected = imported.body.rejected as { row: number; errors: { path: string; code: string }[] }[];
    expect(rejected.map(({ row, errors }) => [row, errors.map((e) => `${e.path} ${e.code}`)])).toEqual([
      [10, ['studentNo studentNo.unknown']],
      [20, ['items.3 item.missing']],
      [30, ['items.5 item.outOfRange']],
      [40, ['studentNo studentNo.duplicate']],
      [41, ['studentNo studentNo.duplicate']],
    ]);
    expect(imported.body.rejected[2].errors[0].message).toBe('第 5 题的答案 7 超出范围（0–3）');
    firstId = imported.body.id;
    campaignId = imported.body.campaignInstanceId;
    expect(await count(`SELECT count(*) AS n FROM screening_result WHERE screening_id = $1`, [firstId])).toBe(
      1995,
    );
    expect(
      await count(`SELECT count(*) AS n FROM screening_result WHERE screening_id = $1 AND flagged`, [
        firstId,
      ]),
    ).toBe(4);

    // and the campaign gives the psychology teacher one review per flagged student
    const reviews = await eventually(async () => {
      const open = await openTasks(stack, school, campaignId);
      return open.length === 4 ? open : undefined;
    }, 30_000);
    for (const review of reviews)
      expect(review).toMatchObject({ elementId: 'review-screening', candidateGroups: ['psychTeacher'] });
    const reviewed = new Set<string>();
    for (const review of reviews) {
      const read = await api('GET', `/api/tasks/${review.id}`, school.people.psychTeacher);
      expect(read.status).toBe(200);
      const flagged = read.body.variables.flaggedStudent as Record<string, unknown>;
      // only who, which instrument and the score travel into the case, never the answers
      expect(Object.keys(flagged).sort()).toEqual(['instrument', 'score', 'studentId', 'studentNo']);
      reviewed.add(flagged.studentId as string);
    }
    expect(reviewed).toEqual(new Set([99, 199, 299, 399].map((i) => student(i).id)));

    // when the psychology teacher confirms the item-9 student's review
    const itemNine = student(399);
    const review = await eventually(async () => {
      for (const each of reviews) {
        const read = await api('GET', `/api/tasks/${each.id}`, school.people.psychTeacher);
        if (read.body.variables.flaggedStudent.studentId === itemNine.id) return each;
      }
      return undefined;
    });
    await complete(stack, school.people.psychTeacher, review, {
      confirmed: true,
      reviewNotes: '面谈确认存在自伤想法。',
    });

    // then the student has an open crisis-care case from the screening
    const caseId = await eventually(async () => {
      const again = await api('POST', '/api/instances', school.people.classTeacher, {
        definitionKey: 'crisis-care',
        studentId: itemNine.id,
        variables: { source: 'teacher', concern: '再次发起' },
      });
      return again.status === 409 ? (again.body.openInstanceId as string) : undefined;
    }, 30_000);
    // (its variables are projected with its first step, a moment after its row)
    const variables = await eventually(async () => {
      const opened = await api('GET', `/api/instances/${caseId}`, school.people.psychTeacher);
      return opened.body.variables?.source === undefined ? undefined : opened.body.variables;
    });
    expect(variables).toMatchObject({ source: 'screening', concern: '筛查复核确认需要关注（phq-9 得分 1）' });
  });

  it('answers the same file again with the first import and changes nothing', async () => {
    // given the first import's figures
    const resultsBefore = await count(`SELECT count(*) AS n FROM screening_result`, []);
    const campaignsBefore = await count(
      `SELECT count(*) AS n FROM process_instance WHERE definition_key = 'screening-campaign'`,
      [],
    );
    const openBefore = (await openTasks(stack, school, campaignId)).length;
    // when the same file comes again
    const again = await upload(
      school.people.psychTeacher,
      { name: 'phq9-again.xlsx', content: xlsx },
      { instrument: 'phq-9', orgUnitId: school.units.school },
    );
    // then
    expect([again.status, again.body.detail]).toEqual([200, undefined]);
    expect(again.body).toMatchObject({
      id: firstId,
      rows: 1995,
      flagged: 4,
      reviewsOpened: 4,
      campaignInstanceId: campaignId,
      repeated: true,
    });
    expect(again.body.rejected).toHaveLength(5);
    expect(await count(`SELECT count(*) AS n FROM screening_result`, [])).toBe(resultsBefore);
    expect(
      await count(
        `SELECT count(*) AS n FROM process_instance WHERE definition_key = 'screening-campaign'`,
        [],
      ),
    ).toBe(campaignsBefore);
    expect((await openTasks(stack, school, campaignId)).length).toBe(openBefore);
    expect(await screeningsAt(school.units.school)).toBe(1);
    // and both imports are in the access log, with who, where and how many, never an answer
    const logged = await pg.query<{ user_id: string; detail: Record<string, unknown> }>(
      `SELECT user_id, detail FROM access_log WHERE action = 'screening.import' AND resource_id = $1 ORDER BY at`,
      [firstId],
    );
    expect(logged.rows.map((row) => [row.user_id, row.detail.repeated])).toEqual([
      [school.people.psychTeacher.id, false],
      [school.people.psychTeacher.id, true],
    ]);
    expect(logged.rows[0]?.detail).toMatchObject({
      orgUnitId: school.units.school,
      instrument: 'phq-9',
      rows: 1995,
      flagged: 4,
      rejected: 5,
    });
    expect(JSON.stringify(logged.rows)).not.toMatch(/items|answers/);
  });

  it('keeps the raw answers sealed in PostgreSQL', async () => {
    const { rows } = await pg.query<{ answers: string; score: string }>(
      `SELECT answers, score FROM screening_result WHERE screening_id = $1 AND flagged ORDER BY row_number`,
      [firstId],
    );
    expect(rows.map((row) => Number(row.score))).toEqual([27, 27, 27, 1]);
    for (const { answers } of rows) {
      expect(answers).toMatch(/^v2:[0-9a-f]{16}:/);
      expect(answers).not.toContain('"1":3');
      expect(answers).not.toContain('"9"');
    }
    const stored = await pg.query(`SELECT * FROM screening WHERE id = $1`, [firstId]);
    expect(JSON.stringify(stored.rows)).not.toMatch(/"1":\s*[0-3]/);
  });

  it('reads a CSV with a BOM and Chinese headers; PHQ-9 item 9 flags a student whatever the total', async () => {
    // given
    const header = ['学号', '姓名', ...Array.from({ length: 9 }, (_, i) => `第${i + 1}题`)];
    const csv = [
      header.join(','),
      [student(1500).studentNo, '张三', 0, 0, 0, 0, 0, 0, 0, 0, 1].join(','),
      [student(1501).studentNo, '李四', 1, 1, 0, 0, 0, 0, 0, 0, 0].join(','),
    ].join('\r\n');
    // when
    const imported = await upload(
      school.people.psychTeacher,
      { name: '筛查.csv', content: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8') },
      { instrument: 'phq-9', orgUnitId: school.units.school },
    );
    // then
    expect([imported.status, imported.body.detail]).toEqual([201, undefined]);
    expect(imported.body).toMatchObject({ rows: 2, flagged: 1, reviewsOpened: 1, rejected: [] });
    const flagged = await pg.query<{ student_id: string; score: string; reasons: string[] }>(
      `SELECT student_id, score, reasons FROM screening_result WHERE screening_id = $1 AND flagged`,
      [imported.body.id],
    );
    expect(flagged.rows).toEqual([{ student_id: student(1500).id, score: '1.00', reasons: ['item:9'] }]);
    const reviews = await eventually(async () => {
      const open = await openTasks(stack, school, imported.body.campaignInstanceId);
      return open.length === 1 ? open : undefined;
    }, 30_000);
    expect(reviews[0]).toMatchObject({ elementId: 'review-screening' });
  });

  it('takes JSON rows, answering problems in the Accept-Language; nobody flagged, no campaign', async () => {
    const response = await call(stack.baseUrl, 'POST', '/api/screenings', {
      token: school.people.psychTeacher.token,
      headers: { 'accept-language': 'en' },
      body: {
        instrument: 'gad-7',
        orgUnitId: school.units.school,
        rows: [
          { studentNo: student(1600).studentNo, items: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 0, 6: 1, 7: 0 } },
          { studentNo: student(1601).studentNo, items: { 1: '2', 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0 } },
          { studentNo: 'NOBODY', items: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 1 } },
        ],
      },
    });
    expect([response.status, response.body.detail]).toEqual([201, undefined]);
    expect(response.body).toMatchObject({ rows: 2, flagged: 0, reviewsOpened: 0, campaignInstanceId: null });
    expect(response.body.rejected).toEqual([
      {
        row: 3,
        errors: [
          {
            path: 'studentNo',
            code: 'studentNo.unknown',
            message: 'Student number NOBODY is not a student of this school',
          },
          { path: 'items.8', code: 'item.unknown', message: 'The instrument has no item 8 (it has 7)' },
        ],
      },
    ]);
  });

  it('stores one screening and starts one campaign when the same rows arrive twice at once', async () => {
    // given rows with a flagged student, sent twice in parallel
    const body = {
      instrument: 'phq-9',
      orgUnitId: school.units.school,
      rows: [
        {
          studentNo: student(1650).studentNo,
          items: { 1: 3, 2: 3, 3: 3, 4: 3, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0 },
        },
        {
          studentNo: student(1651).studentNo,
          items: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0 },
        },
      ],
    };
    const campaignsBefore = await count(
      `SELECT count(*) AS n FROM process_instance WHERE definition_key = 'screening-campaign'`,
      [],
    );
    // when
    const answers = await Promise.all(
      [1, 2].map(() => api('POST', '/api/screenings', school.people.psychTeacher, body)),
    );
    // then one stored them, the other answers with it
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(answers[0]?.body.id).toBe(answers[1]?.body.id);
    expect(answers[0]?.body.campaignInstanceId).toBe(answers[1]?.body.campaignInstanceId);
    expect(answers.map((a) => a.body.reviewsOpened)).toEqual([1, 1]);
    expect(
      await count(`SELECT count(*) AS n FROM screening_result WHERE screening_id = $1`, [
        answers[0]?.body.id,
      ]),
    ).toBe(2);
    expect(
      await count(
        `SELECT count(*) AS n FROM process_instance WHERE definition_key = 'screening-campaign'`,
        [],
      ),
    ).toBe(campaignsBefore + 1);
  });

  it("lets another school's psychology teacher learn nothing and store nothing; a class teacher is refused", async () => {
    // given a sibling school with its own psychology teacher
    const sibling = await callOk(stack.baseUrl, 'POST', '/api/org-units', school.adminToken, {
      parentId: school.units.district,
      kind: 'school',
      code: `sb${unique()}`,
      name: '第二中学',
    });
    const theirTeacher = await createPerson(
      stack,
      school.adminToken,
      'psychTeacher',
      sibling.id,
      '心理教师 孙',
    );
    const before = await screeningsAt(school.units.school);
    const resultsBefore = await count(`SELECT count(*) AS n FROM screening_result`, []);
    const rows = [
      { studentNo: student(1700).studentNo, items: { 1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 3, 8: 3, 9: 3 } },
    ];
    // when they import into our school, as JSON and as a file
    const asJson = await api('POST', '/api/screenings', theirTeacher, {
      instrument: 'phq-9',
      orgUnitId: school.units.school,
      rows,
    });
    const asFile = await upload(
      theirTeacher,
      { name: 'x.xlsx', content: xlsx },
      { instrument: 'phq-9', orgUnitId: school.units.school },
    );
    // then neither says anything about our school or its students, and nothing is stored
    for (const answer of [asJson, asFile]) {
      expect([403, 404]).toContain(answer.status);
      expect(JSON.stringify(answer.body)).not.toContain(student(1700).studentNo);
      expect(answer.body.rejected).toBeUndefined();
    }
    expect(await screeningsAt(school.units.school)).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM screening_result`, [])).toBe(resultsBefore);
    // and our class teacher (who sees the school's classes but does not import) is refused
    const classTeacher = await api('POST', '/api/screenings', school.people.classTeacher, {
      instrument: 'phq-9',
      orgUnitId: school.units.school,
      rows,
    });
    expect([403, 404]).toContain(classTeacher.status);
    expect(await screeningsAt(school.units.school)).toBe(before);
  });

  it('answers bad input with a 400 (or 413) naming the field', async () => {
    const teacher = school.people.psychTeacher;
    const rows = [{ studentNo: student(1800).studentNo, items: { 1: 0 } }];
    const paths = (answer: ApiResponse) => (answer.body.errors ?? []).map((e: { path: string }) => e.path);

    const badInstrument = await api('POST', '/api/screenings', teacher, {
      instrument: 'bdi-ii',
      orgUnitId: school.units.school,
      rows,
    });
    expect([badInstrument.status, paths(badInstrument)]).toEqual([400, ['instrument']]);

    const noUnit = await api('POST', '/api/screenings', teacher, { instrument: 'phq-9', rows });
    expect([noUnit.status, paths(noUnit)]).toEqual([400, ['orgUnitId']]);

    const aClass = await api('POST', '/api/screenings', teacher, {
      instrument: 'phq-9',
      orgUnitId: school.units.class,
      rows,
    });
    expect([aClass.status, paths(aClass)]).toEqual([400, ['orgUnitId']]);

    const nothing = await upload(teacher, null, { instrument: 'phq-9', orgUnitId: school.units.school });
    expect([nothing.status, paths(nothing)]).toEqual([400, ['file']]);

    const fileInstrument = await upload(
      teacher,
      { name: 'a.csv', content: 'studentNo,Q1\n1,0\n' },
      { instrument: 'nope', orgUnitId: school.units.school },
    );
    expect([fileInstrument.status, paths(fileInstrument)]).toEqual([400, ['instrument']]);

    const badHeader = await upload(
      teacher,
      { name: 'a.csv', content: '姓名,Q1\n张三,0\n' },
      { instrument: 'phq-9', orgUnitId: school.units.school },
      'en',
    );
    expect([badHeader.status, paths(badHeader)]).toEqual([400, ['file']]);
    expect(badHeader.body.detail).toContain('student number column');

    const notASheet = await upload(
      teacher,
      { name: 'a.xlsx', content: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 1)]) },
      { instrument: 'phq-9', orgUnitId: school.units.school },
    );
    expect([notASheet.status, paths(notASheet)]).toEqual([400, ['file']]);

    // a file whose every row is rejected stores nothing: the same file may come again once fixed
    const before = await screeningsAt(school.units.school);
    const allBad = await api('POST', '/api/screenings', teacher, {
      instrument: 'phq-9',
      orgUnitId: school.units.school,
      rows: [{ studentNo: 'GHOST', items: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0 } }],
    });
    expect([allBad.status, allBad.body.id, allBad.body.rows, allBad.body.rejected.length]).toEqual([
      200,
      null,
      0,
      1,
    ]);
    expect(await screeningsAt(school.units.school)).toBe(before);

    const tooLarge = await upload(
      teacher,
      { name: 'big.csv', content: Buffer.alloc(21 * 1024 * 1024, 0x30) },
      { instrument: 'phq-9', orgUnitId: school.units.school },
    );
    expect([tooLarge.status, paths(tooLarge)]).toEqual([413, ['file']]);
  });
});
