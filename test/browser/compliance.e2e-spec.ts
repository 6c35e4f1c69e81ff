// The compliance review in the browser (issue 12, R11): a principal opens a case's compliance
// section, reads the late assessment in words with its escalation and evidence, follows the
// evidence to the timeline and downloads the PDF; the late-steps page lists the step and exports
// it as CSV. In Chinese and English, on a desktop and a phone. Screenshots go to
// $CAREPATH_SHOTS (default .data/screenshots/compliance).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { diagram, flow, layout, userTask } from '../support/bpmn-xml';
import {
  ensureWebBuilt,
  eventually,
  expectText,
  launchChromium,
  signIn,
  STEP_TIMEOUT,
  switchLanguage,
  openReportFromMenu,
} from '../support/browser';
import { callOk, type Person } from '../support/api-client';
import {
  buildPathwaySchool,
  complete,
  pathwayApi,
  registerStudent,
  taskAt,
  type PathwaySchool,
} from '../support/pathway';
import { readPdf } from '../support/pdf-text';
import { startStack, type Stack } from '../support/stack';

const SHOTS = process.env.CAREPATH_SHOTS ?? join(__dirname, '..', '..', '.data', 'screenshots', 'compliance');
const HOUR = 3_600_000;

jest.setTimeout(300_000);

