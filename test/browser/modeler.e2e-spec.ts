// The psychology lead's modeler in the browser against a booted api + worker (docs/modeler.md):
// draw start → user task → end from the palette and context pad, offer the task to a role in the
// properties panel, deploy, find version 1 (and the role in the deployed XML); open a diagram
// with an element CarePath does not run and see the server's refusal on that element, in
// Chinese; see lint problems appear while drawing; find no English in the Chinese UI; time the
// modeler's start; check that the inbox and a case page never fetch the modeler's chunk.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { callOk, createPerson, seedSchoolWithCase, unique, type Person } from '../support/api-client';
import { JOB_TYPES } from '../../libs/bpmn/src';
import { laidOutChain } from '../support/bpmn-xml';
import {
  englishStringsIn,
  ensureWebBuilt,
  eventually,
  expectText,
  launchChromium,
  signIn,
  STEP_TIMEOUT,
  switchLanguage,
  expectNoSideScroll,
} from '../support/browser';
import {
  centreOf,
  contextPad,
  createFromPalette,
  drawStartTaskEnd,
  modelerReady as waitForModeler,
  openGroup,
  select,
  selectedElementId,
} from '../support/modeler-ui';
import { startStack, type Stack } from '../support/stack';

const SHOTS = '/tmp/carepath-shots';
const CHINESE = /[\u4e00-\u9fff]/;
/** The modeler's lazy chunk (Vite names it after the module). */
const MODELER_CHUNK = /\/assets\/ModelerPage-[\w-]+\.(js|css)$/;

/**
 * Latin words the Chinese modeler may show: the product's name, formats and key names, and
 * what the lead or the diagram supplies (ids, job types are values, not words to translate).
 */
const ALLOWED_ENGLISH: (string | RegExp)[] = [
  'CarePath',
  'XML',
  'BPMN',
  'FEEL',
  'ID',
  'Ctrl',
  'Delete',
  // the watermark's title: the bpmn.io licence forbids changing the watermark (docs/adr/0015)
  'Powered by bpmn.io',
  /^Process_[0-9a-z]+$/,
  /^(Activity|Event|Gateway|StartEvent|Flow)_[0-9a-z]+$/i,
];

