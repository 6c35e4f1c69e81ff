// A sealed case file in the browser (docs/api.md#sealed-and-purged-cases): the principal opening
// it is asked why, reads it once the reason is given, and sees when it was sealed; the page
// speaks Chinese only, and fits a phone. Drives Debian's chromium through playwright-core.
import { type Browser, type Page } from 'playwright-core';
import { buildWorld, call, createPerson, eventually, unique, type World } from '../support/api-client';
import { chain, diagram, userTask } from '../support/bpmn-xml';
import {
  englishStringsIn,
  ensureWebBuilt,
  launchChromium,
  signIn,
  STEP_TIMEOUT,
  switchLanguage,
  expectNoSideScroll,
} from '../support/browser';
import { startStack, type Stack } from '../support/stack';

const SHOTS = '/tmp/carepath-shots';

jest.setTimeout(120_000);

describe('a sealed case file in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  let world: World;
  let caseId: string;
  let principal: Awaited<ReturnType<typeof createPerson>>;

  beforeAll(async () => {
    ensureWebBuilt();
    stack = await startStack();
    world = await buildWorld(stack);
    principal = await createPerson(stack, world.adminToken, 'principal', world.units.schoolA, '王校长');
    // a case whose file is sealed at once, then waits (as crisis-care does during its retention)
    const key = `sealed-${unique()}`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="start" />
       <bpmn:serviceTask id="seal-file" name="封存档案">
         <bpmn:extensionElements><zeebe:taskDefinition type="seal-case" /></bpmn:extensionElements>
       </bpmn:serviceTask>
       ${userTask('retention', { groups: 'principal', name: '保存期' })}
       <bpmn:endEvent id="end" />`,
      { flows: chain('start', 'seal-file', 'retention', 'end') },
    );
    const deployed = await call(stack.baseUrl, 'POST', '/api/definitions', {
      token: world.adminToken,
      body: { xml },
    });
    if (deployed.status !== 201) throw new Error(`deploy: ${JSON.stringify(deployed.body)}`);
    const started = await call(stack.baseUrl, 'POST', '/api/instances', {
      token: world.psychA.token,
      body: {
        definitionKey: key,
        orgUnitId: world.units.classA,
        variables: { concern: '学生在周记中流露轻生念头' },
      },
    });
    caseId = started.body.id as string;
    await eventually(async () => {
      const read = await call(stack.baseUrl, 'GET', `/api/instances/${caseId}`, { token: principal.token });
      return read.status === 403 ? true : undefined;
    });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function openCase(width: number, language: 'zh-CN' | 'en'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await signIn(page, stack.baseUrl, principal);
    if (language === 'en') await switchLanguage(page, 'en');
    await page.goto(`${stack.baseUrl}/#/cases/${caseId}`);
    return page;
  }

  it('asks the reader why, then shows the case and when it was sealed', async () => {
    const page = await openCase(1366, 'zh-CN');
    // asked for a reason, nothing of the case shown, no history
    await page.getByTestId('sealed-reason').waitFor();
    expect(await page.getByTestId('sealed-reason').innerText()).toContain('该个案档案已封存');
    expect(await page.getByTestId('case-id').count()).toBe(0);
    expect(await englishStringsIn(page, '[data-testid="case-page"]')).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/sealed-case-ask-1366-zh-CN.png`, fullPage: true });

    // an empty reason does not send anything
    await page.getByTestId('sealed-reason-submit').click();
    expect(await page.getByTestId('case-id').count()).toBe(0);

    // with a reason the case opens, with its sealing time and its history
    await page.getByTestId('sealed-reason-input').fill('区教育局倒查复核');
    await page.getByTestId('sealed-reason-submit').click();
    await page.getByTestId('case-id').waitFor();
    expect(await page.getByTestId('case-id').innerText()).toBe(caseId);
    await page.getByTestId('case-sealed').waitFor();
    expect(await page.getByTestId('sealed-reason').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/sealed-case-open-1366-zh-CN.png`, fullPage: true });
    await page.context().close();
  });

  it('fits a phone and reads in English', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const page = await openCase(375, language);
      await page.getByTestId('sealed-reason').waitFor();
      await expectNoSideScroll(page);
      if (language === 'en') expect(await page.getByTestId('sealed-reason').innerText()).toContain('sealed');
      await page.screenshot({ path: `${SHOTS}/sealed-case-ask-375-${language}.png`, fullPage: true });
      await page.context().close();
    }
  });
});
