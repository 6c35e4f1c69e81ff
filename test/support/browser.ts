// What every browser test shares: Debian's chromium through playwright-core (no browser
// downloads here), the built web app the api serves, and waits that tolerate a worker moving a
// case on in its own time.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const STEP_TIMEOUT = 20_000;

const repoRoot = join(__dirname, '..', '..');
const webRoot = join(repoRoot, 'apps', 'web');
const builtIndex = join(repoRoot, 'dist', 'web', 'index.html');

/**
 * Headless, and quiet on the network: without the background-networking flags Chromium keeps
 * trying hosts this machine cannot reach.
 */
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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

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
export function ensureWebBuilt(): void {
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newestMtime(webRoot)) return;
  const viteBin = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(
    process.execPath,
    [viteBin, 'build', '--config', join(webRoot, 'vite.config.ts'), '--logLevel', 'warn'],
    { cwd: repoRoot, stdio: 'inherit' },
  );
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits until the locator shows exactly `text` (the UI re-renders on language switch). */
export async function expectText(locator: Locator, text: string): Promise<void> {
  await locator
    .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) })
    .first()
    .waitFor({ timeout: STEP_TIMEOUT });
}

/** Picks the option labelled `label` in the Ant Design select with the test id `testId`. */
export async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) })
    .first()
    .click({ timeout: STEP_TIMEOUT });
}

/**
 * Types `text` into the user picker `picker` and picks `username` once the search's own answer
 * is in (GET /api/users?q=, debounced): clicking an option of the list before it would click a
 * row the new answer replaces, and nothing is picked.
 */
export async function pickUser(page: Page, picker: Locator, text: string, username: string): Promise<void> {
  const searched = page.waitForResponse(
    (response) => response.url().includes('/api/users?') && response.url().includes('q='),
  );
  await picker.click();
  await page.keyboard.type(text);
  await searched;
  const option = page.locator(`[data-testid="user-option-${username}"]`);
  await option.click({ timeout: STEP_TIMEOUT });
  await option.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
}

/** Polls until `check` passes: the worker moves cases on in its own time. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Follows a report's menu entry (`nav-monthlyReport`, `nav-lateSteps`): under the 报表 group when
 * the user has several reports (the group opens on hover), on the bar itself otherwise.
 */
export async function openReportFromMenu(page: Page, testId: string): Promise<void> {
  const group = page.getByTestId('nav-reports');
  if ((await group.count()) > 0) await group.hover();
  await page.getByTestId(testId).click({ timeout: STEP_TIMEOUT });
}

/**
 * The page does not scroll sideways (the phone rule, docs/web.md). Right after a viewport change
 * antd re-renders for the new breakpoint on its own schedule, so the width is read until it fits
 * (up to 5 s); if it never does, the error names the widest elements that stick out.
 */
export async function expectNoSideScroll(page: Page): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const overflow = (await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    )) as number;
    if (overflow <= 0) return;
    if (Date.now() > deadline) {
      const culprits = await page.evaluate(`Array.from(document.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
        .slice(0, 5)
        .map((el) => el.tagName.toLowerCase() + (el.getAttribute('data-testid') ? '[data-testid=' + el.getAttribute('data-testid') + ']' : '') + '.' + String(el.className).split(' ').slice(0, 2).join('.'))`);
      throw new Error(`the page scrolls sideways by ${overflow} px: ${JSON.stringify(culprits)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Visible texts and title/placeholder/aria-label values below a selector, run in the page (a
 * string: the test project compiles without the DOM's types). Text inside the canvas's SVG
 * labels and editable fields is what the user wrote, so it is skipped.
 */
const COLLECT_TEXTS = `(root) => {
  const out = [];
  const container = document.querySelector(root);
  if (!container) return out;
  const visible = (element) => {
    if (!element) return false;
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.tagName === 'SCRIPT' || parent.tagName === 'STYLE') continue;
    if (parent.closest('svg, [contenteditable], textarea, input')) continue;
    const text = (node.textContent || '').trim();
    if (text && visible(parent)) out.push(text);
  }
  for (const element of Array.from(container.querySelectorAll('[title],[placeholder],[aria-label]'))) {
    if (!visible(element)) continue;
    // Ant Design's icons name their glyph (aria-label="down", "calendar"): the icon set's ids,
    // not words of the app's, and the same in every language.
    if (element.classList.contains('anticon')) continue;
    for (const name of ['title', 'placeholder', 'aria-label']) {
      const value = (element.getAttribute(name) || '').trim();
      if (value) out.push(value);
    }
  }
  return out;
}`;

/**
 * A form id a browser spec saved (`<words>-<unique()>`): specs share one database, and every
 * signed-in user may list every form, so one spec's forms list shows the ids another typed.
 */
export const TEST_FORM_ID = /^[a-z][a-z-]*-[0-9a-f]{8}$/;

/**
 * English words a Chinese-speaking user would see under `selector`: visible text and the
 * title, placeholder and aria-label attributes, each checked for a run of two or more Latin
 * letters that is not in `allowed` (the product's name, ids the user typed, units such as FEEL).
 * Returns the offending strings, so a test can fail naming them.
 */
export async function englishStringsIn(
  page: Page,
  selector: string,
  allowed: readonly (string | RegExp)[] = [],
): Promise<string[]> {
  const found = (await page.evaluate(`(${COLLECT_TEXTS})(${JSON.stringify(selector)})`)) as string[];
  const isAllowed = (word: string) =>
    allowed.some((rule) => (typeof rule === 'string' ? rule === word : rule.test(word)));
  return [
    ...new Set(
      found.filter((text) => {
        const words = text.match(/[A-Za-z]{2,}/g) ?? [];
        return words.some((word) => !isAllowed(word) && !isAllowed(text));
      }),
    ),
  ];
}

/** Switches the app's language with the header's 中文 | EN switch. */
export async function switchLanguage(page: Page, language: 'zh-CN' | 'en') {
  await page.getByTestId(`language-${language}`).first().click();
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
}

/** Signs `person` in through the login page of the app at `baseUrl`, and waits for the app. */
export async function signIn(page: Page, baseUrl: string, person: { username: string; password: string }) {
  await page.goto(baseUrl);
  await page.getByTestId('login-username').fill(person.username);
  await page.getByTestId('login-password').fill(person.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};

/**
 * Serves a built test harness from `dir` on a free local port (module scripts do not load from
 * file://); nothing outside `dir` is answered.
 */
export async function serveStatic(dir: string): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(dir, path === '/' ? 'index.html' : path);
    try {
      if (!file.startsWith(dir)) throw new Error('outside the harness');
      const body = readFileSync(file);
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
