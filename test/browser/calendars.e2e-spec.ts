// The calendars page (#/calendars, docs/calendars.md#editing-a-calendar) in chromium against the
// built app: a principal sets school A's calendar — a term, a day off — is told under the field
// when the term ends before it starts, saves, and sees the day off in the month preview, after a
// reload too, and the class below inheriting it. A class teacher has no link to the page. No
// English in zh-CN; no horizontal scroll at 375 px. Screenshots go to /work/wt/shots/.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWorld, call, createPerson, type Person, type World } from '../support/api-client';
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
import { type Stack, startStack } from '../support/stack';

jest.setTimeout(240_000);

const SHOTS = process.env.CAREPATH_SHOTS ?? '/work/wt/shots';
/** Latin a Chinese reader rightly sees here: unit names the test world gives, IANA zone names. */
const ALLOWED_LATIN: (string | RegExp)[] = ['School A', 'Grade 7', 'Class 2', /Asia\//];

/** The first day of next month, then its next Wednesday: a weekday the preview always shows. */
function aWeekdayNextMonth(): string {
  const now = new Date();
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  while (day.getUTCDay() !== 3) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

describe('calendars page (browser)', () => {
  let stack: Stack;
  let world: World;
  let browser: Browser;
  let principal: Person;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const dayOff = aWeekdayNextMonth();
  const termStart = `${new Date().getUTCFullYear() - 1}-09-01`;
  const termEnd = `${new Date().getUTCFullYear() + 1}-07-10`;

  beforeAll(async () => {
    ensureWebBuilt();
    mkdirSync(SHOTS, { recursive: true });
    stack = await startStack();
    world = await buildWorld(stack);
    principal = await createPerson(stack, world.adminToken, 'principal', world.units.schoolA, '王校长');
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.close();
  }, 60_000);

  async function signedIn(person: Person, width: number, height: number): Promise<Page> {
    // A Chinese browser, as the schools' are; antd's pickers show the app's zh_CN locale.
    const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.setDefaultTimeout(STEP_TIMEOUT);
    await signIn(page, stack.baseUrl, person);
    return page;
  }

  /** Types a date into an antd DatePicker and commits it (Enter), as a keyboard user would. */
  async function fillDate(page: Page, testId: string, date: string): Promise<void> {
    const input = page.getByTestId(testId);
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    await expect(input.inputValue()).resolves.toBe(date);
  }

  /** Picks a unit in the antd Select by its option's test id. */
  async function pickUnit(page: Page, unitId: string): Promise<void> {
    await page.getByTestId('calendar-unit').click();
    await page.getByTestId(`calendar-unit-${unitId}`).last().click();
  }

  /** Waits until the element shows `text` somewhere in it. */
  const contains = (page: Page, testId: string, text: string) =>
    page.getByTestId(testId).filter({ hasText: text }).first().waitFor({ timeout: STEP_TIMEOUT });

  /** A full-page shot, the sticky header kept at the top rather than drawn over the middle. */
  async function shot(page: Page, name: string): Promise<void> {
    await page.addStyleTag({ content: '.app-header { position: static !important; }' });
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  it('a principal sets the school calendar, is told what is wrong under the field, and sees it applied', async () => {
    const page = await signedIn(principal, 1366, 900);
    // given: the link in the navigation leads to the page, on the principal's school
    await page.getByTestId('nav-calendars').click();
    await expectText(page.getByTestId('page-title'), '校历');
    await contains(page, 'calendar-source', '尚未设置校历');
    await expectText(page.getByTestId('calendar-unit'), 'School A');
    expect(await englishStringsIn(page, '[data-testid="calendars-page"]', ALLOWED_LATIN)).toEqual([]);

    // when: a term is entered that ends before it starts, with a day off
    await page.getByTestId('calendar-add-term').click();
    await page.getByTestId('terms.0.name').fill('本学年');
    await fillDate(page, 'terms.0.start', termStart);
    await fillDate(page, 'terms.0.end', `${new Date().getUTCFullYear() - 1}-08-01`);
    await page.getByTestId('calendar-add-holidays').click();
    await fillDate(page, 'holidays.0', dayOff);
    await page.getByTestId('calendar-save').click();
    // then: the server's problem is under the end date, in Chinese, and nothing is saved
    await contains(page, 'field-error', '早于开始日期');
    expect(await page.getByTestId('calendar-terms').getByTestId('field-error').count()).toBe(1);
    await contains(page, 'calendar-error', '请改正标红的内容');
    await contains(page, 'calendar-source', '尚未设置校历');

    // when: the end date is corrected and the calendar saved
    await fillDate(page, 'terms.0.end', termEnd);
    await page.getByTestId('calendar-save').click();
    // then: saved, the unit's own, and the preview marks the day off
    await contains(page, 'calendar-notice', '已保存');
    await expectText(page.getByTestId('calendar-source'), '正在使用本单位自己的校历');
    await contains(page, 'calendar-updated', '王校长');
    expect(await page.locator(`[data-date="${dayOff}"]`).getAttribute('data-kind')).toBe('holiday');
    await shot(page, 'calendar-1366-zh-CN');

    // and after a reload it is still there, and the class below inherits it
    await page.reload();
    await expectText(page.getByTestId('calendar-source'), '正在使用本单位自己的校历');
    expect(await page.getByTestId('holidays.0').inputValue()).toBe(dayOff);
    await pickUnit(page, world.units.classA);
    await expectText(page.getByTestId('calendar-source'), '正在沿用上级单位“School A”的校历');
    expect(await page.locator(`[data-date="${dayOff}"]`).getAttribute('data-kind')).toBe('holiday');
    const inherited = await call(stack.baseUrl, 'GET', `/api/org-units/${world.units.classA}/calendar`, {
      token: world.classTeacherA.token,
    });
    expect(inherited.body).toMatchObject({ source: 'inherited', holidays: [dayOff] });

    // English, side by side
    await pickUnit(page, world.units.schoolA);
    await switchLanguage(page, 'en');
    await expectText(page.getByTestId('calendar-source'), 'This unit uses its own calendar');
    await shot(page, 'calendar-1366-en');
    expect(pageErrors).toEqual([]);
  });

  it('fits a phone, in both languages', async () => {
    const page = await signedIn(principal, 375, 800);
    await page.goto(`${stack.baseUrl}/#/calendars/${world.units.schoolA}`);
    await expectText(page.getByTestId('calendar-source'), '正在使用本单位自己的校历');
    await page.getByTestId('calendar-add-workdays').click();
    await expectNoSideScroll(page);
    expect(await englishStringsIn(page, '[data-testid="calendars-page"]', ALLOWED_LATIN)).toEqual([]);
    await shot(page, 'calendar-375-zh-CN');
    await switchLanguage(page, 'en');
    await expectText(page.getByTestId('page-title'), 'School calendars');
    await expectNoSideScroll(page);
    await shot(page, 'calendar-375-en');
    expect(pageErrors).toEqual([]);
  });

  it('a class teacher has no link to the page, and reads a calendar there without editing it', async () => {
    const page = await signedIn(world.classTeacherA, 1366, 900);
    expect(await page.getByTestId('nav-calendars').count()).toBe(0);
    await page.goto(`${stack.baseUrl}/#/calendars/${world.units.classA}`);
    await expectText(page.getByTestId('page-title'), '校历');
    await contains(page, 'calendar-source', '正在沿用上级单位');
    await contains(page, 'calendar-form', '只有校长');
    expect(await page.getByTestId('calendar-save').count()).toBe(0);
  });
});
