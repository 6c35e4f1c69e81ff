// The versions page (#/definitions/<key>, docs/versions.md) in chromium against the built app: a
// district pathway in two versions (version 2 adds a task, renames one, changes a candidate
// group and a due date, removes one), a case on version 1 at school A. The district's lead sees
// both versions with their deployer and running cases, draws version 1, and compares 1 → 2: the
// list names what changed and the diagram marks exactly those elements. Screenshots at 1366 px
// and 375 px, in Chinese and English, go to /tmp/carepath-shots/.
import { mkdirSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildWorld, call, createPerson, unique, type Person, type World } from '../support/api-client';
import {
  englishStringsIn,
  ensureWebBuilt,
  expectText,
  launchChromium,
  signIn,
  STEP_TIMEOUT,
  switchLanguage,
  expectNoSideScroll,
} from '../support/browser';
import { modelerReady } from '../support/modeler-ui';
import { type Stack, startStack } from '../support/stack';
import { EXPECTED_CHANGES, versionOne, versionTwo } from '../support/version-diagrams';

const SHOTS = '/tmp/carepath-shots';
const LEAD_NAME = '王老师';

/**
 * Latin text a Chinese user may rightly see on this page: the process key they chose, FEEL
 * expressions they wrote (a due date), and the bpmn.io watermark's title, which its licence
 * keeps as it is.
 */
const allowedLatin = (key: string): (string | RegExp)[] => [key, /^=/, 'Powered by bpmn.io'];

