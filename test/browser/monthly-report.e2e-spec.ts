// The monthly report page (#/reports/monthly, docs/web.md#monthly-report) in chromium on the real
// stack: cases are opened through the shipped pathway at two schools of a district, and the
// first school's psychology teacher submits the month's report (the `review-report` task of a
// `monthly-report` case). The school's psychology teacher reads their exact counts; the
// district supervisor reads the rollup with counts of 1–4 as "<5" (never 0, never drawn), the
// school table with one school submitted and one not, and the 未提交 tab; the CSV download and
// the print stylesheet (no menu). A class teacher has no menu entry. Screenshots at 1366 and
// 375 px in zh-CN and en, and of print, go to /work/shots/monthly/ (CAREPATH_SHOTS overrides).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, createPerson, eventually as eventuallyApi, type Person, unique } from '../support/api-client';
import {
  englishStringsIn,
  ensureWebBuilt,
  expectText,
  launchChromium,
  signIn,
  STEP_TIMEOUT,
  switchLanguage,
  expectNoSideScroll,
  openReportFromMenu,
} from '../support/browser';
import {
  buildPathwaySchool,
  complete,
  deployShippedPathway,
  type PathwaySchool,
  pathwayApi,
  registerStudent,
  taskAt,
} from '../support/pathway';
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(300_000);

const SHOTS = process.env.CAREPATH_SHOTS ?? '/work/shots/monthly';
/** Latin a Chinese reader rightly sees: the product's name, the file format, dates' digits. */
const ALLOWED_LATIN: (string | RegExp)[] = ['CarePath', 'CSV'];

/** The month the cases are created in, as the report counts it (Asia/Shanghai). */
const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

