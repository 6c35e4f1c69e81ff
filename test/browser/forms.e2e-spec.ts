// Forms in the browser (issue 9, parts 2 and 6; docs/forms-web.md): a psychology lead designs a
// form in form-js's editor with the live preview, saves version 1; a diagram linking it is
// deployed; a psychology teacher completes the task through the form — the viewer's own field
// errors in Chinese, then a server 400 for a form tightened after the page loaded, under its
// field, then good data. The Chinese UI shows no English. Screenshots go to /tmp/carepath-shots/.
import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  buildWorld,
  call,
  callOk,
  createPerson,
  openTaskOf,
  unique,
  type Person,
  type World,
} from '../support/api-client';
import { chain, diagram, userTask } from '../support/bpmn-xml';
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
  expectNoSideScroll,
} from '../support/browser';
import {
  addField,
  fieldError,
  formEditor,
  formEditorPanel,
  openValidation,
  setKey,
  setLabel,
} from '../support/form-editor-ui';
import { startStack, type Stack } from '../support/stack';

const SHOTS = '/tmp/carepath-shots';
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 375, height: 812 };

/**
 * English a Chinese user may see here, and why: the product's name; bpmn.io, the watermark's
 * name (the watermark must stay); FEEL and HTML, names of a language (the properties panel's
 * expressions, the palette's "HTML 视图"); and what the lead typed — the form id, also in the
 * page title, and the field keys, which are variable names — and the form ids other specs saved
 * in the shared database, which the forms list shows too.
 */
const ALLOWED_ENGLISH: (string | RegExp)[] = [
  'CarePath',
  /^(bpmn|io)$/,
  'FEEL',
  'HTML',
  /risk-check-[0-9a-f]+/,
  TEST_FORM_ID,
  'situation',
  'riskScore',
];