describe('modeler (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let lead: Person;
  let seeded: Awaited<ReturnType<typeof seedSchoolWithCase>>;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  /** Confirmations the page asked (leaving with changes not deployed), and how to answer. */
  const dialogs: string[] = [];
  let acceptDialogs = true;
  /** Printed when the modeler does not come up, to say why. */
  const consoleErrors: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack();
    seeded = await seedSchoolWithCase(stack);
    const { world } = seeded;
    lead = await createPerson(stack, world.adminToken, 'psychLead', world.units.schoolA);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.close();
  }, 60_000);

  /** A new context (own storage and language) signed in; confirm dialogs are accepted. */
  async function signedIn(
    person: { username: string; password: string },
    viewport = { width: 1366, height: 900 },
  ): Promise<{ page: Page; context: BrowserContext; requests: string[] }> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    context.on('console', (message) => {
      if (/Content Security Policy|^CSP refused/i.test(message.text())) cspViolations.push(message.text());
      else if (message.type() === 'error') consoleErrors.push(message.text());
    });
    // Say what was refused and by whom, not only that something was.
    await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
      console.error('CSP refused', e.violatedDirective, JSON.stringify(e.sample), e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber))`);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void (acceptDialogs ? dialog.accept() : dialog.dismiss());
    });
    await signIn(page, stack.baseUrl, person);
    return { page, context, requests };
  }

  const modelerReady = (page: Page) =>
    waitForModeler(page, () => console.log('the modeler did not start:', { consoleErrors, pageErrors }));

  const api = <T = any>(method: string, path: string, token: string) =>
    callOk<T>(stack.baseUrl, method, path, token);

  it('draws start → user task → end, offers the task to a role, deploys version 1', async () => {
    const { page } = await signedIn(lead);

    // (e) from a click on the nav link to a modeler that has imported its diagram
    const started = Date.now();
    await page.getByTestId('nav-modeler').click();
    await modelerReady(page);
    const inApp = Date.now() - started;
    const coldStart = Date.now();
    await page.reload();
    await modelerReady(page);
    const cold = Date.now() - coldStart;
    console.log(`modeler interactive: ${inApp} ms from the nav link, ${cold} ms on a reload of #/modeler`);

    await expectText(page.getByTestId('page-title'), '新建流程');
    const processId = (await page.getByTestId('modeler-process-id').textContent())!.trim();
    expect(processId).toMatch(/^Process_[0-9a-z]{8}$/);

    // a task from the palette made a user task, connected from the start, an end appended
    const { userTaskId } = await drawStartTaskEnd(page);

    // offer the user task to psychology teachers
    await select(page, userTaskId);
    await openGroup(page, 'assignmentDefinition');
    const role = page.locator('#bio-properties-panel-assignmentDefinitionCandidateGroups-psychTeacher');
    await expectText(
      page.locator('label[for="bio-properties-panel-assignmentDefinitionCandidateGroups-psychTeacher"]'),
      '心理教师',
    );
    await role.check();
    await expect(role.isChecked()).resolves.toBe(true);
    await page.getByTestId('modeler-dirty').waitFor();
    await page.screenshot({ path: join(SHOTS, 'modeler-1366-zh-CN.png') });

    // (d) no English in the Chinese modeler: canvas, palette, context pad, panel of a user task
    await select(page, userTaskId);
    await openGroup(page, 'assignmentDefinition');
    expect(await englishStringsIn(page, '[data-testid="modeler-page"]', ALLOWED_ENGLISH)).toEqual([]);

    // deploy: version 1
    await page.getByTestId('modeler-deploy').click();
    await expectText(page.getByTestId('modeler-deploy-success'), '已部署为版本 1');
    await page.getByTestId('modeler-dirty').waitFor({ state: 'detached' });
    expect(page.url()).toContain(`#/modeler/${processId}`);

    // the deployed XML has the role as the task's candidate group
    const listed = await api<{ items: { id: string; version: number }[] }>(
      'GET',
      `/api/definitions?key=${processId}`,
      lead.token,
    );
    expect(listed.items.map((item) => item.version)).toEqual([1]);
    const detail = await api<{ xml: string }>('GET', `/api/definitions/${listed.items[0]!.id}`, lead.token);
    expect(detail.xml).toMatch(
      new RegExp(`<bpmn:userTask id="${userTaskId}"[\\s\\S]*candidateGroups="psychTeacher"`),
    );

    // deploying the same diagram again changes nothing, and says so plainly
    await page.getByTestId('modeler-deploy').click();
    await expectText(page.getByTestId('modeler-deploy-success'), '没有变化：与最新版本 1 相同');

    // a token played through the diagram in simulation mode reaches the end
    await page.getByTestId('modeler-simulate').click();
    await page.getByTestId('modeler-simulation-hint').waitFor();
    await page.locator('.djs-overlays[data-container-id="StartEvent_1"] .bts-context-pad').first().click();
    await page.locator('.bts-notification.success, .bts-notification').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'modeler-simulation-1366-zh-CN.png') });
    await page.getByTestId('modeler-simulate').click();
    await page.getByTestId('modeler-simulation-hint').waitFor({ state: 'detached' });

    // in English, the same modeler (recreated, same diagram)
    await switchLanguage(page, 'en');
    await modelerReady(page);
    await expectText(page.getByTestId('modeler-deploy'), 'Deploy');
    await page.locator(`.djs-element[data-element-id="${userTaskId}"]`).first().waitFor();
    await select(page, userTaskId);
    await openGroup(page, 'assignmentDefinition');
    await page.screenshot({ path: join(SHOTS, 'modeler-1366-en.png') });
    await switchLanguage(page, 'zh-CN');
    await modelerReady(page);

    // the definitions page offers a new diagram and "edit" on the deployed version
    await page.getByTestId('nav-definitions').click();
    await expectText(page.getByTestId('definitions-new'), '新建流程');
    const edit = page.getByTestId(`definition-edit-${processId}-1`);
    await expectText(edit, '编辑');
    await edit.click();
    await modelerReady(page);
    await expectText(page.getByTestId('page-title'), `流程建模：${processId}`);
    await page.locator(`.djs-element[data-element-id="${userTaskId}"]`).first().waitFor();
  }, 240_000);

  it('marks the element the server refuses, with its message in Chinese', async () => {
    const { page } = await signedIn(lead);
    await page.goto(`${stack.baseUrl}/#/modeler`);
    await modelerReady(page);

    // given: a diagram with a complex gateway, opened from a file
    const key = `complex-${unique()}`;
    const file = join(SHOTS, `${key}.bpmn`);
    writeFileSync(
      file,
      laidOutChain(key, [
        { id: 'start', tag: 'startEvent' },
        { id: 'decide', tag: 'complexGateway' },
        { id: 'end', tag: 'endEvent' },
      ]),
    );
    await page.getByTestId('modeler-open-input').setInputFiles(file);
    await page.locator('.djs-element[data-element-id="decide"]').first().waitFor();
    await expectText(page.getByTestId('modeler-process-id'), key);

    // when: deployed
    await page.getByTestId('modeler-deploy').click();

    // then: the gateway carries the marker and the server's message, and the list names it
    await page.getByTestId('modeler-deploy-error').waitFor();
    await page.locator('.djs-element.carepath-deploy-problem[data-element-id="decide"]').waitFor();
    const overlay = page.locator('.carepath-problem-overlay[data-element-id="decide"]');
    await overlay.waitFor();
    const message = (await overlay.textContent()) ?? '';
    expect(message).toMatch(CHINESE);
    await page.getByTestId('modeler-problem-decide').click();
    expect(await selectedElementId(page)).toBe('decide');
    await page.screenshot({ path: join(SHOTS, 'modeler-deploy-error-1366-zh-CN.png') });

    // when: the lead switches to English (the modeler is made anew from the XML)
    await switchLanguage(page, 'en');
    // then: the marker is back on the gateway, and the overlay and the list say it in English
    await page.locator('.djs-element.carepath-deploy-problem[data-element-id="decide"]').waitFor();
    await eventually(
      async () => (await overlay.textContent()) ?? '',
      (text) => text.includes('bpmn:ComplexGateway') && text.includes('not supported') && !CHINESE.test(text),
      'the problem worded in English on the canvas',
    );
    expect(await page.getByTestId('modeler-problems').textContent()).toContain('not supported');
    await switchLanguage(page, 'zh-CN');
    await eventually(
      async () => (await overlay.textContent()) ?? '',
      (text) => text === message,
      'the problem worded in Chinese again',
    );

    // and a reload keeps the diagram as a draft, with a notice and a way to discard it
    await page.reload();
    await modelerReady(page);
    await page.getByTestId('modeler-draft-notice').waitFor();
    await page.locator('.djs-element[data-element-id="decide"]').first().waitFor();

    // leaving for another page asks first; "cancel" stays on the modeler with the diagram
    acceptDialogs = false;
    const asked = dialogs.length;
    await page.getByTestId('nav-definitions').click();
    await eventually(
      async () => dialogs.length,
      (count) => count === asked + 1,
      'the leave confirmation',
    );
    expect(dialogs[asked]).toContain('尚未部署');
    expect(page.url()).toContain('#/modeler');
    await page.locator('.djs-element[data-element-id="decide"]').first().waitFor();
    acceptDialogs = true;

    // discarding the draft brings back the new diagram's template
    await page.getByTestId('modeler-discard-draft').click();
    await page.getByTestId('modeler-draft-notice').waitFor({ state: 'detached' });
    await page.locator('.djs-element[data-element-id="StartEvent_1"]').first().waitFor();
    expect(await page.locator('.djs-element[data-element-id="decide"]').count()).toBe(0);
  }, 180_000);

  it('shows lint problems on an element as the lead draws', async () => {
    const { page } = await signedIn(lead);
    await page.goto(`${stack.baseUrl}/#/modeler`);
    await modelerReady(page);

    // a task that nothing leads to, and that leads nowhere
    const start = await centreOf(page, 'StartEvent_1');
    const taskId = await createFromPalette(page, 'create.task', start.x + 220, start.y + 140);
    await page.keyboard.press('Escape');
    const overlay = page.locator(`.djs-overlays[data-container-id="${taskId}"] .bjsl-overlay`);
    await overlay.waitFor();
    await overlay.hover();
    const messages = page.locator(`.djs-overlays[data-container-id="${taskId}"] .bjsl-dropdown .message`);
    await messages.first().waitFor();
    const texts = await messages.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toMatch(CHINESE);
    await page.screenshot({ path: join(SHOTS, 'modeler-lint-1366-zh-CN.png') });

    // a FEEL field (an output mapping's value) opens its code editor, under the app's CSP
    await select(page, 'StartEvent_1');
    const outputs = page.locator('[data-group-id="group-outputs"]');
    await outputs.locator('.bio-properties-panel-add-entry').first().click();
    await outputs.locator('.cm-editor').first().waitFor();
  }, 120_000);

  it('undoes and redoes from the keyboard and the toolbar, and offers templates and job types', async () => {
    const { page } = await signedIn(lead);
    await page.goto(`${stack.baseUrl}/#/modeler`);
    await modelerReady(page);
    const start = await centreOf(page, 'StartEvent_1');
    const shape = (id: string) => page.locator(`.djs-element[data-element-id="${id}"]`);

    // Ctrl+Z takes the new task away, the toolbar's redo brings it back, Ctrl+Y likewise
    const taskId = await createFromPalette(page, 'create.task', start.x + 200, start.y);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(450);
    const canvas = (await page.getByTestId('modeler-canvas').boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width - 60, canvas.y + 40);
    await page.keyboard.press('Control+z');
    await shape(taskId).waitFor({ state: 'detached' });
    await page.getByTestId('modeler-redo').click();
    await shape(taskId).waitFor();
    await page.getByTestId('modeler-undo').click();
    await shape(taskId).waitFor({ state: 'detached' });
    await page.mouse.click(canvas.x + canvas.width - 60, canvas.y + 40);
    await page.keyboard.press('Control+y');
    await shape(taskId).waitFor();

    // the template chooser makes the task CarePath's "通知" (notify) service task
    await select(page, taskId);
    await page.locator('.bio-properties-panel-select-template-button').click();
    await page.locator('.djs-popup .entry').filter({ hasText: '通知' }).first().click();
    await page.getByTestId('modeler-panel').getByText('通知', { exact: true }).first().waitFor();

    // a service task's job type is a choice among the worker's handlers
    const serviceId = await createFromPalette(page, 'create.task', start.x + 200, start.y + 160);
    await select(page, serviceId);
    await contextPad(page, 'replace');
    await page.locator('.djs-popup [data-id="replace-with-service-task"]').click();
    await select(page, serviceId);
    await openGroup(page, 'taskDefinition');
    const jobType = page.locator('#bio-properties-panel-taskDefinitionType');
    await expectText(page.locator('label[for="bio-properties-panel-taskDefinitionType"]'), '服务类型');
    expect(await jobType.locator('option').allTextContents()).toEqual(['（请选择）', ...JOB_TYPES]);
    await jobType.selectOption('notify');
    await select(page, serviceId);
    await openGroup(page, 'taskDefinition');
    await expect(page.locator('#bio-properties-panel-taskDefinitionType').inputValue()).resolves.toBe(
      'notify',
    );
  }, 120_000);

  it('says at 375 px that it needs a larger screen, in both languages', async () => {
    const { page } = await signedIn(lead, { width: 375, height: 812 });
    await page.goto(`${stack.baseUrl}/#/modeler`);
    await page.getByTestId('modeler-small-screen').waitFor();
    await expectNoSideScroll(page);
    await page.screenshot({ path: join(SHOTS, 'modeler-375-zh-CN.png'), fullPage: true });
    await switchLanguage(page, 'en');
    await expectText(page.getByTestId('page-title'), 'New process');
    await page.screenshot({ path: join(SHOTS, 'modeler-375-en.png'), fullPage: true });
  }, 120_000);

  it('does not fetch the modeler for the inbox or a case page', async () => {
    const { page, requests } = await signedIn(seeded.teacher);
    await page.getByTestId(`task-row-${seeded.taskId}`).waitFor();
    await page.goto(`${stack.baseUrl}/#/cases/${seeded.instanceId}`);
    await expectText(page.getByTestId('case-id'), seeded.instanceId);
    await page.getByTestId('case-history').waitFor();
    const assets = requests.filter((url) => url.includes('/assets/'));
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((url) => MODELER_CHUNK.test(new URL(url).pathname))).toEqual([]);
    // and nobody but a lead or an admin is offered the modeler
    expect(await page.getByTestId('nav-modeler').count()).toBe(0);
  }, 120_000);

  it('met no Content-Security-Policy refusal and no page error', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