describe('the compliance review (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let school: PathwaySchool;
  let caseId: string;
  let caseKey: string;
  const key = `compliance-page-${Date.now().toString(36)}`;

  /**
   * start → 初步风险评估 (due three hours ago; its non-interrupting timer 评估超时 fires at once
   * → 通知校长) → 制定干预方案 (due tomorrow) → end.
   */
  function pathwayXml(): string {
    const pastDue = new Date(Date.now() - 3 * HOUR - 5 * 60_000).toISOString();
    const tomorrow = new Date(Date.now() + 26 * HOUR).toISOString();
    const elements = `
      <bpmn:startEvent id="start" name="发现异常" />
      ${userTask('assess', { groups: 'psychTeacher', name: '初步风险评估', extensions: `<zeebe:taskSchedule dueDate="${pastDue}" />` })}
      <bpmn:boundaryEvent id="overdue" name="评估超时" attachedToRef="assess" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:endEvent id="escalated" name="已通知校长" />
      ${userTask('plan', { groups: 'psychTeacher', name: '制定干预方案', extensions: `<zeebe:taskSchedule dueDate="${tomorrow}" />` })}
      <bpmn:endEvent id="end" name="结案" />`;
    const flows: [string, string, string][] = [
      ['start-assess', 'start', 'assess'],
      ['assess-plan', 'assess', 'plan'],
      ['plan-end', 'plan', 'end'],
    ];
    // The boundary event sits on the assessment's lower edge (centre 260,160); its flow goes down.
    const boundary =
      '<bpmndi:BPMNShape id="overdue_di" bpmnElement="overdue"><dc:Bounds x="242" y="142" width="36" height="36" /></bpmndi:BPMNShape>' +
      '<bpmndi:BPMNEdge id="overdue-escalated_di" bpmnElement="overdue-escalated"><di:waypoint x="260" y="178" /><di:waypoint x="260" y="240" /><di:waypoint x="402" y="240" /></bpmndi:BPMNEdge>';
    return diagram(key, elements, {
      flows: [
        flow('start', 'assess', { id: 'start-assess' }),
        flow('assess', 'plan', { id: 'assess-plan' }),
        flow('plan', 'end', { id: 'plan-end' }),
        flow('overdue', 'escalated', { id: 'overdue-escalated' }),
      ],
      layout: layout(
        key,
        [
          { id: 'start', shape: 'event', column: 0 },
          { id: 'assess', shape: 'task', column: 1 },
          { id: 'plan', shape: 'task', column: 2 },
          { id: 'end', shape: 'event', column: 3 },
          { id: 'escalated', shape: 'event', column: 2, row: 1 },
        ],
        flows,
      ).replace('</bpmndi:BPMNPlane>', `${boundary}</bpmndi:BPMNPlane>`),
    }).replace(`<bpmn:process id="${key}"`, `<bpmn:process id="${key}" name="危机干预（测试）"`);
  }

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack();
    school = await buildPathwaySchool(stack, stack.adminPassword);
    const api = pathwayApi(stack);
    await callOk(stack.baseUrl, 'POST', '/api/definitions', school.adminToken, { xml: pathwayXml() });
    const student = await registerStudent(stack, school);
    caseKey = student.caseKey;
    const started = await api('POST', '/api/instances', school.people.psychTeacher, {
      definitionKey: key,
      studentId: student.id,
      variables: { concern: '近期情绪低落' },
    });
    if (started.status !== 201 && started.status !== 202)
      throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
    caseId = started.body.id as string;
    // the escalation fires, then the psychology teacher completes the assessment, 3 hours late
    const teacher = school.people.psychTeacher;
    const assess = await taskAt(stack, caseId, 'assess', teacher);
    await eventually(
      async () =>
        (await api('GET', `/api/instances/${caseId}/history?limit=500`, school.people.principal)).body
          .items as { type: string }[],
      (items) => items.some((entry) => entry.type === 'timer.fired'),
      'the escalation timer fired',
    );
    await complete(stack, teacher, assess, { riskLevel: 'high' });
    await taskAt(stack, caseId, 'plan', teacher);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  async function signedIn(person: Person, width: number, language: 'zh-CN' | 'en'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await signIn(page, stack.baseUrl, person);
    await switchLanguage(page, language);
    return page;
  }

  async function openCompliance(person: Person, width: number, language: 'zh-CN' | 'en'): Promise<Page> {
    const page = await signedIn(person, width, language);
    await page.goto(`${stack.baseUrl}/#/cases/${caseId}`);
    await expectText(page.getByTestId('case-id'), caseId);
    await page.locator('[data-testid="compliance-line"][data-element-id="assess"]').waitFor();
    await page.locator('[data-testid="history-entry"][data-type="task.completed"]').waitFor();
    return page;
  }

  const noHorizontalScroll = async (page: Page) =>
    expect(
      (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number,
    ).toBeLessThanOrEqual(0);

  /** The whole page from its top (the sticky header then sits where it belongs). */
  async function shoot(page: Page, name: string): Promise<void> {
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, name), fullPage: true });
  }

  const line = (page: Page, elementId: string) =>
    page.locator(`[data-testid="compliance-line"][data-element-id="${elementId}"]`);

  it('shows a principal the late assessment in words, its escalation and evidence, and files the PDF', async () => {
    const page = await openCompliance(school.people.principal, 1366, 'zh-CN');
    try {
      const assess = line(page, 'assess');
      await expectText(assess.getByTestId('compliance-late'), '晚了 3 小时');
      const text = await assess.innerText();
      expect(text).toContain('初步风险评估');
      expect(text).toContain('心理教师 李');
      expect(text).toContain('评估超时');
      await expectText(line(page, 'plan').getByTestId('compliance-late'), '办理中');
      await page.locator('[data-testid="compliance-chain"][data-verified="true"]').waitFor();

      // an evidence seq brings its timeline entry into view
      const evidence = assess.getByTestId('compliance-evidence');
      expect(await evidence.count()).toBe(3);
      await evidence.last().click();
      await page.locator('.history-entry-flash[data-type="task.completed"]').waitFor();

      await shoot(page, 'case-compliance-1366-zh-CN.png');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('compliance-pdf').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^compliance-.*\.pdf$/);
      const pdf = readPdf(readFileSync((await download.path())!));
      expect(pdf.pages).toBe(1);
      expect(pdf.text).toContain(caseKey);
      expect(pdf.text).toContain('初步风险评估');
      expect(pdf.text).toContain('心理教师 李');
    } finally {
      await page.context().close();
    }
  });

  it('reads on a phone and in English without sideways scrolling', async () => {
    for (const [width, language] of [
      [375, 'zh-CN'],
      [1366, 'en'],
      [375, 'en'],
    ] as const) {
      const page = await openCompliance(school.people.principal, width, language);
      try {
        const late = line(page, 'assess').getByTestId('compliance-late');
        await expectText(late, language === 'en' ? '3 h late' : '晚了 3 小时');
        await noHorizontalScroll(page);
        await shoot(page, `case-compliance-${width}-${language}.png`);
      } finally {
        await page.context().close();
      }
    }
  });

  it('is not shown to the psychology teacher who did the steps', async () => {
    const page = await signedIn(school.people.psychTeacher, 1366, 'zh-CN');
    try {
      await page.goto(`${stack.baseUrl}/#/cases/${caseId}`);
      await expectText(page.getByTestId('case-id'), caseId);
      await page.locator('[data-testid="history-entry"][data-type="task.completed"]').waitFor();
      expect(await page.getByTestId('case-compliance').count()).toBe(0);
      expect(await page.getByTestId('nav-lateSteps').count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('lists the late step on the late-steps page, from the menu, with CSV export', async () => {
    for (const [width, language] of [
      [1366, 'zh-CN'],
      [375, 'zh-CN'],
      [1366, 'en'],
      [375, 'en'],
    ] as const) {
      const page = await signedIn(school.people.principal, width, language);
      try {
        if (width === 1366) await openReportFromMenu(page, 'nav-lateSteps');
        else await page.goto(`${stack.baseUrl}/#/reports/late-steps`);
        await page.getByTestId('late-steps-page').waitFor();
        const row = page.getByTestId('late-step').filter({ hasText: caseKey });
        await row.waitFor();
        const text = await row.innerText();
        expect(text).toContain(language === 'en' ? '3 h late' : '晚了 3 小时');
        expect(text).toContain('第一中学');
        expect(text).toContain('初步风险评估');
        expect(await page.getByTestId('late-step').count()).toBe(1);
        await noHorizontalScroll(page);
        await shoot(page, `late-steps-${width}-${language}.png`);
        if (width === 1366 && language === 'zh-CN') {
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.getByTestId('late-steps-csv').click(),
          ]);
          const csv = readFileSync((await download.path())!, 'utf8');
          expect(csv).toContain(`${caseId},${caseKey},第一中学,assess,初步风险评估`);
        }
      } finally {
        await page.context().close();
      }
    }
  });
});
