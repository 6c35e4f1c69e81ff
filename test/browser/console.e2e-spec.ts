// The supervisor console in the browser (issue 11, Deliver 3 and 5): a principal of a school
// running the shipped pathway reads the cases and tasks of the school by name, reassigns two
// tasks in one go (one of them ended meanwhile: shown as failed, and why), cancels a case with
// a reason, exports CSV, sees the cases on the crisis-care diagram, lists those waiting at an
// element and toggles the time heatmap; on a phone the lists are cards. Screenshots of each
// page at 1366 and 375 px in zh-CN and en go to .data/screenshots/.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { callOk, eventually } from '../support/api-client';
import {
  pickUser,
  chooseOption,
  englishStringsIn,
  ensureWebBuilt,
  launchChromium,
  signIn,
  STEP_TIMEOUT,
  switchLanguage,
  expectNoSideScroll,
} from '../support/browser';
import {
  buildPathwaySchool,
  deployShippedPathway,
  type PathwaySchool,
  pathwayApi,
  registerStudent,
  taskAt,
} from '../support/pathway';
import { startStack, type Stack } from '../support/stack';

const SHOTS = join(__dirname, '..', '..', '.data', 'screenshots');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
/** Shipped data and the product's own words that are not English prose to translate. */
const ALLOWED = [
  'CarePath',
  'CSV',
  'EN',
  /^Concern intake/,
  'Concern',
  'intake',
  /^s[0-9a-f]+-2026/,
  // Ant Design's own screen-reader names of its icons and of a table's select-all checkbox
  /^(reload|download|search|down|close|arrow-left|check-circle|close-circle|menu|logout|bell)$/,
  'Select all',
  // the diagram's watermark stays visible (bpmn.io's licence)
  'Powered by bpmn.io',
];

jest.setTimeout(600_000);