describe('forms (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let world: World;
  let lead: Person;
  const formId = `risk-check-${unique()}`;
  const cspViolations: string[] = [];
  /** English found in the zh-CN UI, by where; asserted last so one finding does not hide the flows. */
  const english: Record<string, string[]> = {};
  const checkEnglish = async (page: Page, where: string, selector: string, typed: string[] = []) => {
    const found = await englishStringsIn(page, selector, [...ALLOWED_ENGLISH, ...typed]);
    if (found.length > 0) english[where] = found;
  };

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack();
    world = await buildWorld(stack);
    lead = await createPerson(stack, world.adminToken, 'psychLead', world.units.schoolA, '王老师');
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  const api = (method: string, path: string, token: string, body?: unknown) =>
    callOk(stack.baseUrl, method, path, token, body);

  /** A fresh context (own session, zh-CN) signed in as `person`; dialogs are answered by the test. */
  async function signedIn(person: { username: string; password: string }): Promise<Page> {
    const context: BrowserContext = await browser.newContext({ viewport: DESKTOP });
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) {
        cspViolations.push(`${message.page()?.url() ?? ''} ${message.location().url}: ${message.text()}`);
      }
    });
    // Name the directive and the code behind each violation, so a failure says what to fix.
    await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
      console.error('Content Security Policy: ' + e.effectiveDirective + ' ' + e.sample + ' at ' +
        e.sourceFile + ':' + e.lineNumber + ':' + e.columnNumber))`);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await signIn(page, stack.baseUrl, person);
    return page;
  }

  const editor = formEditor;
  const panel = formEditorPanel;

  async function shoot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  /** Screens `name` at 1366 and 375 px in zh-CN and en, back to zh-CN and 1366 px after. */
  async function shootAll(page: Page, name: string, ready: () => Promise<void>): Promise<void> {
    for (const language of ['zh-CN', 'en'] as const) {
      await switchLanguage(page, language);
      await ready();
      for (const [size, viewport] of [
        ['1366', DESKTOP],
        ['375', PHONE],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(300);
        await shoot(page, `${name}-${size}-${language}`);
      }
      await page.setViewportSize(DESKTOP);
    }
    await switchLanguage(page, 'zh-CN');
    await ready();
  }

  it('lets a psychology lead design a form with a live preview and save it as version 1', async () => {
    const page = await signedIn(lead);
    try {
      // given: the forms list, reached from the lead's navigation
      await page.getByTestId('nav-forms').click();
      await expectText(page.getByTestId('page-title'), '表单');

      // when: a new form is started under an id
      await page.getByTestId('forms-new').click();
      await page.getByTestId('forms-new-id').fill('1 bad id');
      await page.getByTestId('forms-new-create').click();
      await page.getByTestId('forms-new-id-error').waitFor();
      await page.getByTestId('forms-new-id').fill(formId);
      await page.getByTestId('forms-new-create').click();

      // then: the editor opens on an empty form that was never saved
      await expectText(page.getByTestId('page-title'), `表单设计：${formId}`);
      await expectText(page.getByTestId('form-editor-version'), '新表单，尚未保存');

      // when: a text area and a number field are added and set up in the properties panel
      await addField(page, 'textarea');
      await setLabel(page, '情况描述');
      await setKey(page, 'situation');
      await openValidation(page);
      await panel(page).locator('#bio-properties-panel-required').check();

      await addField(page, 'number');
      await setLabel(page, '风险评分');
      await setKey(page, 'riskScore');
      await openValidation(page);
      await panel(page).locator('#bio-properties-panel-required').check();
      await panel(page).locator('#bio-properties-panel-min').fill('1');

      // then: the preview renders the design as it is
      const preview = '[data-testid="form-preview-canvas"]';
      await page.locator(`${preview} .fjs-form-field-label`, { hasText: '情况描述' }).waitFor();
      await page.locator(`${preview} .fjs-form-field-label`, { hasText: '风险评分' }).waitFor();
      await page.getByTestId('form-editor-dirty').waitFor();

      // when: the preview is tried with a score below the minimum
      await page
        .locator(`${preview} input.fjs-input[type="text"], ${preview} input.fjs-input`)
        .first()
        .fill('0');
      await page.getByTestId('preview-validate').click();

      // then: it says what the server will say, in Chinese, under each field
      await expectText(page.getByTestId('preview-outcome'), '2 个字段未通过校验');
      await expectText(fieldError(page, preview, '情况描述'), '此项为必填项');
      await expectText(fieldError(page, preview, '风险评分'), '不能小于 1');

      // then: nothing the lead sees in the editor and preview is English
      await page.waitForTimeout(300);
      await checkEnglish(page, 'form-editor-page', '[data-testid="form-editor-page"]');
      await shootAll(page, 'form-editor', async () => {
        await page.getByTestId('form-editor').waitFor();
        await page.getByTestId('preview-validate').click();
        await page.getByTestId('preview-outcome').waitFor();
      });

      // then: a language switch relabels the editor both ways, keeping the design
      await switchLanguage(page, 'en');
      await expectText(editor(page).locator('.fjs-palette-header'), 'Components');
      await editor(page)
        .locator('.fjs-form-container .fjs-form-field-label', { hasText: '风险评分' })
        .waitFor();
      await switchLanguage(page, 'zh-CN');
      await expectText(editor(page).locator('.fjs-palette-header'), '组件');
      await page.getByTestId('form-editor-dirty').waitFor();

      // when: saved
      await page.getByTestId('form-save').click();
      // then: version 1, and the server holds the schema with the form id and both fields
      await expectText(page.getByTestId('form-save-notice'), '已保存为版本 1');
      await expectText(page.getByTestId('form-editor-version'), '当前为第 1 版');
      expect(await page.getByTestId('form-editor-dirty').count()).toBe(0);
      const saved = await api('GET', `/api/forms/${formId}`, lead.token);
      expect(saved.version).toBe(1);
      expect(saved.schema.id).toBe(formId);
      const byKey = Object.fromEntries(
        (saved.schema.components as { key: string; label: string; validate?: Record<string, unknown> }[]).map(
          (component) => [component.key, component],
        ),
      );
      expect(byKey.situation).toMatchObject({ label: '情况描述', validate: { required: true } });
      expect(byKey.riskScore).toMatchObject({ label: '风险评分', validate: { required: true, min: 1 } });

      // when: saved again without a change
      await page.getByTestId('form-save').click();
      // then: no new version
      await expectText(page.getByTestId('form-save-notice'), '没有变化');

      // then: the palette does not offer what the server refuses (a file picker)
      expect(await editor(page).locator('.fjs-palette-field[data-field-type="textarea"]').isVisible()).toBe(
        true,
      );
      expect(await editor(page).locator('.fjs-palette-field[data-field-type="filepicker"]').isVisible()).toBe(
        false,
      );
      // when: a draft holds one anyway (a form made elsewhere), the page reloads and it is saved
      const refusedKey = 'attachment';
      await page.evaluate(
        `(() => {
          const key = 'carepath.formDraft.${formId}';
          const draft = { schema: ${JSON.stringify(saved.schema)}, baseVersion: 1, savedAt: new Date().toISOString() };
          draft.schema.components.push({ type: 'filepicker', key: '${refusedKey}', label: '附件', id: 'Field_attachment' });
          localStorage.setItem(key, JSON.stringify(draft));
        })()`,
      );
      await page.reload();
      await page.getByTestId('form-draft-restored').waitFor();
      await editor(page).locator('.fjs-form-container .fjs-element[data-field-type="filepicker"]').waitFor();
      await page.getByTestId('form-save').click();
      // then: the refusal names that component, and following it selects it in the panel
      const refused = page.getByTestId('form-save-error-component');
      await expectText(refused.locator('code'), refusedKey);
      // in Chinese, as the page is: the server words the problem in the UI's language
      const said = [
        await page.getByTestId('form-save-error').innerText(),
        await page.getByTestId('form-save-error-row').locator('td').nth(1).innerText(),
      ];
      expect(said[1]).toBe(
        '组件「Field_attachment」：不支持 filepicker 类型的组件，CarePath 无法在服务器上校验它的取值',
      );
      expect(said[0]).toMatch(/^表单有 1 个问题：/);
      // nothing English but the component's id (in 「」), its type and the product's name
      expect(
        said
          .flatMap((text) => text.replace(/「[^」]*」/g, '').match(/[A-Za-z]{2,}/g) ?? [])
          .filter((word) => !['filepicker', 'CarePath'].includes(word)),
      ).toEqual([]);
      await editor(page).locator('.fjs-form-container .fjs-element[data-field-type="textarea"]').click();
      await refused.click();
      await eventually(
        () => panel(page).locator('[data-entry-id="key"] input').inputValue(),
        (key) => key === refusedKey,
        'the refused component selected',
      );
      // when: it is removed again (form-js may have given the fields above it layout rows)
      await editor(page).locator('.fjs-context-pad-item').first().click();
      await editor(page)
        .locator('.fjs-form-container .fjs-element[data-field-type="filepicker"]')
        .waitFor({ state: 'detached' });

      // when: changed, then the page reloads
      await addField(page, 'textfield');
      await page.getByTestId('form-editor-dirty').waitFor();
      page.once('dialog', (dialog) => void dialog.accept());
      await page.reload();
      // then: the draft is back, and discarding it returns to version 1
      await page.getByTestId('form-draft-restored').waitFor();
      expect(
        await editor(page).locator('.fjs-form-container .fjs-element[data-field-type="textfield"]').count(),
      ).toBe(1);
      await page.getByTestId('form-draft-discard').click();
      await editor(page)
        .locator('.fjs-form-container .fjs-element[data-field-type="textfield"]')
        .waitFor({ state: 'detached' });

      // when: changed again and the lead follows a link away
      await addField(page, 'textfield');
      await page.getByTestId('form-editor-dirty').waitFor();
      let asked = '';
      page.once('dialog', (dialog) => {
        asked = dialog.message();
        void dialog.dismiss();
      });
      await page.getByTestId('nav-inbox').click();
      // then: asked first; declining keeps the editor
      await eventually(
        async () => asked,
        (message) => message !== '',
        'the leave question',
      );
      expect(asked).toBe('表单有未保存的修改，确定离开吗？');
      await page.waitForTimeout(300);
      await expectText(page.getByTestId('page-title'), `表单设计：${formId}`);
      // when: the page's own link back to the list is followed, asked again; accepted, the lead leaves
      let askedAgain = '';
      page.once('dialog', (dialog) => {
        askedAgain = dialog.message();
        void dialog.accept();
      });
      await page.getByTestId('form-editor-back').click();
      await expectText(page.getByTestId('page-title'), '表单');
      expect(askedAgain).toBe('表单有未保存的修改，确定离开吗？');

      // then: the list shows the form at version 1
      const row = page.getByTestId(`form-row-${formId}`);
      await expectText(row.getByTestId('form-version'), '1');
      await expectText(row.getByTestId('form-deployed-by'), '王老师');
      // (the list also shows the ids of forms other tests of this run saved: ids are typed, not UI)
      const listed = (await api('GET', '/api/forms', lead.token)) as { items: { formId: string }[] };
      await checkEnglish(
        page,
        'forms-page',
        '[data-testid="forms-page"]',
        listed.items.map((form) => form.formId),
      );
      await shootAll(page, 'forms-list', async () => {
        await row.waitFor();
      });
    } finally {
      await page.context().close();
    }
  }, 240_000);

  it('lets a teacher complete a task through its form, with the viewer’s and the server’s field errors', async () => {
    // given: a deployed diagram whose user task links the form, and a case of it at class A
    const key = `form-task-${unique()}`;
    await api('POST', '/api/definitions', lead.token, {
      xml: diagram(
        key,
        `<bpmn:startEvent id="start" />
         ${userTask('assess', { groups: 'psychTeacher', extensions: `<zeebe:formDefinition formId="${formId}" />` })}
         <bpmn:endEvent id="end" />`,
        { flows: chain('start', 'assess', 'end') },
      ),
    });
    const started = await api('POST', '/api/instances', world.adminToken, {
      definitionKey: key,
      orgUnitId: world.units.classA,
    });
    const teacher = world.psychA;
    const { id: taskId } = await openTaskOf(stack, started.id, teacher.token);

    const page = await signedIn(teacher);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    try {
      // then: the inbox alone loads neither form-js chunk
      await page.getByTestId(`open-${taskId}`).waitFor();
      expect(scripts.filter((path) => /\/(viewer|FormEditorPage|TaskForm)-/.test(path))).toEqual([]);

      // when: the teacher opens the task's page
      await page.getByTestId(`open-${taskId}`).click();
      const form = '[data-testid="task-form-canvas"]';
      await page.locator(`${form} .fjs-form-field-label`, { hasText: '风险评分' }).waitFor();
      await page.getByTestId('variables-editor').waitFor({ state: 'detached' });
      // then: with the viewer's chunk, never the editor's
      expect(scripts.some((path) => /\/viewer-/.test(path))).toBe(true);
      expect(scripts.filter((path) => /\/FormEditorPage-/.test(path))).toEqual([]);

      // when: submitted empty
      await page.getByTestId('complete-submit').click();
      // then: the viewer names each missing field under it, in Chinese, and nothing is sent
      await page.getByTestId('task-form-invalid').waitFor();
      await expectText(fieldError(page, form, '情况描述'), '此项为必填项');
      await expectText(fieldError(page, form, '风险评分'), '此项为必填项');

      // when: the score is below the minimum
      await page.locator(`${form} textarea`).fill('上课时情绪低落，多次哭泣');
      await page.locator(`${form} input.fjs-input`).first().fill('0');
      await page.getByTestId('complete-submit').click();
      // then: that field's message, in Chinese
      await expectText(fieldError(page, form, '风险评分'), '不能小于 1');
      expect(await fieldError(page, form, '情况描述').count()).toBe(0);
      await checkEnglish(page, 'task-form', '[data-testid="task-form"]');
      await shootAll(page, 'task-form-error', async () => {
        await page.getByTestId('task-form').waitFor();
        await page.getByTestId('complete-submit').click();
        await fieldError(page, form, '风险评分').waitFor();
      });
      // then: on a phone the page does not scroll sideways
      await page.setViewportSize(PHONE);
      await expectNoSideScroll(page);
      await page.setViewportSize(DESKTOP);
      // and turning back to a wide screen keeps what was typed
      await page.getByTestId('task-form-canvas').waitFor();
      expect(await page.locator(`${form} textarea`).inputValue()).toBe('上课时情绪低落，多次哭泣');

      // given: the lead tightens the form on the server after the page loaded (minimum 5)
      const latest = await api('GET', `/api/forms/${formId}`, lead.token);
      const tightened = {
        ...latest.schema,
        components: (latest.schema.components as { key?: string; validate?: object }[]).map((component) =>
          component.key === 'riskScore'
            ? { ...component, validate: { ...component.validate, min: 5 } }
            : component,
        ),
      };
      const deployed = await call(stack.baseUrl, 'POST', '/api/forms', {
        token: lead.token,
        body: { formId, schema: tightened },
      });
      expect(deployed.status).toBe(201);

      // when: the teacher sends a score the page's form (minimum 1) accepts
      await page.locator(`${form} input.fjs-input`).first().fill('3');
      await page.getByTestId('complete-submit').click();
      // then: the server's 400 appears under that field, in Chinese, and the task stays open
      await expectText(fieldError(page, form, '风险评分'), '不能小于 5');
      await expectText(
        page.getByTestId('task-form-server-invalid'),
        '服务器未接受提交：请改正标红的字段（表单可能刚被更新）',
      );
      await shoot(page, 'task-form-server-error-1366-zh-CN');
      await checkEnglish(page, 'task-form after the server', '[data-testid="task-form"]');

      // when: a good score is sent
      await page.locator(`${form} input.fjs-input`).first().fill('7');
      await page.getByTestId('complete-submit').click();
      // then: the task is done, with the form's data on the case
      await page.getByTestId('task-completed-message').waitFor();
      await page.getByTestId('inbox-page').waitFor();
      await page.getByTestId(`task-row-${taskId}`).waitFor({ state: 'detached' });
      const detail = await eventually(
        () => api('GET', `/api/instances/${started.id}`, world.adminToken),
        (instance) => instance.variables?.riskScore === 7,
        'the case with the form data',
      );
      expect(detail.variables.situation).toBe('上课时情绪低落，多次哭泣');
    } finally {
      await page.context().close();
    }
  }, 240_000);

  it('shows no English in the Chinese editor, preview, forms list and task form', () => {
    expect(english).toEqual({});
  });

  it('raised no Content-Security-Policy violation on any page', () => {
    expect(cspViolations).toEqual([]);
  });
});