describe('monthly report page (browser)', () => {
  let stack: Stack;
  let school: PathwaySchool;
  let other: { id: string; classId: string; classTeacher: Person; psychTeacher: Person };
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  const api = (method: string, path: string, who: Person | string, body?: unknown) =>
    pathwayApi(stack)(method, path, who, body);

  /** A crisis-care case of a new student of `classId`, opened by its class teacher. */
  async function openCase(classId: string, teacher: Person): Promise<string> {
    const student = await registerStudent(stack, school, { orgUnitId: classId });
    const started = await api('POST', '/api/instances', teacher, {
      definitionKey: 'crisis-care',
      studentId: student.id,
      variables: { source: 'teacher', concern: '近两周多次缺勤，情绪低落。' },
    });
    expect([started.status, started.body.detail]).toEqual([201, undefined]);
    return started.body.id as string;
  }

  async function assess(instanceId: string, riskLevel: string): Promise<void> {
    const task = await taskAt(stack, instanceId, 'initial-assessment', school.people.psychTeacher);
    await complete(stack, school.people.psychTeacher, task, {
      riskLevel,
      assessmentNotes: '学生自述近期情绪低落、睡眠差，需要持续关注。',
    });
  }

  /** The report as `who` reads it from the api: what the page must show. */
  const reportOf = async (who: Person, unitId: string) =>
    (await call(stack.baseUrl, 'GET', `/api/reports/monthly?orgUnitId=${unitId}&month=${month}`, {
      token: who.token,
    })) as { status: number; body: any };

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack();
    school = await buildPathwaySchool(stack, stack.adminPassword);
    await deployShippedPathway(stack, school.adminToken);
    const unit = async (parentId: string, kind: string, code: string, name: string) =>
      (
        await call(stack.baseUrl, 'POST', '/api/org-units', {
          token: school.adminToken,
          body: { parentId, kind, code, name },
        })
      ).body.id as string;
    const otherSchool = await unit(school.units.district, 'school', `sb${unique()}`, '第二中学');
    const otherClass = await unit(
      await unit(otherSchool, 'grade', 'g8', '八年级'),
      'class',
      'k1',
      '八年级1班',
    );
    other = {
      id: otherSchool,
      classId: otherClass,
      classTeacher: await createPerson(stack, school.adminToken, 'classTeacher', otherClass, '班主任 钱'),
      psychTeacher: await createPerson(stack, school.adminToken, 'psychTeacher', otherSchool, '心理教师 孙'),
    };
    // School 1: three new cases — high, low, and one not assessed yet. School 2: one, not assessed.
    const { people } = school;
    await assess(await openCase(school.units.class, people.classTeacher), 'high');
    await assess(await openCase(school.units.class, people.classTeacher), 'low');
    await taskAt(
      stack,
      await openCase(school.units.class, people.classTeacher),
      'initial-assessment',
      people.psychTeacher,
    );
    await openCase(other.classId, other.classTeacher);
    // School 2's second student, the only one screened this semester: its coverage is 1 of 2,
    // school 1's 0 of 3, the district's 1 of 5.
    const studentNo = `2026${unique()}`;
    await call(stack.baseUrl, 'POST', '/api/students', {
      token: school.adminToken,
      body: { orgUnitId: other.classId, studentNo, name: '王小明' },
    });
    const imported = await api('POST', '/api/screenings', other.psychTeacher, {
      instrument: 'phq-9',
      orgUnitId: other.id,
      rows: [
        { studentNo, items: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 0, '6': 0, '7': 0, '8': 0, '9': 0 } },
      ],
    });
    expect([imported.status, imported.body.rows]).toEqual([201, 1]);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.close();
  }, 60_000);

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  async function signedIn(person: Person, width: number, language: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(STEP_TIMEOUT);
    await signIn(page, stack.baseUrl, person);
    if (language === 'en') await switchLanguage(page, 'en');
    return page;
  }

  /** A full-page shot, the sticky header kept at the top rather than drawn over the middle. */
  async function shot(page: Page, name: string): Promise<void> {
    await page.addStyleTag({ content: '.app-header { position: static !important; }' });
    // the charts draw once their chunk is in
    await page.locator('.report-chart canvas').first().waitFor();
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  async function downloadedText(page: Page): Promise<string> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-export').click(),
    ]);
    return readFileSync(await download.path(), 'utf8');
  }

  const kpi = (page: Page, field: string) => page.getByTestId(`report-kpi-${field}`);

  it("shows a school's psychology teacher the exact counts of the cases opened at the school", async () => {
    const teacher = school.people.psychTeacher;
    const expected = (await reportOf(teacher, school.units.school)).body.schools[0];
    expect(expected.counts).toMatchObject({ newCases: 3, openAtMonthEnd: 3, closedCases: 0 });
    const page = await signedIn(teacher, 1366);

    // the menu leads to the page, on the teacher's own school and last month by default
    await openReportFromMenu(page, 'nav-monthlyReport');
    await expectText(page.getByTestId('page-title'), '月报');
    await page.getByTestId('report-title').filter({ hasText: '第一中学' }).waitFor();
    expect(page.url()).toContain(`orgUnitId=${school.units.school}`);
    expect(page.url()).not.toContain(`month=${month}`);

    // the month of the cases, from the address (a bookmark)
    await page.goto(`${stack.baseUrl}/#/reports/monthly?orgUnitId=${school.units.school}&month=${month}`);
    await expectText(kpi(page, 'newCases'), '3');
    await expectText(kpi(page, 'openAtMonthEnd'), '3');
    await expectText(kpi(page, 'closedCases'), '0');
    await expectText(kpi(page, 'overdueOpenTasks'), String(expected.counts.overdueOpenTasks));
    await expectText(kpi(page, 'referrals'), String(expected.counts.referrals));
    // screening coverage, a share: none of the school's three students screened
    expect(expected.counts.screeningCoverage).toBe(0);
    await expectText(kpi(page, 'screeningCoverage'), '0%');
    await expectText(page.getByTestId('report-submission'), '未提交');
    // the teacher reads their school exactly: nothing hidden, no legend
    expect(await page.locator('[data-suppressed]').count()).toBe(0);
    expect(await page.getByTestId('report-legend').count()).toBe(0);
    // the risk chart draws every level, the ones with no case at 0
    await expect(page.getByTestId('report-chart-risk').getAttribute('data-bars')).resolves.toBe(
      '低=1;中=0;高=1;紧急=0;未评估=1',
    );
    expect(await englishStringsIn(page, '[data-testid="report-page"]', ALLOWED_LATIN)).toEqual([]);
    await shot(page, 'school-1366-zh-CN');

    // CSV: the report's header and the school's row
    const csv = await downloadedText(page);
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header!.split(',').slice(0, 4)).toEqual(['row', 'orgUnitId', 'name', 'month']);
    expect(row).toContain(`school,${school.units.school},第一中学,${month}`);

    await switchLanguage(page, 'en');
    await expectText(page.getByTestId('report-submission'), 'Not submitted');
    await shot(page, 'school-1366-en');
  });

  it('shows the district supervisor the rollup with small counts as "<5", which school submitted, and the 未提交 tab', async () => {
    const { people } = school;
    // the first school's psychology teacher submits the month's report
    const started = await api('POST', '/api/instances', people.psychTeacher, {
      definitionKey: 'monthly-report',
      orgUnitId: school.units.school,
      variables: { month },
    });
    expect([started.status, started.body.detail]).toEqual([201, undefined]);
    const review = await taskAt(stack, started.body.id, 'review-report', people.psychTeacher, 60_000);
    await complete(stack, people.psychTeacher, review, {
      dataChecked: true,
      reportNotes: '本月工作正常开展。',
    });
    await eventuallyApi(async () => {
      const read = await reportOf(people.districtSupervisor, school.units.district);
      return read.body.schools?.some((row: any) => row.submitted) ? true : undefined;
    });

    const page = await signedIn(people.districtSupervisor, 1366);
    await openReportFromMenu(page, 'nav-monthlyReport');
    await page.getByTestId('report-title').filter({ hasText: '城区' }).waitFor();
    // the month picked with the month picker goes into the address
    const picker = page.getByTestId('report-month');
    await picker.click();
    await picker.fill(month);
    await picker.press('Enter');
    await page.waitForURL(new RegExp(`month=${month}`));

    // rollup: 4 new cases — shown as "<5", not 0; the legend says why
    await expectText(kpi(page, 'newCases'), '<5');
    expect(await kpi(page, 'newCases').getAttribute('data-suppressed')).toBe('small');
    await expectText(kpi(page, 'closedCases'), '0');
    await page
      .getByTestId('report-legend')
      .filter({ hasText: '为保护学生隐私，少于 5 的数字不予显示' })
      .waitFor();
    // the risk chart leaves the hidden levels out and says so; the 0s are drawn
    await expect(page.getByTestId('report-chart-risk').getAttribute('data-bars')).resolves.toBe(
      '中=0;紧急=0',
    );
    await page.getByTestId('report-chart-risk-left').filter({ hasText: '高（<5）' }).waitFor();

    // the schools: ours submitted by its psychology teacher, the other not
    const table = page.getByTestId('report-school-table');
    await table.getByTestId(`report-school-${school.units.school}`).waitFor();
    await expect(
      page.getByTestId(`report-school-${school.units.school}-submitted`).innerText(),
    ).resolves.toMatch(/已提交[\s\S]*心理教师 李/);
    await expectText(page.getByTestId(`report-school-${other.id}-submitted`), '未提交');
    await expectText(page.getByTestId(`report-school-${school.units.school}-newCases`), '<5');
    await expectText(page.getByTestId(`report-school-${other.id}-newCases`), '<5');
    await expectText(page.getByTestId('report-submitted-count'), '已提交 1 / 2 所学校');
    // coverage is a share, never hidden: the district's 1 of 5 students, school 2's 1 of 2
    await expectText(kpi(page, 'screeningCoverage'), '20%');
    await expectText(page.getByTestId(`report-school-${other.id}-coverage`), '50%');
    expect(await englishStringsIn(page, '[data-testid="report-page"]', ALLOWED_LATIN)).toEqual([]);
    await shot(page, 'district-1366-zh-CN');

    // the 未提交 tab: the schools that have not, counted on the tab
    await expectText(page.getByTestId('report-tab-notSubmitted'), '未提交 (1)');
    await page.getByTestId('report-tab-notSubmitted').click();
    await table.getByTestId(`report-school-${other.id}`).waitFor();
    expect(await table.getByTestId(`report-school-${school.units.school}`).count()).toBe(0);
    await shot(page, 'district-1366-zh-CN-not-submitted');

    // CSV of the district: a row per school and the rollup, small counts as "<5"
    const csv = (await downloadedText(page))
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const header = csv[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['row', 'orgUnitId', 'name', 'month']);
    const rollup = csv.find((line) => line.startsWith('rollup,'))!.split(',');
    expect(rollup[header.indexOf('newCases')]).toBe('<5');
    expect(csv.filter((line) => line.startsWith('school,'))).toHaveLength(2);

    // print: no menu, no controls; the title, every school and the footer on paper
    await page.getByTestId('report-tab-all').click();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByTestId('report-print').isVisible()).toBe(false);
    expect(await page.getByTestId('report-title').isVisible()).toBe(true);
    const paper = page.locator('.report-print-table');
    expect(await paper.isVisible()).toBe(true);
    await expect(paper.innerText()).resolves.toMatch(/第一中学[\s\S]*第二中学/);
    await expect(page.locator('.report-print-footer').innerText()).resolves.toContain('生成于');
    // A4's width inside the page's 12 mm margins, as the print layout has it
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.locator('.report-chart canvas').first().waitFor();
    const drawn = (await page.evaluate(
      `Array.from(document.querySelectorAll('.report-chart canvas')).map((c) => c.getBoundingClientRect().height)`,
    )) as number[];
    expect(drawn.every((height) => height > 100)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'district-print-zh-CN.png'), fullPage: true });
    await page.pdf({ path: join(SHOTS, 'district-print-zh-CN.pdf'), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1366, height: 900 });

    await switchLanguage(page, 'en');
    await expectText(page.getByTestId('report-tab-notSubmitted'), 'Not submitted (1)');
    await expectText(page.getByTestId(`report-school-${other.id}-submitted`), 'Not submitted');
    await shot(page, 'district-1366-en');
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 703, height: 1000 });
    await page.screenshot({ path: join(SHOTS, 'district-print-en.png'), fullPage: true });
  });

  it('fits a phone: cards, no sideways scroll, in both languages', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const page = await signedIn(school.people.districtSupervisor, 375, language);
      await page.goto(`${stack.baseUrl}/#/reports/monthly?orgUnitId=${school.units.district}&month=${month}`);
      const table = page.getByTestId('report-school-table');
      await table.getByTestId(`report-school-${other.id}`).waitFor();
      expect(await page.locator('.cp-card-list').count()).toBe(1);
      await expectNoSideScroll(page);
      await shot(page, `district-375-${language}`);

      const teacher = await signedIn(school.people.psychTeacher, 375, language);
      await teacher.goto(
        `${stack.baseUrl}/#/reports/monthly?orgUnitId=${school.units.school}&month=${month}`,
      );
      // submitted now, by whom and when
      await teacher
        .getByTestId('report-submission')
        .filter({ hasText: language === 'en' ? 'Submitted (心理教师 李' : '已提交（心理教师 李，' })
        .waitFor();
      await expectNoSideScroll(teacher);
      await shot(teacher, `school-375-${language}`);
    }
  });

  it("offers the page to report readers only, and shows another school's report to nobody else", async () => {
    const page = await signedIn(school.people.classTeacher, 1366);
    await page.getByTestId('nav-inbox').waitFor();
    expect(await page.getByTestId('nav-monthlyReport').count()).toBe(0);
    expect(await page.getByTestId('nav-reports').count()).toBe(0);

    // the second school's psychology teacher, given the first school's address: the api's 404
    const intruder = await signedIn(other.psychTeacher, 1366);
    await intruder.goto(`${stack.baseUrl}/#/reports/monthly?orgUnitId=${school.units.school}&month=${month}`);
    await intruder.getByTestId('report-error').filter({ hasText: '没有可查看月报的该组织单位' }).waitFor();
    expect(await intruder.getByTestId('report').count()).toBe(0);
    // and their own school's unit list holds only their school
    await intruder.getByTestId('report-unit').click();
    await intruder.getByTestId(`report-unit-option-${other.id}`).waitFor();
    expect(await intruder.getByTestId(`report-unit-option-${school.units.school}`).count()).toBe(0);
  });
});
