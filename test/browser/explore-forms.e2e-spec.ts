import { writeFileSync } from 'node:fs';
import { call, unique } from '../support/api-client';
import { ensureWebBuilt, launchChromium } from '../support/browser';
import { startStack, type Stack } from '../support/stack';

describe('explore', () => {
  let stack: Stack;
  beforeAll(async () => {
    ensureWebBuilt();
    stack = await startStack();
  }, 300_000);
  afterAll(async () => stack?.close());
  it('explores', async () => {
    const browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()));
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    await page.goto(stack.baseUrl);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(stack.adminPassword);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    await page.getByTestId('nav-forms').click();
    await page.getByTestId('forms-new').click();
    await page.getByTestId('forms-new-id').fill(`risk-${unique()}`);
    await page.getByTestId('forms-new-create').click();
    await page.locator('.fjs-palette-field[data-field-type="textarea"]').waitFor();
    await page.locator('.fjs-palette-field[data-field-type="textarea"]').press('Enter');
    await page.waitForTimeout(500);
    writeFileSync('/tmp/fw/panel-textarea.html', await page.locator('.fjs-properties-container').innerHTML());
    await page.screenshot({ path: '/tmp/fw/e1.png' });
    await page.locator('.fjs-palette-field[data-field-type="number"]').press('Enter');
    await page.waitForTimeout(500);
    writeFileSync('/tmp/fw/panel-number.html', await page.locator('.fjs-properties-container').innerHTML());
    await page.screenshot({ path: '/tmp/fw/e2.png' });
    writeFileSync('/tmp/fw/preview.html', await page.getByTestId('form-preview').innerHTML());
    writeFileSync('/tmp/fw/canvas.html', await page.locator('.fjs-form-container').first().innerHTML());
    await page.locator('.fjs-form-container .fjs-element[data-field-type="textarea"]').first().click();
    await page.waitForTimeout(500);
    writeFileSync('/tmp/fw/panel-textarea-selected.html', await page.locator('.fjs-properties-container').innerHTML());
    await page.screenshot({ path: '/tmp/fw/e3.png' });
    void call;
    await browser.close();
  }, 200_000);
});
