// The case page in the browser (issue 11): a principal reads a case of a student — the diagram
// with where it is and the path it took, the open task with its holder and due date, the
// timeline in words (who did what, how late), the audit chain verified — in Chinese and
// English, on a desktop and a phone; reassigns the open task through the user picker, and the
// new holder finds it in the bell. A psychology teacher reads the same case without its
// variables. Screenshots go to .data/screenshots/case-page-*.png and bell-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { callOk, createPerson, type Person } from '../support/api-client';
import { diagram, flow, layout, userTask } from '../support/bpmn-xml';
import {
  pickUser,
  englishStringsIn,
  ensureWebBuilt,
  eventually,
  expectText,
  launchChromium,
  signIn,
  STEP_TIMEOUT,
  switchLanguage,
} from '../support/browser';
import {
  buildPathwaySchool,
  complete,
  pathwayApi,
  registerStudent,
  taskAt,
  type PathwaySchool,
} from '../support/pathway';
import { startStack, type Stack } from '../support/stack';

const SHOTS = join(__dirname, '..', '..', '.data', 'screenshots');
const HOUR = 3_600_000;

jest.setTimeout(240_000);

/** Latin a Chinese reader may see on the case page: the case's number, keys of the student and case, variable names and values, bpmn.io's watermark, PDF. */
const ALLOWED: (string | RegExp)[] = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  /^学号 2026[0-9a-f]+$/,
  /^s[0-9a-f]+-2026[0-9a-f]+$/,
  'riskLevel',
  'caseKey',
  'concern',
  'high',
  /^(Powered by bpmn\.io|bpmn|io)$/,
  // the compliance section's 「导出 PDF」: PDF is what Chinese readers call it too
  'PDF',
];

