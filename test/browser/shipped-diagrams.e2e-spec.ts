// The shipped care pathway (docs/pathway.md) in the psychology lead's modeler: each diagram of
// processes/, deployed as ./scripts/up deploys it, opens in the browser with no lint error and
// no lint warning, and a screenshot of each at 1366 px (and of crisis-care's parts at full size)
// is kept for a person to judge the layout (PATHWAY_SHOTS, default /tmp/carepath-shots).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { shippedDeployments } from '../../scripts/lib/shipped-processes.mjs';
import { callOk, login } from '../support/api-client';
import { ensureWebBuilt, eventually, launchChromium, signIn, STEP_TIMEOUT } from '../support/browser';
import { modelerReady } from '../support/modeler-ui';
import { startStack, type Stack } from '../support/stack';

const SHOTS = process.env.PATHWAY_SHOTS ?? '/tmp/carepath-shots';
const deployments = shippedDeployments(join(__dirname, '..', '..', 'processes'));

describe('the shipped diagrams in the modeler (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack();
    const adminToken = await login(stack.baseUrl, 'admin', stack.adminPassword);
    for (const { body } of deployments) {
      const deployed = await callOk(stack.baseUrl, 'POST', '/api/definitions', adminToken, body);
      expect([deployed.key, deployed.warnings]).toEqual([deployed.key, []]);
    }
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, stack.baseUrl, { username: 'admin', password: stack.adminPassword });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  }, 60_000);

  /** The lint problems on the canvas: each element with its messages, as the overlays show them. */
  async function lintProblems(): Promise<{ state: string; problems: string[] }> {
    const button = page.locator('.bjsl-button');
    await button.waitFor();
    // lint runs after the import; its button leaves the inactive state when it has run
    await eventually(
      async () => ({
        state: (await button.getAttribute('class')) ?? '',
        text: (await button.textContent()) ?? '',
      }),
      ({ state, text }) => !state.includes('bjsl-button-inactive') && text.trim() !== '',
      'the lint result',
    );
    const state = (await button.getAttribute('class')) ?? '';
    const problems = await page.locator('.djs-overlays').evaluateAll((overlays) =>
      overlays.flatMap((overlay) => {
        const messages = [...overlay.querySelectorAll('.bjsl-dropdown .message, .bjsl-issues li')].map(
          (m) => m.textContent?.trim() ?? '',
        );
        return messages.length === 0
          ? []
          : [`${overlay.getAttribute('data-container-id')}: ${messages.join(' | ')}`];
      }),
    );
    return { state, problems };
  }

  /** The canvas's zoom, read from its viewport's transform. */
  const zoom = async () => {
    const transform =
      (await page.locator('.djs-container svg .viewport').first().getAttribute('transform')) ?? '';
    return Number(/matrix\(([-\d.e]+)/.exec(transform)?.[1] ?? '1');
  };

  /** Scrolls the canvas until the element's left edge is at x and the case's top at y (page pixels). */
  async function scrollTo(elementId: string, x: number, y: number): Promise<void> {
    for (let tries = 0; tries < 12; tries += 1) {
      const element = (await page
        .locator(`.djs-element[data-element-id="${elementId}"]`)
        .first()
        .boundingBox())!;
      const care = (await page.locator('.djs-element[data-element-id="care"]').first().boundingBox())!;
      const [dx, dy] = [element.x - x, care.y - y];
      if (Math.abs(dx) < 20 && Math.abs(dy) < 20) return;
      await page.mouse.wheel(dx, dy);
      await page.waitForTimeout(100);
    }
  }

  /** Zooms in to a size a person reads, and shoots the diagram from left to right. */
  async function shootInParts(key: string): Promise<void> {
    for (let clicks = 0; clicks < 12 && (await zoom()) < 0.7; clicks += 1)
      await page.getByTestId('modeler-zoom-in').click();
    const canvas = (await page.getByTestId('modeler-canvas').boundingBox())!;
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    const parts = ['case-opened', 'risk-branch', 'referral-merge', 'reassessment-merge'];
    for (const [index, elementId] of parts.entries()) {
      await scrollTo(elementId, canvas.x + 150, canvas.y + 40);
      await page.screenshot({ path: join(SHOTS, `pathway-${key}-part${index + 1}.png`) });
    }
  }

  it.each(
    deployments.map(({ file, body }) => [file, /<bpmn:process id="([^"]+)"/.exec(body.xml)![1]!] as const),
  )(
    '%s opens in the modeler without a lint error or warning',
    async (file, key) => {
      await page.goto(`${stack.baseUrl}/#/modeler/${key}`);
      await modelerReady(page);
      await page.locator('.djs-element').first().waitFor();
      const { state, problems } = await lintProblems();
      expect([file, problems]).toEqual([file, []]);
      expect(state).toContain('bjsl-button-success');
      await page.screenshot({ path: join(SHOTS, `pathway-${key}.png`) });
      if (key === 'crisis-care') await shootInParts(key);
      expect(pageErrors).toEqual([]);
    },
    120_000,
  );
});
