// A case's confidentiality in the browser (docs/security.md): its principal sees who read it and
// places a legal hold with a reason; another school's principal, who cannot see the case, asks
// for emergency access (紧急查阅) and reads it under a banner saying until when. Both
// languages, 1366 and 375 px. Drives Debian's chromium through playwright-core.
import { mkdirSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import {
  buildWorld,
  call,
  createPerson,
  eventually,
  type Person,
  unique,
  type World,
} from '../support/api-client';
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

const SHOTS = process.env.CAREPATH_SHOTS ?? '/tmp/carepath-shots/confidential';

jest.setTimeout(180_000);

describe('who read a case, legal hold and 紧急查阅 in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  let world: World;
  let caseId: string;
  let principalA: Person;
  let principalB: Person;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBuilt();
    stack = await startStack();
    world = await buildWorld(stack);
    principalA = await createPerson(stack, world.adminToken, 'principal', world.units.schoolA, '王校长');
    principalB = await createPerson(stack, world.adminToken, 'principal', world.units.schoolB, '李校长');
    const key = `confidential-web-${unique()}`;
    const xml = diagram(
      key,
      `<bpmn:startEvent id="start" />
       ${userTask('assess', { groups: 'psychTeacher', name: '初步评估' })}
       <bpmn:endEvent id="end" />`,
      { flows: chain('start', 'assess', 'end') },
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
    // the psychology teacher reads the case: the first read its principal will see listed
    await eventually(async () => {
      const read = await call(stack.baseUrl, 'GET', `/api/instances/${caseId}`, {
        token: world.psychA.token,
      });
      return read.status === 200 && read.body.openTasks.length > 0 ? true : undefined;
    });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function openCase(person: Person, width: number, language: 'zh-CN' | 'en'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await signIn(page, stack.baseUrl, person);
    if (language === 'en') await switchLanguage(page, 'en');
    await page.goto(`${stack.baseUrl}/#/cases/${caseId}`);
    return page;
  }

  it('shows the principal who read the case, and places a legal hold with a reason', async () => {
    const page = await openCase(principalA, 1366, 'zh-CN');
    await page.getByTestId('case-reads').waitFor();
    await page.locator('[data-testid="case-read"][data-action="instance.read"]').first().waitFor();
    expect(await page.getByTestId('case-reads').innerText()).toContain('psych-a');
    expect(await page.getByTestId('legal-hold-badge').count()).toBe(0);

    await page.getByTestId('legal-hold-place').click();
    await page.getByTestId('legal-hold-dialog').waitFor();
    await page.getByTestId('legal-hold-dialog-reason').fill('家长提起诉讼，律师函要求保全档案');
    await page.getByTestId('legal-hold-dialog-submit').click();
    await page.getByTestId('legal-hold-badge').waitFor();
    expect(await page.getByTestId('legal-hold-badge').innerText()).toContain('法律保全中');
    await page.getByTestId('legal-hold-release').waitFor();
    // the hold is listed with its reason
    await page.locator('[data-testid="case-read"][data-action="case.legalHold.placed"]').waitFor();
    expect(await page.getByTestId('case-read-reason').first().innerText()).toContain('律师函');
    expect(await englishStringsIn(page, '[data-testid="case-reads"]', [/^psych-a$/])).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/case-reads-hold-1366-zh-CN.png`, fullPage: true });
    await page.context().close();
  });

  it('lets another school’s principal ask for 紧急查阅 and read the case under a banner', async () => {
    const page = await openCase(principalB, 1366, 'zh-CN');
    await page.getByTestId('break-glass-offer').waitFor();
    expect(await page.getByTestId('case-id').count()).toBe(0);
    expect(await page.getByTestId('break-glass-offer').innerText()).toContain('4 小时');
    await page.screenshot({ path: `${SHOTS}/break-glass-offer-1366-zh-CN.png`, fullPage: true });

    await page.getByTestId('break-glass-start').click();
    await page.getByTestId('break-glass-dialog').waitFor();
    await page.getByTestId('break-glass-dialog-reason').fill('该生转入本校，需了解既往危机干预情况');
    await page.screenshot({ path: `${SHOTS}/break-glass-dialog-1366-zh-CN.png`, fullPage: true });
    await page.getByTestId('break-glass-dialog-submit').click();
    await page.getByTestId('break-glass-banner').waitFor();
    expect(await page.getByTestId('break-glass-banner').innerText()).toMatch(/紧急查阅，有效至 \d{2}:\d{2}/);
    expect(await page.getByTestId('case-id').innerText()).toBe(caseId);
    expect(await page.getByTestId('case-variable-concern').innerText()).toContain('轻生');
    // read-only: no hold, no reassigning, no reads list
    expect(await page.getByTestId('legal-hold-place').count()).toBe(0);
    expect(await page.getByTestId('case-reads').count()).toBe(0);
    // the compliance review is read under the grant as well (倒查 across schools)
    await page.getByTestId('case-compliance').waitFor();
    await page.screenshot({ path: `${SHOTS}/break-glass-banner-1366-zh-CN.png`, fullPage: true });
    await page.context().close();
  });

  it('fits a phone and reads in English, for both principals', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      for (const width of [375, 1366]) {
        if (width === 1366 && language === 'zh-CN') continue;
        const mine = await openCase(principalA, width, language);
        await mine.locator('[data-testid="case-read"][data-via="breakGlass"]').first().waitFor();
        await expectNoSideScroll(mine);
        if (language === 'en') {
          expect(await mine.getByTestId('case-reads').innerText()).toContain('Emergency access');
          expect(await mine.getByTestId('legal-hold-badge').innerText()).toContain('Legal hold');
        }
        await mine.screenshot({ path: `${SHOTS}/case-reads-hold-${width}-${language}.png`, fullPage: true });
        // the principal was told, in their language and without the case's content
        await mine.getByTestId('notification-bell').click();
        const notice = mine.locator(
          `[data-kind="case.breakGlass"][data-instance-id="${caseId}"] [data-testid="notification-title"]`,
        );
        await notice.waitFor();
        expect(await notice.innerText()).toContain(
          language === 'en' ? '李校长 was given emergency access' : '李校长 获准紧急查阅',
        );
        expect(await mine.getByTestId('notification-list').innerText()).not.toContain('轻生');
        await mine.waitForTimeout(400); // the popover's fade-in, for a readable picture
        await mine.screenshot({ path: `${SHOTS}/break-glass-notice-${width}-${language}.png` });
        await mine.context().close();

        const theirs = await openCase(principalB, width, language);
        await theirs.getByTestId('break-glass-banner').waitFor();
        await expectNoSideScroll(theirs);
        if (language === 'en')
          expect(await theirs.getByTestId('break-glass-banner').innerText()).toMatch(
            /Emergency access, valid until \d{2}:\d{2}/,
          );
        await theirs.screenshot({
          path: `${SHOTS}/break-glass-banner-${width}-${language}.png`,
          fullPage: true,
        });
        await theirs.context().close();
      }
    }
  });
});