describe('the case page (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let school: PathwaySchool;
  let newHolder: Person;
  let caseId: string;
  let planTaskId: string;
  const key = `case-page-${Date.now().toString(36)}`;

  /** start → 初步风险评估 (due three hours ago) → 风险等级？ → 制定干预方案 (high) | 持续观察 → end. */
  function pathwayXml(): string {
    const pastDue = new Date(Date.now() - 3 * HOUR - 5 * 60_000).toISOString();
    const tomorrow = new Date(Date.now() + 26 * HOUR).toISOString();
    const elements = `
      <bpmn:startEvent id="start" name="发现异常" />
      ${userTask('assess', { groups: 'psychTeacher', name: '初步风险评估', extensions: `<zeebe:taskSchedule dueDate="${pastDue}" />` })}
      <bpmn:exclusiveGateway id="risk" name="风险等级？" default="risk-watch" />
      ${userTask('plan', { groups: 'psychTeacher', name: '制定干预方案', extensions: `<zeebe:taskSchedule dueDate="${tomorrow}" />` })}
      ${userTask('watch', { groups: 'psychTeacher', name: '持续观察' })}
      <bpmn:endEvent id="end-plan" name="结案" />
      <bpmn:endEvent id="end-watch" name="观察结束" />`;
    const flows: [string, string, string][] = [
      ['start-assess', 'start', 'assess'],
      ['assess-risk', 'assess', 'risk'],
      ['risk-plan', 'risk', 'plan'],
      ['risk-watch', 'risk', 'watch'],
      ['plan-end', 'plan', 'end-plan'],
      ['watch-end', 'watch', 'end-watch'],
    ];
    return diagram(key, elements, {
      flows: [
        flow('start', 'assess', { id: 'start-assess' }),
        flow('assess', 'risk', { id: 'assess-risk' }),
        flow('risk', 'plan', { id: 'risk-plan', condition: '=riskLevel = "high"' }),
        flow('risk', 'watch', { id: 'risk-watch' }),
        flow('plan', 'end-plan', { id: 'plan-end' }),
        flow('watch', 'end-watch', { id: 'watch-end' }),
      ],
      layout: layout(
        key,
        [
          { id: 'start', shape: 'event', column: 0 },
          { id: 'assess', shape: 'task', column: 1 },
          { id: 'risk', shape: 'gateway', column: 2 },
          { id: 'plan', shape: 'task', column: 3 },
          { id: 'watch', shape: 'task', column: 3, row: 1 },
          { id: 'end-plan', shape: 'event', column: 4 },
          { id: 'end-watch', shape: 'event', column: 4, row: 1 },
        ],
        flows,
      ),
    }).replace(`<bpmn:process id="${key}"`, `<bpmn:process id="${key}" name="危机干预（测试）"`);
  }

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack();
    school = await buildPathwaySchool(stack, stack.adminPassword);
    newHolder = await createPerson(
      stack,
      school.adminToken,
      'psychTeacher',
      school.units.school,
      '心理教师 孙',
    );
    const api = pathwayApi(stack);
    await callOk(stack.baseUrl, 'POST', '/api/definitions', school.adminToken, { xml: pathwayXml() });
    const student = await registerStudent(stack, school);
    const started = await api('POST', '/api/instances', school.people.psychTeacher, {
      definitionKey: key,
      studentId: student.id,
      variables: { concern: '近期情绪低落' },
    });
    if (started.status !== 201 && started.status !== 202)
      throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
    caseId = started.body.id as string;

    // the psychology teacher claims the assessment, completes it late, and claims the plan
    const teacher = school.people.psychTeacher;
    const assess = await taskAt(stack, caseId, 'assess', teacher);
    await callOk(stack.baseUrl, 'POST', `/api/tasks/${assess.id}/claim`, teacher.token);
    await complete(stack, teacher, assess, { riskLevel: 'high' });
    const plan = await taskAt(stack, caseId, 'plan', teacher);
    planTaskId = plan.id;
    await callOk(stack.baseUrl, 'POST', `/api/tasks/${plan.id}/claim`, teacher.token);
    await eventually(
      async () =>
        (await api('GET', `/api/instances/${caseId}`, school.people.principal)).body.openTasks as {
          assignee: string | null;
        }[],
      (tasks) => tasks.length === 1 && tasks[0]!.assignee === teacher.username,
      'the plan claimed',
    );
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  async function openCase(person: Person, width: number, language: 'zh-CN' | 'en'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await signIn(page, stack.baseUrl, person);
    await switchLanguage(page, language);
    await page.goto(`${stack.baseUrl}/#/cases/${caseId}`);
    await expectText(page.getByTestId('case-id'), caseId);
    await page.locator('[data-testid="diagram-viewer"][data-state="ready"]').waitFor();
    await page.locator('[data-testid="history-entry"][data-type="task.completed"]').waitFor();
    return page;
  }

  const noHorizontalScroll = async (page: Page) =>
    expect(
      (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number,
    ).toBeLessThanOrEqual(0);

  const marked = (page: Page, elementId: string, marker: string) =>
    page.locator(`g.djs-element.${marker}[data-element-id="${elementId}"]`);

  it('shows a supervisor the diagram, the open task and the timeline in words, verified, in Chinese', async () => {
    const page = await openCase(school.people.principal, 1366, 'zh-CN');
    try {
      // the header: the student, the process, the chain verified
      await expectText(page.getByTestId('case-student'), '张小雨');
      await expectText(page.locator('[data-testid="chain-badge"][data-valid="true"]'), '记录完整 ✓ 已校验');
      expect(await page.getByTestId('case-header').innerText()).toContain('危机干预（测试）');

      // the diagram: the plan is where it is, the assessment and the flows to the plan were taken
      await marked(page, 'plan', 'cp-active').waitFor({ state: 'attached' });
      for (const done of ['start', 'assess', 'risk', 'start-assess', 'assess-risk', 'risk-plan'])
        await marked(page, done, 'cp-done').waitFor({ state: 'attached' });
      expect(await marked(page, 'risk-watch', 'cp-done').count()).toBe(0);
      expect(await marked(page, 'watch', 'cp-done').count()).toBe(0);
      await page.locator('[data-testid="active-element"][data-element-id="plan"]').waitFor();

      // the open task: its holder by name, due tomorrow
      const task = page.getByTestId(`case-task-${planTaskId}`);
      await expectText(task.getByTestId('case-task-holder'), '心理教师 李');
      expect(await task.getByTestId('case-task-due').innerText()).toContain('还剩');

      // the timeline in words: who did what, how late; no raw type, no id
      const timeline = await page.getByTestId('case-timeline').innerText();
      expect(timeline).toContain('心理教师 李 发起了个案');
      expect(timeline).toContain('心理教师 李 认领了 初步风险评估');
      expect(timeline).toContain('心理教师 李 完成了 初步风险评估，晚了 3 小时');
      expect(timeline).toContain('心理教师 李 认领了 制定干预方案');
      expect(timeline).not.toMatch(/element\.|task\.|instance\.|assess|plan\b/);
      await page.getByTestId('timeline-all-steps').click();
      expect(await page.getByTestId('case-timeline').innerText()).toContain('经过 风险等级？');
      await page.getByTestId('timeline-all-steps').click();

      // the variables, read-only
      await expectText(page.getByTestId('case-variable-riskLevel'), 'high');
      expect(await englishStringsIn(page, '[data-testid="case-page"]', ALLOWED)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'case-page-1366-zh-CN.png'), fullPage: true });

      // on a phone: one column, no sideways scrolling
      await page.setViewportSize({ width: 375, height: 812 });
      await page.waitForTimeout(300);
      await noHorizontalScroll(page);
      await page.screenshot({ path: join(SHOTS, 'case-page-375-zh-CN.png'), fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  it('reads in English, on a desktop and a phone', async () => {
    for (const width of [1366, 375]) {
      const page = await openCase(school.people.principal, width, 'en');
      try {
        const timeline = await page.getByTestId('case-timeline').innerText();
        expect(timeline).toContain('心理教师 李 completed 初步风险评估, 3 h late');
        expect(timeline).toContain('心理教师 李 started the case');
        await expectText(
          page.locator('[data-testid="chain-badge"][data-valid="true"]'),
          'Record intact ✓ verified',
        );
        await expectText(page.getByTestId('case-state'), 'Active');
        if (width === 375) await noHorizontalScroll(page);
        await page.screenshot({ path: join(SHOTS, `case-page-${width}-en.png`), fullPage: true });
      } finally {
        await page.context().close();
      }
    }
  });

  it('reassigns the open task through the picker; the new holder finds it in the bell', async () => {
    const page = await openCase(school.people.principal, 1366, 'zh-CN');
    try {
      await page.getByTestId(`task-reassign-${planTaskId}`).click();
      await pickUser(page, page.locator('[data-testid="user-picker"]'), '孙', newHolder.username);
      await page.screenshot({ path: join(SHOTS, 'case-page-reassign-1366-zh-CN.png') });
      await page.getByTestId('reassign-submit').click();
      await expectText(
        page.getByTestId(`case-task-${planTaskId}`).getByTestId('case-task-holder'),
        '心理教师 孙',
      );
      await page
        .getByTestId('case-timeline')
        .getByText('校长 王 将 制定干预方案 从 心理教师 李 转交给 心理教师 孙')
        .waitFor();
    } finally {
      await page.context().close();
    }

    for (const [width, language] of [
      [1366, 'zh-CN'],
      [375, 'zh-CN'],
      [1366, 'en'],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height: 812 } });
      const holder = await context.newPage();
      holder.setDefaultTimeout(STEP_TIMEOUT);
      try {
        await signIn(holder, stack.baseUrl, newHolder);
        await switchLanguage(holder, language);
        await holder.getByTestId('notification-count').waitFor();
        await holder.getByTestId('notification-bell').click();
        const notice = holder.locator(
          `[data-kind="task.assignedToYou"][data-instance-id="${caseId}"] [data-testid="notification-title"]`,
        );
        await expectText(
          notice,
          language === 'en'
            ? 'A task was handed to you: 制定干预方案（七年级2班）'
            : '任务已转交给你：制定干预方案（七年级2班）',
        );
        const box = await holder.getByTestId('notification-list').boundingBox();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        if (language === 'zh-CN')
          expect(await englishStringsIn(holder, '[data-testid="notification-list"]')).toEqual([]);
        await holder.screenshot({ path: join(SHOTS, `bell-${width}-${language}.png`) });
      } finally {
        await context.close();
      }
    }
    // the previous holder is told too
    const previous = await pathwayApi(stack)(
      'GET',
      '/api/notifications?unread=true',
      school.people.psychTeacher,
    );
    expect(
      (previous.body.items as { kind: string; instanceId: string }[]).some(
        (item) => item.kind === 'task.assignedAway' && item.instanceId === caseId,
      ),
    ).toBe(true);
  });

  it('shows a psychology teacher the case without its variables or the chain check', async () => {
    const page = await openCase(newHolder, 1366, 'zh-CN');
    try {
      await expectText(
        page.getByTestId(`case-task-${planTaskId}`).getByTestId('case-task-holder'),
        '心理教师 孙',
      );
      expect(await page.getByTestId('case-variables').count()).toBe(0);
      expect(await page.getByTestId(`task-reassign-${planTaskId}`).count()).toBe(0);
      expect(await page.getByTestId('case-timeline').innerText()).toContain('完成了 初步风险评估');
      expect(await englishStringsIn(page, '[data-testid="case-page"]', ALLOWED)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'case-page-teacher-1366-zh-CN.png'), fullPage: true });
    } finally {
      await page.context().close();
    }
  });
});
