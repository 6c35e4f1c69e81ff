// The browser app against a booted api + worker: a psychology teacher signs in (zh-CN by
// default), completes the task of a seeded case from the inbox, finds the case completed with
// its history, and switches the UI to English. Drives Debian's chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { login, seedSchoolWithCase } from '../support/api-client';
import { startStack, type Stack } from '../support/stack';

const repoRoot = join(__dirname, '..', '..');
const webRoot = join(repoRoot, 'apps', 'web');
const builtIndex = join(repoRoot, 'dist', 'web', 'index.html');
const INBOX_SCREENSHOT = '/tmp/carepath-inbox.png';
const CASE_SCREENSHOT = '/tmp/carepath-case.png';
const STEP_TIMEOUT = 20_000;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The api serves dist/web; build it when it is missing or older than the sources. */
function ensureWebBuilt(): void {
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newestMtime(webRoot)) return;
  const viteBin = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(
    process.execPath,
    [viteBin, 'build', '--config', join(webRoot, 'vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
}

/** Clicks `refresh` until `target` is visible: the worker may take a moment to move a case on. */
async function refreshUntilVisible(
  page: Page,
  target: Locator,
  refresh: Locator,
  what: string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await target.isVisible())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(1_000);
    await refresh.click();
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits until the locator shows exactly `text` (the UI re-renders on language switch). */
async function expectText(locator: Locator, text: string): Promise<void> {
  await locator
    .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) })
    .first()
    .waitFor({
      timeout: STEP_TIMEOUT,
    });
}

describe('web app (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seeded: Awaited<ReturnType<typeof seedSchoolWithCase>>;

  beforeAll(async () => {
    ensureWebBuilt();
    stack = await startStack();
    seeded = await seedSchoolWithCase(stack);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it('lets a teacher complete a task and read the completed case, in Chinese and English', async () => {
    const { teacher, instanceId, taskId } = seeded;
    // History may name the actor by username or by user id; learn the id through the api.
    const token = await login(stack.baseUrl, teacher.username, teacher.password);
    const meResponse = await fetch(`${stack.baseUrl}/api/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const teacherId = ((await meResponse.json()) as { id: string }).id;

    // given: the login page, in Chinese by default
    await page.goto(stack.baseUrl);
    await expectText(page.getByTestId('login-title'), '登录');
    await expectText(page.getByTestId('login-submit'), '登录');

    // when: the teacher signs in
    await page.getByTestId('login-username').fill(teacher.username);
    await page.getByTestId('login-password').fill(teacher.password);
    await page.getByTestId('login-submit').click();

    // then: the inbox lists the seeded task
    await expectText(page.getByTestId('page-title'), '我的待办');
    await expectText(page.getByTestId('nav-inbox'), '待办');
    await page.getByTestId('current-user').waitFor();
    const row = page.getByTestId(`task-row-${taskId}`);
    await row.waitFor();
    await page.screenshot({ path: INBOX_SCREENSHOT, fullPage: true });

    // when: it is completed with one variable
    await page.getByTestId(`complete-${taskId}`).click();
    await page.getByTestId(`complete-panel-${taskId}`).waitFor();
    await page.getByTestId('variable-key-0').fill('riskLevel');
    await page.getByTestId('variable-value-0').fill('low');
    await page.getByTestId('complete-submit').click();

    // then: it leaves the inbox
    await page.getByTestId('inbox-notice').waitFor();
    await row.waitFor({ state: 'detached' });

    // when: the teacher lists the completed cases and opens the seeded one
    await page.getByTestId('nav-cases').click();
    await expectText(page.getByTestId('page-title'), '个案');
    await page.getByTestId('cases-state-filter').selectOption('completed');
    const caseLink = page.getByTestId(`case-link-${instanceId}`);
    await refreshUntilVisible(
      page,
      caseLink,
      page.getByTestId('cases-refresh'),
      `case ${instanceId} in the list`,
    );
    await caseLink.click();
    await expectText(page.getByTestId('case-id'), instanceId);

    // then: the case is completed, nothing is active, and the history names the teacher
    const completed = page.locator('[data-testid="case-state"][data-state="completed"]');
    await refreshUntilVisible(
      page,
      completed,
      page.getByTestId('case-refresh'),
      `case ${instanceId} completed`,
    );
    await expectText(completed, '已完成');
    await page.getByTestId('active-elements-empty').waitFor();
    await page.getByTestId('case-history').waitFor();
    expect(await page.getByTestId('history-entry').count()).toBeGreaterThan(1);
    const actorNames = new RegExp(`${escapeRegExp(teacher.username)}|${escapeRegExp(teacherId)}`);
    await page.getByTestId('history-entry').filter({ hasText: actorNames }).first().waitFor();
    await page.screenshot({ path: CASE_SCREENSHOT, fullPage: true });

    // when: the language is switched to English
    await page.getByTestId('language-switch').selectOption('en');

    // then: the labels are English, and the choice survives a reload
    await expectText(page.getByTestId('page-title'), 'Case');
    await expectText(page.getByTestId('nav-cases'), 'Cases');
    await expectText(page.getByTestId('case-state'), 'Completed');
    await page.reload();
    await expectText(page.getByTestId('nav-inbox'), 'Inbox');
    await page.getByTestId('nav-inbox').click();
    await expectText(page.getByTestId('page-title'), 'My tasks');
  }, 180_000);
});