describe('versions page (browser)', () => {
  let stack: Stack;
  let world: World;
  let browser: Browser;
  const key = `versions-${unique()}`;
  let lead: Person;
  const cspViolations: string[] = [];
  /** Uncaught errors in the page (a viewer torn down mid-import would show here). */
  const pageErrors: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack();
    world = await buildWorld(stack);
    lead = await createPerson(stack, world.adminToken, 'psychLead', world.units.district, LEAD_NAME);
    const leadToken = lead.token;
    for (const xml of [versionOne(key), versionTwo(key)]) {
      const deployed = await call(stack.baseUrl, 'POST', '/api/definitions', {
        token: leadToken,
        body: { xml, ownerUnitId: world.units.district },
      });
      if (deployed.status !== 201)
        throw new Error(`deploy: ${deployed.status} ${JSON.stringify(deployed.body)}`);
    }
    const started = await call(stack.baseUrl, 'POST', '/api/instances', {
      token: world.psychA.token,
      body: { definitionKey: key, version: 1, orgUnitId: world.units.classA },
    });
    // 201 with the case, or 202 while its first step is still being written: both started it.
    if (started.status !== 201 && started.status !== 202)
      throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.close();
  }, 60_000);

  async function signedIn(width: number, height: number, hasTouch = false): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, hasTouch });
    contexts.push(context);
    context.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(STEP_TIMEOUT);
    await signIn(page, stack.baseUrl, lead);
    return page;
  }

  /** The ids of the diagram's elements that carry `marker`. */
  const marked = (page: Page, marker: string): Promise<string[]> =>
    page
      .locator(`[data-testid="diagram-canvas"] .djs-element.${marker}`)
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id') ?? '').sort());

  const sorted = (ids: string[]) => [...ids].sort();

  /** The diagram's scale and horizontal offset (its viewport group's transform matrix). */
  async function viewport(page: Page): Promise<{ scale: number; x: number }> {
    const transform = await page
      .locator('[data-testid="diagram-canvas"] svg g.viewport')
      .first()
      .getAttribute('transform');
    const [scale = NaN, , , , x = NaN] = (/matrix\(([^)]*)\)/.exec(transform ?? '')?.[1] ?? '')
      .split(/[ ,]+/)
      .map(Number);
    return { scale, x };
  }

  async function openCompare(page: Page): Promise<void> {
    await page.getByTestId('versions-mode-compare').click();
    await page.getByTestId('changes-list').waitFor();
    await page.locator('[data-testid="diagram-viewer"][data-state="ready"]').waitFor();
  }

  it('lists the versions, draws one, and shows what changed between two, marked on the diagram', async () => {
    const page = await signedIn(1366, 900);

    // when: the lead opens the process from the definitions list
    await page.goto(`${stack.baseUrl}/#/definitions`);
    await page.getByTestId(`definition-link-${key}`).first().click();
    await expectText(page.getByTestId('page-title'), '流程版本');
    await expectText(page.getByTestId('versions-key'), key);

    // then: both versions, newest first, with who deployed them and the running cases
    await expectText(page.getByTestId('version-running-1'), '1');
    await expectText(page.getByTestId('version-running-2'), '0');
    await expectText(page.getByTestId('version-deployer-1'), LEAD_NAME);
    await expectText(page.getByTestId('version-deployer-2'), LEAD_NAME);
    const rows = await page
      .locator('[data-testid^="version-row-"]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')));
    expect(rows).toEqual(['version-row-2', 'version-row-1']);
    expect(await page.getByTestId('open-in-modeler').getAttribute('href')).toBe(`#/modeler/${key}?version=2`);

    // when: version 1 is viewed
    await page.getByTestId('version-view-1').click();
    await expectText(page.getByTestId('viewing-title'), '版本 1');
    await page.locator('[data-testid="diagram-viewer"][data-state="ready"]').waitFor();

    // then: its diagram is drawn read-only, with the task version 2 removes, and no markers
    await page.locator('[data-testid="diagram-canvas"] .djs-element[data-element-id="followUp"]').waitFor();
    expect(await page.locator('[data-testid="diagram-canvas"] [data-element-id="report"]').count()).toBe(0);
    expect(await page.getByTestId('open-in-modeler').getAttribute('href')).toBe(`#/modeler/${key}?version=1`);
    await page.getByTestId('viewer-zoom-in').click();
    await page.getByTestId('viewer-fit').click();
    expect(await englishStringsIn(page, '[data-testid="versions-page"]', allowedLatin(key))).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/versions-view-1366-zh.png`, fullPage: true });

    // when: versions 1 and 2 are compared
    await openCompare(page);

    // then: the list names each added, removed and changed element in Chinese, with what changed
    const addedIds = await page
      .locator('[data-testid^="change-added-"]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id') ?? ''));
    expect(sorted(addedIds)).toEqual(sorted(EXPECTED_CHANGES.added));
    await expectText(page.locator('[data-testid="change-added-report"] .change-title'), '上报督导');
    await expectText(page.locator('[data-testid="change-added-report"] .change-type'), '用户任务');
    await expectText(page.locator('[data-testid="change-removed-followUp"] .change-title'), '电话回访');
    await expectText(page.locator('[data-testid="change-changed-assess"] .change-title'), '心理风险初评');
    const assessChange = page.getByTestId('change-property-assess');
    await expectText(assessChange.locator('.change-before'), '初步评估');
    const interview = page.getByTestId('change-property-interview');
    await interview
      .filter({ hasText: '候选组' })
      .locator('.change-before')
      .filter({ hasText: '班主任' })
      .waitFor();
    await interview
      .filter({ hasText: '候选组' })
      .locator('.change-after')
      .filter({ hasText: '年级组长' })
      .waitFor();
    await interview.filter({ hasText: '截止时间' }).waitFor();
    await expectText(page.getByTestId('changes-summary'), '新增 3 项，删除 3 项，修改 2 项，仅布局调整 0 项');

    // and: the newer diagram marks exactly the added and changed elements
    expect(await marked(page, 'cp-diff-added')).toEqual(sorted(EXPECTED_CHANGES.added));
    expect(await marked(page, 'cp-diff-changed')).toEqual(sorted(EXPECTED_CHANGES.changed));
    expect(await marked(page, 'cp-diff-removed')).toEqual([]);
    expect(await englishStringsIn(page, '[data-testid="versions-page"]', allowedLatin(key))).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/versions-compare-1366-zh.png`, fullPage: true });

    // when: a removed element is picked in the list
    await page.locator('[data-testid="change-removed-followUp"] .change-item').click();

    // then: the older diagram shows, marking exactly the removed (and changed) elements, the pick in focus
    await page
      .locator('[data-testid="diagram-canvas"] .djs-element.cp-focus[data-element-id="followUp"]')
      .waitFor();
    expect(await marked(page, 'cp-diff-removed')).toEqual(sorted(EXPECTED_CHANGES.removed));
    expect(await marked(page, 'cp-diff-changed')).toEqual(sorted(EXPECTED_CHANGES.changed));
    expect(await marked(page, 'cp-diff-added')).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/versions-compare-older-1366-zh.png`, fullPage: true });

    // when: the language is English
    await page.getByTestId('diagram-show-newer').click();
    await switchLanguage(page, 'en');

    // then: the page reads in English
    await expectText(page.getByTestId('page-title'), 'Process versions');
    await expectText(page.locator('[data-testid="change-added-report"] .change-type'), 'User task');
    await expectText(page.getByTestId('changes-summary'), '3 added, 3 removed, 2 changed, 0 moved only');
    await page.screenshot({ path: `${SHOTS}/versions-compare-1366-en.png`, fullPage: true });
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('opens a given version in the modeler, from its address and from the versions page', async () => {
    const page = await signedIn(1366, 900);
    /** Whether the modeler's canvas has an element with this id. */
    const onCanvas = async (id: string) =>
      (await page.locator(`[data-testid="modeler"] .djs-element[data-element-id="${id}"]`).count()) > 0;
    /** Version 1's elements are there and version 2's are not, or the other way round. */
    const expectVersion = async (version: 1 | 2) => {
      // The version label first: after a change of address the previous diagram may still show.
      await expectText(page.getByTestId('modeler-version'), `基于第 ${version} 版`);
      await modelerReady(page);
      const [present, absent] =
        version === 1
          ? [EXPECTED_CHANGES.removed, EXPECTED_CHANGES.added]
          : [EXPECTED_CHANGES.added, EXPECTED_CHANGES.removed];
      for (const id of present) expect(await onCanvas(id)).toBe(true);
      for (const id of absent) expect(await onCanvas(id)).toBe(false);
    };

    // when: the lead opens the address of version 1
    await page.goto(`${stack.baseUrl}/#/modeler/${key}?version=1`);
    // then: the modeler shows version 1 and says so
    await expectVersion(1);

    // when: the key without a version
    await page.goto(`${stack.baseUrl}/#/modeler/${key}`);
    // then: the latest, version 2
    await expectVersion(2);

    // when: the versions page shows version 1 and the lead opens it in the modeler
    await page.goto(`${stack.baseUrl}/#/definitions/${key}`);
    await page.getByTestId('version-view-1').click();
    await expectText(page.getByTestId('viewing-title'), '版本 1');
    await page.getByTestId('open-in-modeler').click();
    // then: the modeler shows the version the page showed
    await expectVersion(1);
    expect(page.url()).toContain(`#/modeler/${key}?version=1`);

    // and: back on the versions page, the latest (shown first) opens as version 2
    await page.goto(`${stack.baseUrl}/#/definitions/${key}`);
    await page.locator('[data-testid="diagram-viewer"][data-state="ready"]').waitFor();
    await page.getByTestId('open-in-modeler').click();
    await expectVersion(2);
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('fits a phone: cards instead of a table, no sideways scrolling, in Chinese and English', async () => {
    const page = await signedIn(375, 812, true);
    await page.goto(`${stack.baseUrl}/#/definitions/${key}`);
    await expectText(page.getByTestId('version-running-1'), '1');
    await page.locator('[data-testid="diagram-viewer"][data-state="ready"]').waitFor();
    await expectNoSideScroll(page);

    await page.screenshot({ path: `${SHOTS}/versions-view-375-zh.png`, fullPage: true });

    // the diagram stays readable, the bpmn.io watermark on screen, and a swipe pans it sideways
    const before = await viewport(page);
    expect(before.scale).toBeGreaterThanOrEqual(0.75);
    const watermark = await page.locator('[data-testid="diagram-canvas"] .bjs-powered-by').boundingBox();
    expect(watermark && watermark.x >= 0 && watermark.x + watermark.width <= 375).toBe(true);
    await page.getByTestId('diagram-canvas').scrollIntoViewIfNeeded();
    const box = await page.getByTestId('diagram-canvas').boundingBox();
    if (!box) throw new Error('the canvas has no box');
    const touch = await page.context().newCDPSession(page);
    const y = box.y + box.height / 2;
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 300, y }] });
    await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 200, y }] });
    await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 100, y }] });
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    expect((await viewport(page)).x).toBeLessThan(before.x - 150);

    await openCompare(page);
    await expectNoSideScroll(page);
    expect(await marked(page, 'cp-diff-added')).toEqual(sorted(EXPECTED_CHANGES.added));
    expect(await englishStringsIn(page, '[data-testid="versions-page"]', allowedLatin(key))).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/versions-compare-375-zh.png`, fullPage: true });

    await switchLanguage(page, 'en');
    await expectText(page.getByTestId('page-title'), 'Process versions');
    await expectNoSideScroll(page);
    await page.screenshot({ path: `${SHOTS}/versions-compare-375-en.png`, fullPage: true });
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