describe('the supervisor console', () => {
  let stack: Stack;
  let browser: Browser;
  let school: PathwaySchool;
  let api: ReturnType<typeof pathwayApi>;
  const students = ['张小雨', '李明轩', '王若溪', '陈可欣'];
  /** Case ids by student name, and each case's initial-assessment task. */
  const cases = new Map<string, string>();
  const tasks = new Map<string, string>();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBuilt();
    stack = await startStack();
    api = pathwayApi(stack);
    school = await buildPathwaySchool(stack, stack.adminPassword);
    await deployShippedPathway(stack, school.adminToken);
    for (const name of students) {
      const student = await registerStudent(stack, school, { name });
      const started = await api('POST', '/api/instances', school.people.classTeacher, {
        definitionKey: 'crisis-care',
        studentId: student.id,
        variables: { source: 'teacher', concern: '课堂上发现该生情绪低落。' },
      });
      if (started.status !== 201) throw new Error(`start: ${JSON.stringify(started.body)}`);
      cases.set(name, started.body.id as string);
      const task = await taskAt(
        stack,
        started.body.id as string,
        'initial-assessment',
        school.people.psychTeacher,
      );
      tasks.set(name, task.id);
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const caseOf = (name: string) => cases.get(name) as string;
  const taskOf = (name: string) => tasks.get(name) as string;

  async function open(path: string, width: number, language: 'zh-CN' | 'en'): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      locale: language,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await signIn(page, stack.baseUrl, school.people.principal);
    if (language === 'en') await switchLanguage(page, 'en');
    await page.goto(`${stack.baseUrl}/#${path}`);
    return page;
  }

  const shot = (page: Page, name: string, width: number, language: string) =>
    page.screenshot({ path: join(SHOTS, `${name}-${width}-${language}.png`), fullPage: true });

  async function downloadedText(page: Page, button: string): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
    const path = await download.path();
    return readFileSync(path, 'utf8');
  }

  it('lists the cases by student, process and unit, cancels one with a reason, exports CSV and keeps the filters', async () => {
    const page = await open('/cases', 1366, 'zh-CN');
    const table = page.getByTestId('cases-table');
    await table.getByText('张小雨').waitFor({ timeout: 60_000 });
    const text = await table.innerText();
    for (const name of students) expect(text).toContain(name);
    expect(text).toContain('危机干预个案');
    expect(text).toContain('七年级2班');
    expect(text).not.toMatch(UUID);
    expect(text).not.toContain(`/${school.schoolCode}`);
    expect(await englishStringsIn(page, '[data-testid="cases-page"]', ALLOWED)).toEqual([]);
    await shot(page, 'cases', 1366, 'zh-CN');

    // cancel 陈可欣's case: a reason is required
    await page.getByTestId(`cases-table-select-${caseOf('陈可欣')}`).click();
    await page.getByTestId('cases-bulk-cancel').click();
    await page.getByTestId('cases-cancel-confirm').click();
    await page.getByText('请填写撤销原因').waitFor();
    await page.getByTestId('cases-cancel-reason').fill('重复上报，已并入原个案');
    await page.getByTestId('cases-cancel-confirm').click();
    await page.getByTestId('bulk-results-summary').getByText('成功 1 项，失败 0 项').waitFor();
    expect(await page.getByTestId(`bulk-result-${caseOf('陈可欣')}`).innerText()).toContain('陈可欣');
    await page.getByRole('button', { name: '知道了' }).click();
    const cancelled = await eventually(async () => {
      const read = await api('GET', `/api/instances/${caseOf('陈可欣')}`, school.people.principal);
      return read.body.state === 'cancelled' ? read.body : undefined;
    });
    expect(cancelled.state).toBe('cancelled');

    // CSV of what is shown
    const csv = await downloadedText(page, 'cases-export');
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFid,businessKey,definitionKey,version,state,orgUnit,studentNo,startedAt,endedAt,updatedAt,overdueTasks,openIncidents,activeElements,parentId',
    );
    expect(csv).toContain(caseOf('张小雨'));

    // the state filter is saved on the server and comes back on the next visit
    await chooseOption(page, 'cases-state-filter', '已取消');
    await eventually(async () => {
      const saved = await api('GET', '/api/me/preferences/console', school.people.principal);
      return saved.body.value?.cases?.state === 'cancelled' ? true : undefined;
    });
    await page.reload();
    await page.getByTestId(`cases-table-row-${caseOf('陈可欣')}`).waitFor();
    expect(await page.getByTestId(`cases-table-row-${caseOf('张小雨')}`).count()).toBe(0);
    expect(await page.getByTestId('cases-state-filter').innerText()).toContain('已取消');
    await page.getByTestId('cases-reset').click();
    await page.getByTestId(`cases-table-row-${caseOf('张小雨')}`).waitFor();
    await eventually(async () => {
      const saved = await api('GET', '/api/me/preferences/console', school.people.principal);
      return saved.body.value?.cases?.state === undefined ? true : undefined;
    });
    await page.context().close();
  });

  it('reassigns two tasks to another teacher and shows which one failed and why', async () => {
    const page = await open('/tasks', 1366, 'zh-CN');
    const table = page.getByTestId('tasks-table');
    await table.getByText('李明轩').waitFor();
    const text = await table.innerText();
    expect(text).toContain('初步风险评估');
    expect(text).toContain('待认领');
    expect(text).toContain('心理教师');
    expect(text).not.toMatch(UUID);
    expect(await englishStringsIn(page, '[data-testid="tasks-page"]', ALLOWED)).toEqual([]);
    await shot(page, 'tasks', 1366, 'zh-CN');

    await page.getByTestId(`tasks-table-select-${taskOf('张小雨')}`).click();
    await page.getByTestId(`tasks-table-select-${taskOf('李明轩')}`).click();
    // meanwhile 李明轩's case is cancelled: its task ends before the reassignment reaches it
    await callOk(
      stack.baseUrl,
      'POST',
      `/api/instances/${caseOf('李明轩')}/cancel`,
      school.people.principal.token,
      {
        reason: '家长要求转至校外机构',
      },
    );
    await page.getByTestId('tasks-bulk-reassign').click();
    await page.getByTestId('tasks-reassign-confirm').click();
    await page.getByText('请选择新的办理人').waitFor();
    await pickUser(page, page.getByTestId('tasks-reassign-user'), '赵', school.people.gradeLeader.username);
    await page.getByTestId('tasks-reassign-confirm').click();
    await page.getByTestId('bulk-results-summary').getByText('成功 1 项，失败 1 项').waitFor();
    const ok = page.getByTestId(`bulk-result-${taskOf('张小雨')}`);
    const failed = page.getByTestId(`bulk-result-${taskOf('李明轩')}`);
    expect(await ok.getAttribute('data-outcome')).toBe('ok');
    expect(await failed.getAttribute('data-outcome')).toBe('failed');
    expect(await failed.innerText()).toContain('任务已结束');
    expect(await failed.innerText()).toContain('李明轩');
    await shot(page, 'tasks-results', 1366, 'zh-CN');
    await page.getByRole('button', { name: '知道了' }).click();
    const task = await callOk(
      stack.baseUrl,
      'GET',
      `/api/tasks/${taskOf('张小雨')}`,
      school.people.principal.token,
    );
    expect(task.assignee).toBe(school.people.gradeLeader.username);
    await table.getByText('年级组长 赵').waitFor();

    // CSV of the open tasks
    const csv = await downloadedText(page, 'tasks-export');
    expect(csv.startsWith('\uFEFFid,')).toBe(true);
    expect(csv).toContain(taskOf('张小雨'));
    await page.context().close();
  });

  it('shows the cases on the diagram, lists those waiting at a clicked element, toggles the heatmap', async () => {
    const definition = (
      await callOk(stack.baseUrl, 'GET', '/api/definitions?key=crisis-care', school.people.principal.token)
    ).items[0];
    await eventually(async () => {
      const stats = await api('GET', `/api/definitions/${definition.id}/statistics`, school.people.principal);
      const at = stats.body.items.find(
        (item: { elementId: string }) => item.elementId === 'initial-assessment',
      );
      return at?.active === 2 ? true : undefined;
    }, 30_000);
    const page = await open('/processes', 1366, 'zh-CN');
    await page.getByTestId('process-link-crisis-care').waitFor();
    await shot(page, 'processes', 1366, 'zh-CN');
    await page.getByTestId('process-link-crisis-care').click();
    await page.locator('[data-testid="diagram-viewer"][data-state="ready"]').waitFor();
    // 张小雨 and 王若溪 wait at the initial assessment; the two cancelled cases are gone
    const overlay = page.getByTestId('overlay-initial-assessment');
    await overlay.waitFor();
    expect(await overlay.getAttribute('data-active')).toBe('2');
    expect(await page.getByTestId('process-totals').innerText()).toContain('进行中 2');

    await page.locator('.djs-element[data-element-id="initial-assessment"]').first().click();
    await page.getByTestId('element-cases-title').getByText('在「初步风险评估」等待的个案').waitFor();
    expect(page.url()).toContain('?element=initial-assessment');
    const list = page.getByTestId('element-cases-table');
    await list.getByText('张小雨').waitFor();
    await list.getByText('王若溪').waitFor();
    expect(await list.getByText('李明轩').count()).toBe(0);

    await page.getByTestId('heatmap-toggle').click();
    await page.getByTestId('heat-legend').waitFor();
    expect(page.url()).toContain('heat=1');
    expect(await page.locator('.djs-element[class*="cp-heat-"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('heat-legend').innerText()).toContain('平均停留时间');
    await page.getByTestId('duration-chart').waitFor();
    expect(await englishStringsIn(page, '[data-testid="process-page"]', ALLOWED)).toEqual([]);
    await shot(page, 'process', 1366, 'zh-CN');

    // the address is a bookmark: opened afresh it shows the same element's cases
    const bookmark = page.url();
    await page.context().close();
    const again = await open('/processes', 1366, 'zh-CN');
    await again.goto(bookmark);
    await again.getByTestId('element-cases-table').getByText('张小雨').waitFor();
    await again.getByTestId('heat-legend').waitFor();
    await again.context().close();
  });

  it('reads in English and fits a phone: cards, no horizontal scroll', async () => {
    const pages = [
      { name: 'cases', path: '/cases', ready: 'cases-table' },
      { name: 'tasks', path: '/tasks', ready: 'tasks-table' },
      {
        name: 'process',
        path: '/processes/crisis-care?element=initial-assessment&heat=1',
        ready: 'element-cases-table',
      },
    ];
    for (const language of ['zh-CN', 'en'] as const) {
      for (const width of [375, 1366]) {
        if (width === 1366 && language === 'zh-CN') continue;
        for (const { name, path, ready } of pages) {
          const page = await open(path, width, language);
          const list = page.getByTestId(ready);
          await list.getByText('张小雨').first().waitFor();
          if (width === 375 && name !== 'process')
            expect(await list.getAttribute('data-layout')).toBe('cards');
          if (name === 'process')
            await page.locator('[data-testid="diagram-viewer"][data-state="ready"]').waitFor();
          await expectNoSideScroll(page);
          if (language === 'en') {
            const title = await page.getByTestId('page-title').innerText();
            expect(title).toMatch(/Cases|Tasks overview|危机干预个案/);
          } else {
            expect(await englishStringsIn(page, '.app-content', ALLOWED)).toEqual([]);
          }
          await shot(page, name, width, language);
          await page.context().close();
        }
      }
    }
  });
});
