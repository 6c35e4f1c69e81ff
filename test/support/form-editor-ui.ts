// Driving form-js's editor and viewer in a browser test (docs/forms-web.md): adding fields from
// the palette, setting them up in the properties panel, reading a field's error. Shared by the
// forms and lead-flow specs.
import { type Page } from 'playwright-core';

export const formEditor = (page: Page) => page.getByTestId('form-editor');
const panel = (page: Page) => formEditor(page).locator('.fjs-properties-container');
export { panel as formEditorPanel };

/** Opens a properties panel group (they start collapsed) unless `inside` is showing already. */
export async function openFormGroup(page: Page, group: string, inside: string): Promise<void> {
  const target = panel(page).locator(inside);
  if (!(await target.isVisible())) {
    await panel(page).locator(`[data-group-id="${group}"] .bio-properties-panel-group-header`).click();
  }
  await target.waitFor();
}

/** Adds a field from the palette (Enter on its entry: the palette's keyboard way) and selects it. */
export async function addField(page: Page, type: string): Promise<void> {
  const fields = `.fjs-form-container .fjs-element[data-field-type="${type}"]`;
  const before = await formEditor(page).locator(fields).count();
  await formEditor(page).locator(`.fjs-palette-field[data-field-type="${type}"]`).press('Enter');
  const added = formEditor(page).locator(fields).nth(before);
  await added.waitFor();
  await added.click();
  await openFormGroup(page, 'group-general', '[data-entry-id="key"] input');
}

export async function setLabel(page: Page, label: string): Promise<void> {
  const content = panel(page).locator('[data-entry-id="label"] [contenteditable="true"]');
  await content.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(label);
}

/**
 * Waits until the editor's canvas shows `label`: the label entry is debounced, and a key typed
 * right after it can overtake it (the field keeps its default label).
 */
export async function labelShown(page: Page, label: string): Promise<void> {
  await formEditor(page).locator('.fjs-form-container .fjs-form-field-label', { hasText: label }).waitFor();
}

export async function setKey(page: Page, key: string): Promise<void> {
  await panel(page).locator('[data-entry-id="key"] input').fill(key);
}

export async function openValidation(page: Page): Promise<void> {
  const required = panel(page).locator('#bio-properties-panel-required');
  if (!(await required.isVisible())) {
    await panel(page)
      .locator('[data-group-id="group-validation"] .bio-properties-panel-group-header')
      .click();
  }
  await required.waitFor();
}

/** The message the viewer shows under the field labelled `label`, inside `container`. */
export const fieldError = (page: Page, container: string, label: string) =>
  page
    .locator(`${container} .fjs-form-field`)
    .filter({ has: page.locator('.fjs-form-field-label', { hasText: label }) })
    .locator('.fjs-form-field-error');
