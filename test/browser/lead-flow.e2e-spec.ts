// The lead-to-teacher flow through the UI (issue 9; docs/modeler.md#properties-panel): a
// psychology lead designs a form and saves it, draws start → user task → end in the modeler,
// offers the task to psychology teachers and links the form from the properties panel's form
// choice, deploys version 1; a case is started; the psychology teacher opens the task in the
// inbox, sends bad data and sees the field error in Chinese, then completes it. A form id the
// server does not have stays shown as not deployed. The Chinese UI shows no English.
// Screenshots of the form choice go to /tmp/carepath-shots/link-form-*.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  buildWorld,
  callOk,
  createPerson,
  openTaskOf,
  unique,
  type Person,
  type World,
} from '../support/api-client';
import { laidOutChain } from '../support/bpmn-xml';
import {
  englishStringsIn,
  ensureWebBuilt,
  eventually,
  expectText,
  launchChromium,
  signIn,
  STEP_TIMEOUT,
  TEST_FORM_ID,
  switchLanguage,
} from '../support/browser';
import {
  addField,
  fieldError,
  formEditorPanel,
  labelShown,
  openValidation,
  setKey,
  setLabel,
} from '../support/form-editor-ui';
import { drawStartTaskEnd, modelerReady, openGroup, select } from '../support/modeler-ui';
import { startStack, type Stack } from '../support/stack';

const SHOTS = '/tmp/carepath-shots';
const DESKTOP = { width: 1366, height: 900 };
/** The panel's form choice: the Zeebe Form group's type entry, which it replaces. */
const FORM_CHOICE = '#bio-properties-panel-formType';

/**
 * Latin a Chinese user may see here: the product's name, bpmn.io's watermark, names of
 * languages and formats, key names of the shortcuts, generated element ids, and what the lead
 * typed (form ids, field keys — variable names).
 */
const ALLOWED_ENGLISH: (string | RegExp)[] = [
  'CarePath',
  'Powered by bpmn.io',
  /^(bpmn|io)$/,
  'XML',
  'BPMN',
  'FEEL',
  'HTML',
  'ID',
  'Ctrl',
  'Delete',
  /^Process_[0-9a-z]+$/,
  /^(Activity|Event|Gateway|StartEvent|Flow)_[0-9a-z]+$/i,
  /lead-form-[0-9a-z-]+/,
  /named-form-[0-9a-z-]+/,
  TEST_FORM_ID,
  'situation',
  'riskScore',
];

