// Driving the bpmn-js modeler in a browser test (docs/modeler.md): waiting for it, drawing from
// the palette and the context pad, selecting shapes, opening panel groups. Shared by the modeler
// and lead-flow specs.
import { join } from 'node:path';
import { type Page } from 'playwright-core';

const SHOTS = '/tmp/carepath-shots';

/** Waits until the modeler has imported its diagram; `onFail` says why when it does not. */
export async function modelerReady(page: Page, onFail?: () => void): Promise<void> {
  try {
    await page.locator('[data-testid="modeler"][data-ready="true"]').waitFor();
  } catch (error) {
    onFail?.();
    throw error;
  }
}

/** The centre of an element on the page. */
export async function centreOf(page: Page, elementId: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator(`.djs-element[data-element-id="${elementId}"]`).first().boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export async function selectedElementId(page: Page): Promise<string> {
  const selected = page.locator('.djs-element.selected');
  await selected.first().waitFor();
  return (await selected.first().getAttribute('data-element-id'))!;
}

/** Clicks a palette entry, then the page at (x, y): creates a shape centred there. */
export async function createFromPalette(page: Page, action: string, x: number, y: number): Promise<string> {
  await page.locator(`.djs-palette .entry[data-action="${action}"]`).click();
  await page.mouse.move(x - 20, y - 20);
  await page.mouse.move(x, y, { steps: 4 });
  await page.mouse.down();
  await page.mouse.up();
  return selectedElementId(page);
}

/**
 * Selects an element by clicking it in its upper part (a flow ending at a task's edge can own
 * the hit area near its centre). diagram-js swallows the first click within 400 ms after a
 * drag (create, connect) as a ghost click: a lead is never that fast, the test waits. Escape
 * closes the context pad but keeps the selection, so a click on empty canvas deselects first.
 */
export async function select(page: Page, elementId: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForTimeout(450);
  const canvas = (await page.getByTestId('modeler-canvas').boundingBox())!;
  await page.mouse.click(canvas.x + canvas.width - 60, canvas.y + 40);
  const shape = page.locator(`.djs-element[data-element-id="${elementId}"]`).first();
  const box = (await shape.boundingBox())!;
  await shape.click({ position: { x: box.width / 2, y: Math.min(box.height * 0.3, 20) } });
  await page.locator('.djs-context-pad.open').waitFor();
  const selected = await page
    .locator('.djs-element.selected')
    .evaluateAll((all) => all.map((e) => e.getAttribute('data-element-id')));
  expect(selected).toEqual([elementId]);
}

export async function contextPad(page: Page, action: string): Promise<void> {
  const entry = page.locator(`.djs-context-pad.open .entry[data-action="${action}"]`);
  try {
    await entry.click({ timeout: 5_000 });
  } catch (error) {
    const offered = await page
      .locator('.djs-context-pad.open .entry')
      .evaluateAll((entries) => entries.map((e) => e.getAttribute('data-action')));
    await page.screenshot({ path: join(SHOTS, 'failed-context-pad.png') });
    throw new Error(`no context pad entry ${action}; offered: ${offered.join(', ')}: ${String(error)}`);
  }
}

/** Opens the properties panel group `group-<groupId>` unless it is open already. */
export async function openGroup(page: Page, groupId: string): Promise<void> {
  const group = page.locator(`[data-group-id="group-${groupId}"]`);
  await group.waitFor();
  if (
    !(await group
      .locator('.bio-properties-panel-group-entries.open')
      .first()
      .isVisible()
      .catch(() => false))
  )
    await group.locator('.bio-properties-panel-group-header').first().click();
}

/**
 * Draws start → user task → end on a new diagram: a task from the palette made a user task,
 * connected from the start event, an end event appended. Returns the task's and end's ids.
 */
export async function drawStartTaskEnd(page: Page): Promise<{ userTaskId: string; endId: string }> {
  const start = await centreOf(page, 'StartEvent_1');
  const taskId = await createFromPalette(page, 'create.task', start.x + 180, start.y);
  await page.keyboard.press('Escape');
  await select(page, taskId);
  await contextPad(page, 'replace');
  await page.locator('.djs-popup [data-id="replace-with-user-task"]').click();
  const userTaskId = await selectedElementId(page);
  await select(page, 'StartEvent_1');
  await contextPad(page, 'connect');
  await page.locator(`.djs-element[data-element-id="${userTaskId}"]`).first().click();
  await select(page, userTaskId);
  await contextPad(page, 'append.end-event');
  const endId = await selectedElementId(page);
  expect(endId).not.toBe(userTaskId);
  return { userTaskId, endId };
}