describe('lead-to-teacher flow (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let world: World;
  let lead: Person;
  const formId = `lead-form-${unique()}`;
  /** A second form, saved through the api with a name, to see "name (formId)" in the choice. */
  const namedFormId = `named-form-${unique()}`;
  /** Forms of the district (usable at the lead's school) and of school B (never usable there). */
  const districtFormId = `district-form-${unique()}`;
  const otherSchoolFormId = `other-school-form-${unique()}`;
  /** A key school A's lead deploys (its task links ghost-form), owned by school A. */
  const ghostWarningKey = `ghost-warning-${unique()}`;
  const contexts: BrowserContext[] = [];
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  /** English found in the zh-CN UI, by where; asserted last so one finding does not hide the flow. */
  const english: Record<string, string[]> = {};
  const checkEnglish = async (page: Page, where: string, selector: string) => {
    const found = await englishStringsIn(page, selector, ALLOWED_ENGLISH);
    if (found.length > 0) english[where] = found;
  };

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack();
    world = await buildWorld(stack);
    lead = await createPerson(stack, world.adminToken, 'psychLead', world.units.schoolA);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.close();
  }, 60_000);

  const api = (method: string, path: string, token: string, body?: unknown) =>
    callOk(stack.baseUrl, method, path, token, body);

  /** A new context (own session, zh-CN) signed in as `person`; confirmations are accepted. */
  async function signedIn(person: { username: string; password: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP });
    contexts.push(context);
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
      console.error('Content Security Policy: ' + e.effectiveDirective + ' ' + e.sample + ' at ' +
        e.sourceFile + ':' + e.lineNumber))`);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, stack.baseUrl, person);
    return page;
  }

  /** The labels of the form choice's options, in order. */
  const optionLabels = (page: Page) =>
    page.locator(`${FORM_CHOICE} option`).evaluateAll((options) => options.map((o) => o.textContent?.trim()));
  const chosenLabel = (page: Page) =>
    page
      .locator(FORM_CHOICE)
      .evaluate(
        (select) =>
          (select as unknown as { selectedOptions: { textContent: string | null }[] }).selectedOptions[0]
            ?.textContent,
      );

  /** Selects the task and opens the Form group, where the form choice is. */
  async function showFormChoice(page: Page, taskId: string): Promise<void> {
    await select(page, taskId);
    await openGroup(page, 'form');
    await page.locator(FORM_CHOICE).waitFor();
  }

  it('takes a form from the editor through the modeler to a teacher who completes the task with it', async () => {
    await api('POST', '/api/forms', lead.token, {
      formId: namedFormId,
      schema: {
        type: 'default',
        id: namedFormId,
        name: '家访记录',
        components: [{ type: 'textfield', key: 'note', label: '记录' }],
      },
    });
    for (const [id, ownerUnitId] of [
      [districtFormId, world.units.district],
      [otherSchoolFormId, world.units.schoolB],
    ] as const) {
      await api('POST', '/api/forms', world.adminToken, {
        formId: id,
        ownerUnitId,
        schema: { type: 'default', id, components: [{ type: 'textfield', key: 'note', label: '记录' }] },
      });
    }

    // given: the lead designs a form in the editor and saves it as version 1
    const page = await signedIn(lead);
    await page.goto(`${stack.baseUrl}/#/forms/${formId}`);
    await expectText(page.getByTestId('page-title'), `表单设计：${formId}`);
    await addField(page, 'textarea');
    await setLabel(page, '情况描述');
    await labelShown(page, '情况描述');
    await setKey(page, 'situation');
    await openValidation(page);
    await formEditorPanel(page).locator('#bio-properties-panel-required').check();
    await addField(page, 'number');
    await setLabel(page, '风险评分');
    await labelShown(page, '风险评分');
    await setKey(page, 'riskScore');
    await openValidation(page);
    await formEditorPanel(page).locator('#bio-properties-panel-required').check();
    await formEditorPanel(page).locator('#bio-properties-panel-min').fill('1');
    await page.getByTestId('form-save').click();
    await expectText(page.getByTestId('form-save-notice'), '已保存为版本 1');
    await checkEnglish(page, 'form editor', '[data-testid="form-editor-page"]');
    const saved = await api('GET', `/api/forms/${formId}`, lead.token);
    expect(saved.schema.components.map((c: { label: string }) => c.label)).toEqual(['情况描述', '风险评分']);

    // when: the lead draws start → user task → end in the modeler
    await page.getByTestId('nav-modeler').click();
    await modelerReady(page);
    const processId = (await page.getByTestId('modeler-process-id').textContent())!.trim();
    const { userTaskId } = await drawStartTaskEnd(page);

    // and: offers it to psychology teachers
    await select(page, userTaskId);
    await openGroup(page, 'assignmentDefinition');
    await page.locator('#bio-properties-panel-assignmentDefinitionCandidateGroups-psychTeacher').check();

    // then: the form choice lists none and the server's forms, "name (formId)" when named
    await showFormChoice(page, userTaskId);
    const labels = await optionLabels(page);
    expect(labels[0]).toBe('（无）');
    expect(labels).toEqual(expect.arrayContaining([formId, `家访记录 (${namedFormId})`, districtFormId]));
    // and: not a form of another school, which a case of this school would never show
    expect(labels).not.toContain(otherSchoolFormId);
    expect(await chosenLabel(page)).toBe('（无）');

    // when: the lead picks the form
    await page.locator(FORM_CHOICE).selectOption(formId);
    // then: it is chosen, and undo and redo go through the command stack
    expect(await chosenLabel(page)).toBe(formId);
    await page.getByTestId('modeler-undo').click();
    await eventually(
      () => chosenLabel(page),
      (label) => label === '（无）',
      'the form choice undone',
    );
    await page.getByTestId('modeler-redo').click();
    await eventually(
      () => chosenLabel(page),
      (label) => label === formId,
      'the form choice redone',
    );
    await page.waitForTimeout(300);
    await checkEnglish(page, 'modeler with the form choice', '[data-testid="modeler-page"]');
    await page.screenshot({ path: join(SHOTS, 'link-form-1366-zh-CN.png') });

    // then: in English the choice is relabelled and keeps the form
    await switchLanguage(page, 'en');
    await modelerReady(page);
    await showFormChoice(page, userTaskId);
    expect((await optionLabels(page))[0]).toBe('(none)');
    expect(await chosenLabel(page)).toBe(formId);
    await expectText(page.locator('[data-group-id="group-form"] .bio-properties-panel-group-header'), 'Form');
    await page.screenshot({ path: join(SHOTS, 'link-form-1366-en.png') });
    await switchLanguage(page, 'zh-CN');
    await modelerReady(page);

    // when: deployed
    await page.getByTestId('modeler-deploy').click();
    // then: version 1, whose user task is a Camunda user task linking the form, for psychTeacher
    await expectText(page.getByTestId('modeler-deploy-success'), '已部署为版本 1');
    const listed = await api('GET', `/api/definitions?key=${processId}`, lead.token);
    expect(listed.items.map((item: { version: number }) => item.version)).toEqual([1]);
    const { xml } = await api('GET', `/api/definitions/${listed.items[0].id}`, lead.token);
    const task =
      new RegExp(`<bpmn:userTask id="${userTaskId}"[\\s\\S]*?</bpmn:userTask>`).exec(xml)?.[0] ?? '';
    expect(task).toContain(`<zeebe:formDefinition formId="${formId}" />`);
    expect(task).toContain('<zeebe:userTask />');
    expect(task).toContain('candidateGroups="psychTeacher"');

    // given: a case of version 1 at class A (started through the api)
    const started = await api('POST', '/api/instances', world.adminToken, {
      definitionKey: processId,
      orgUnitId: world.units.classA,
    });
    const teacher = world.psychA;
    const { id: taskId } = await openTaskOf(stack, started.id, teacher.token);

    // when: the psychology teacher opens the task from the inbox
    const inbox = await signedIn(teacher);
    await inbox.getByTestId(`open-${taskId}`).click();
    const form = '[data-testid="task-form-canvas"]';
    await inbox.locator(`${form} .fjs-form-field-label`, { hasText: '风险评分' }).waitFor();

    // and: sends a score below the form's minimum
    await inbox.locator(`${form} textarea`).fill('课间独处，拒绝交流');
    await inbox.locator(`${form} input.fjs-input`).first().fill('0');
    await inbox.getByTestId('complete-submit').click();
    // then: the field's error in Chinese, under it; the task stays open
    await expectText(fieldError(inbox, form, '风险评分'), '不能小于 1');
    expect(await fieldError(inbox, form, '情况描述').count()).toBe(0);
    await checkEnglish(inbox, 'task form', '[data-testid="task-form"]');
    await inbox.screenshot({ path: join(SHOTS, 'link-form-task-error-1366-zh-CN.png') });

    // when: good data is sent
    await inbox.locator(`${form} input.fjs-input`).first().fill('6');
    await inbox.getByTestId('complete-submit').click();
    // then: the task is done and the case holds the form's data
    await inbox.getByTestId('task-completed-message').waitFor();
    await inbox.getByTestId('inbox-page').waitFor();
    await inbox.getByTestId(`task-row-${taskId}`).waitFor({ state: 'detached' });
    const detail = await eventually(
      () => api('GET', `/api/instances/${started.id}`, world.adminToken),
      (instance) => instance.variables?.riskScore === 6,
      'the case with the form data',
    );
    expect(detail.variables.situation).toBe('课间独处，拒绝交流');
  }, 300_000);

  it('keeps a form id the server does not have, shown as not deployed, until another is chosen', async () => {
    // given: a diagram whose user task links a form id never deployed
    const key = `ghost-form-${unique()}`;
    const file = join(SHOTS, `${key}.bpmn`);
    writeFileSync(
      file,
      laidOutChain(key, [
        { id: 'start', tag: 'startEvent' },
        { id: 'assess', tag: 'userTask' },
        { id: 'end', tag: 'endEvent' },
      ]).replace(
        '<bpmn:userTask id="assess">',
        '<bpmn:userTask id="assess"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="ghost-form" /></bpmn:extensionElements>',
      ),
    );
    const page = await signedIn(lead);
    await page.goto(`${stack.baseUrl}/#/modeler`);
    await modelerReady(page);
    await page.getByTestId('modeler-open-input').setInputFiles(file);
    await page.locator('.djs-element[data-element-id="assess"]').first().waitFor();

    // then: the choice shows it, marked as not deployed
    await showFormChoice(page, 'assess');
    expect(await chosenLabel(page)).toBe('(未部署) ghost-form');
    // and: no binding choice, as CarePath binds the latest version only
    expect(await page.locator('[data-group-id="group-form"] [data-entry-id="bindingType"]').count()).toBe(0);

    // when: the lead picks a deployed form, then none
    await page.locator(FORM_CHOICE).selectOption(formId);
    expect(await chosenLabel(page)).toBe(formId);
    await page.locator(FORM_CHOICE).selectOption('');
    // then: the unknown id is gone from the choice
    expect(await chosenLabel(page)).toBe('（无）');
    expect(await optionLabels(page)).not.toContain('(未部署) ghost-form');
    // and: deployed, the task has no form definition left and is still a Camunda user task
    await page.getByTestId('modeler-deploy').click();
    await expectText(page.getByTestId('modeler-deploy-success'), '已部署为版本 1');
    const listed = await api('GET', `/api/definitions?key=${key}`, lead.token);
    const { xml } = await api('GET', `/api/definitions/${listed.items[0].id}`, lead.token);
    const task = /<bpmn:userTask id="assess"[\s\S]*?<\/bpmn:userTask>/.exec(xml)?.[0] ?? '';
    expect(task).toContain('<zeebe:userTask />');
    expect(task).not.toContain('formDefinition');
  }, 120_000);

  it('deploys a task linking a form that is not deployed, and lists the warning in Chinese, then English', async () => {
    // given: a diagram whose user task links a form id never deployed, opened from a file
    const key = ghostWarningKey;
    const file = join(SHOTS, `${key}.bpmn`);
    writeFileSync(
      file,
      laidOutChain(key, [
        { id: 'start', tag: 'startEvent' },
        { id: 'assess', tag: 'userTask' },
        { id: 'end', tag: 'endEvent' },
      ]).replace(
        '<bpmn:userTask id="assess">',
        '<bpmn:userTask id="assess"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="ghost-form" /></bpmn:extensionElements>',
      ),
    );
    const page = await signedIn(lead);
    await page.goto(`${stack.baseUrl}/#/modeler`);
    await modelerReady(page);
    await page.getByTestId('modeler-open-input').setInputFiles(file);
    await page.locator('.djs-element[data-element-id="assess"]').first().waitFor();
    /** Where the lead deploys (school A): the key's owner, which the warning names. */
    const schoolPath = ((await api('GET', '/api/me', lead.token)) as { roles: { orgPath: string }[] })
      .roles[0]!.orgPath;

    // when: deployed
    const answer = page.waitForResponse(
      (response) => response.url().endsWith('/api/definitions') && response.request().method() === 'POST',
    );
    await page.getByTestId('modeler-deploy').click();
    // then: it is deployed (201), version 1
    expect((await answer).status()).toBe(201);
    await expectText(page.getByTestId('modeler-deploy-success'), '已部署为版本 1');
    // and: the warning names the task and the form, in Chinese
    const warning = page.getByTestId('modeler-deploy-warnings').locator('li', { hasText: 'ghost-form' });
    await expectText(
      warning,
      `assess 用户任务「assess」关联的表单「ghost-form」尚未为 ${schoolPath} 的个案部署：请在 \`forms\` 中一并提交，或先部署该表单（POST /api/forms）`,
    );
    await expectText(page.getByTestId('modeler-deploy-warnings').locator('strong'), '警告');

    // when: the lead switches to English
    await switchLanguage(page, 'en');
    // then: the same warning, in English
    await expectText(
      warning,
      `assess User task 'assess' links form 'ghost-form', which is not deployed for cases at ${schoolPath}: send it in \`forms\` or deploy it (POST /api/forms)`,
    );
    // and: its element id still selects the task on the canvas
    await modelerReady(page);
    await warning.locator('button').click();
    expect(
      await page
        .locator('.djs-element.selected')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-element-id'))),
    ).toEqual(['assess']);
    await switchLanguage(page, 'zh-CN');
  }, 120_000);

  it("offers the forms usable at a deployed key's owner unit, not at the editor's own", async () => {
    // given: a psychology lead of the whole city opens school A's key (deployed by the test above)
    const cityLead = await createPerson(stack, world.adminToken, 'psychLead', world.units.city);
    const page = await signedIn(cityLead);
    await page.goto(`${stack.baseUrl}/#/modeler/${ghostWarningKey}`);
    await expectText(page.getByTestId('modeler-version'), '基于第 1 版');
    await modelerReady(page);
    // then: the task's form choice has school A's and the district's forms (usable at school A,
    // though not at the city where this lead works), and not school B's
    await showFormChoice(page, 'assess');
    const labels = await optionLabels(page);
    expect(labels).toEqual(expect.arrayContaining([formId, districtFormId]));
    expect(labels).not.toContain(otherSchoolFormId);
  }, 120_000);

  it('turns a job-worker user task with an embedded form into a Camunda user task linking the chosen form', async () => {
    // given: a diagram drawn before Camunda 8.6: no zeebe:userTask marker, the form embedded
    const key = `embedded-form-${unique()}`;
    const file = join(SHOTS, `${key}.bpmn`);
    const embedded = JSON.stringify({
      type: 'default',
      components: [{ type: 'textfield', key: 'note', label: '记录' }],
    });
    writeFileSync(
      file,
      laidOutChain(key, [
        { id: 'start', tag: 'startEvent' },
        { id: 'legacy', tag: 'userTask' },
        { id: 'end', tag: 'endEvent' },
      ])
        .replace(
          '<bpmn:userTask id="legacy">',
          '<bpmn:userTask id="legacy"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:UserTaskForm_1" /></bpmn:extensionElements>',
        )
        .replace(
          `<bpmn:process id="${key}" isExecutable="true">`,
          `<bpmn:process id="${key}" isExecutable="true"><bpmn:extensionElements><zeebe:userTaskForm id="UserTaskForm_1">${embedded.replace(/</g, '&lt;')}</zeebe:userTaskForm></bpmn:extensionElements>`,
        ),
    );
    const page = await signedIn(lead);
    await page.goto(`${stack.baseUrl}/#/modeler`);
    await modelerReady(page);
    await page.getByTestId('modeler-open-input').setInputFiles(file);
    await page.locator('.djs-element[data-element-id="legacy"]').first().waitFor();

    // then: the choice says it is another kind of form, whose JSON the Zeebe entry below shows
    await showFormChoice(page, 'legacy');
    expect(await chosenLabel(page)).toBe('（其他表单：见下方）');
    await page.locator('[data-group-id="group-form"] [data-entry-id="formConfiguration"]').waitFor();

    // when: the lead picks the server's form
    await page.locator(FORM_CHOICE).selectOption(formId);
    expect(await chosenLabel(page)).toBe(formId);
    // then: deployed, the task is a Camunda user task linking it, the embedded form gone
    await page.getByTestId('modeler-deploy').click();
    await expectText(page.getByTestId('modeler-deploy-success'), '已部署为版本 1');
    const listed = await api('GET', `/api/definitions?key=${key}`, lead.token);
    const { xml } = await api('GET', `/api/definitions/${listed.items[0].id}`, lead.token);
    const task = /<bpmn:userTask id="legacy"[\s\S]*?<\/bpmn:userTask>/.exec(xml)?.[0] ?? '';
    expect(task).toContain('<zeebe:userTask />');
    expect(task).toContain(`<zeebe:formDefinition formId="${formId}" />`);
    expect(xml).not.toContain('formKey');
    expect(xml).not.toContain('userTaskForm');
  }, 120_000);

  it('shows no English in the Chinese form editor, modeler panel and task form', () => {
    expect(english).toEqual({});
  });

  it('raised no Content-Security-Policy violation and no page error', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
