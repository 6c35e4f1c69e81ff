import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  type FormComponent,
  type FormLanguage,
  type FormSchema,
  fieldsOf,
  validateSubmission,
} from '../../libs/forms/src';
import { launchChromium, serveStatic } from '../support/browser';

jest.setTimeout(180_000);

/**
 * Browser parity (docs/adr/0013): the form-js 1.23 viewer, configured by viewer-validation.ts as
 * the task page is, and libs/forms' validateSubmission (what the api runs on a completion) give
 * the same answer for each (schema, data): the same fields in error with the same messages, in
 * both languages, and the same data for the case — what the viewer submits of the fields sent,
 * hidden ones dropped and numbers coerced by the viewer itself.
 */
let dir: string;
let server: Server;
let baseUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'form-parity-'));
  execFileSync(process.execPath, [join(__dirname, 'form-parity', 'build-harness.mjs'), dir], {
    stdio: 'inherit',
  });
  ({ server, baseUrl } = await serveStatic(join(dir, 'dist')));
  browser = await launchChromium();
  page = await browser.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  await page.goto(baseUrl);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 20_000 }).catch(() => {
    throw new Error(`The harness did not load: ${failures.join('; ')}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What the harness page answers (test/browser/form-parity/harness.ts, typechecked with the web app). */
interface ViewerAnswer {
  data: Record<string, unknown>;
  errors: Record<string, string[]>;
}

interface Case {
  name: string;
  components: FormComponent[];
  data: Record<string, unknown>;
  context?: Record<string, unknown>;
  /** The field keys in error, as both sides must name them. */
  errors: string[];
}

const levels = [
  { label: '紧急', value: 'imminent' },
  { label: '高', value: 'high' },
  { label: '低', value: 'low' },
];

const CASES: Case[] = [
  {
    name: 'required text missing',
    components: [{ id: 'a', type: 'textfield', key: 'a', validate: { required: true } }],
    data: {},
    errors: ['a'],
  },
  {
    name: 'required text empty',
    components: [{ id: 'a', type: 'textfield', key: 'a', validate: { required: true } }],
    data: { a: '' },
    errors: ['a'],
  },
  {
    name: 'required text given',
    components: [{ id: 'a', type: 'textfield', key: 'a', validate: { required: true } }],
    data: { a: '有' },
    errors: [],
  },
  {
    name: 'required checkbox unchecked',
    components: [{ id: 'c', type: 'checkbox', key: 'c', validate: { required: true } }],
    data: { c: false },
    errors: ['c'],
  },
  {
    name: 'required select missing',
    components: [{ id: 's', type: 'select', key: 's', values: levels, validate: { required: true } }],
    data: {},
    errors: ['s'],
  },
  {
    name: 'select with an option',
    components: [{ id: 's', type: 'select', key: 's', values: levels, validate: { required: true } }],
    data: { s: 'high' },
    errors: [],
  },
  {
    name: 'radio with an option',
    components: [{ id: 'r', type: 'radio', key: 'r', values: levels }],
    data: { r: 'low' },
    errors: [],
  },
  {
    name: 'textarea too short (trimmed)',
    components: [{ id: 'n', type: 'textarea', key: 'n', validate: { minLength: 5 } }],
    data: { n: '  四个字符  ' },
    errors: ['n'],
  },
  {
    name: 'textarea long enough',
    components: [{ id: 'n', type: 'textarea', key: 'n', validate: { minLength: 5 } }],
    data: { n: '五个字符了' },
    errors: [],
  },
  {
    name: 'text too long',
    components: [{ id: 't', type: 'textfield', key: 't', validate: { maxLength: 3 } }],
    data: { t: 'abcd' },
    errors: ['t'],
  },
  {
    name: 'number below min',
    components: [{ id: 'x', type: 'number', key: 'x', validate: { min: 0, max: 27 } }],
    data: { x: -1 },
    errors: ['x'],
  },
  {
    name: 'number above max',
    components: [{ id: 'x', type: 'number', key: 'x', validate: { min: 0, max: 27 } }],
    data: { x: 28 },
    errors: ['x'],
  },
  {
    name: 'number zero at min',
    components: [{ id: 'x', type: 'number', key: 'x', validate: { min: 0 } }],
    data: { x: 0 },
    errors: [],
  },
  {
    name: 'number coerced from text',
    components: [{ id: 'x', type: 'number', key: 'x', validate: { max: 27 } }],
    data: { x: '12' },
    errors: [],
  },
  {
    name: 'number coerced, then above max',
    components: [{ id: 'x', type: 'number', key: 'x', validate: { max: 27 } }],
    data: { x: '30' },
    errors: ['x'],
  },
  {
    name: 'number kept as text (serializeToString)',
    components: [{ id: 'x', type: 'number', key: 'x', serializeToString: true }],
    data: { x: 12.5 },
    errors: [],
  },
  {
    name: 'integer with decimals',
    components: [{ id: 'x', type: 'number', key: 'x', decimalDigits: 0 }],
    data: { x: 1.5 },
    errors: ['x'],
  },
  {
    name: 'off the increment',
    components: [{ id: 'x', type: 'number', key: 'x', increment: '0.5' }],
    data: { x: 1.2 },
    errors: ['x'],
  },
  {
    name: 'FEEL min from the variables',
    components: [{ id: 'x', type: 'number', key: 'x', validate: { min: '=threshold' } }],
    data: { x: 3 },
    context: { threshold: 5 },
    errors: ['x'],
  },
  {
    name: 'FEEL min met',
    components: [{ id: 'x', type: 'number', key: 'x', validate: { min: '=threshold' } }],
    data: { x: 5 },
    context: { threshold: 5 },
    errors: [],
  },
  {
    name: 'FEEL max from another field',
    components: [
      { id: 'a', type: 'number', key: 'a' },
      { id: 'b', type: 'number', key: 'b', validate: { max: '=a' } },
    ],
    data: { a: 3, b: 4 },
    errors: ['b'],
  },
  {
    name: 'anchored pattern, part matches',
    components: [{ id: 'p', type: 'textfield', key: 'p', validate: { pattern: '[0-9]{4}' } }],
    data: { p: 'x1234y' },
    errors: ['p'],
  },
  {
    name: 'anchored pattern, whole matches',
    components: [{ id: 'p', type: 'textfield', key: 'p', validate: { pattern: '[0-9]{4}' } }],
    data: { p: '1234' },
    errors: [],
  },
  {
    name: 'pattern with its own message',
    components: [
      {
        id: 'p',
        type: 'textfield',
        key: 'p',
        validate: { pattern: '\\d{8}', patternErrorMessage: '学号为 8 位数字' },
      },
    ],
    data: { p: '123' },
    errors: ['p'],
  },
  {
    name: 'bad email',
    components: [{ id: 'm', type: 'textfield', key: 'm', validate: { validationType: 'email' } }],
    data: { m: 'wang@' },
    errors: ['m'],
  },
  {
    name: 'good email',
    components: [{ id: 'm', type: 'textfield', key: 'm', validate: { validationType: 'email' } }],
    data: { m: 'wang@school.cn' },
    errors: [],
  },
  {
    name: 'Chinese mobile phone',
    components: [{ id: 'f', type: 'textfield', key: 'f', validate: { validationType: 'phone' } }],
    data: { f: '13812345678' },
    errors: [],
  },
  {
    name: 'bad phone',
    components: [{ id: 'f', type: 'textfield', key: 'f', validate: { validationType: 'phone' } }],
    data: { f: '12345' },
    errors: ['f'],
  },
  {
    name: 'hidden by a condition: dropped and not checked',
    components: [
      { id: 'r', type: 'checkbox', key: 'referred' },
      {
        id: 'h',
        type: 'textfield',
        key: 'hospital',
        conditional: { hide: '=referred != true' },
        validate: { required: true },
      },
    ],
    data: { referred: false, hospital: '市医院' },
    errors: [],
  },
  {
    name: 'shown by a condition: checked',
    components: [
      { id: 'r', type: 'checkbox', key: 'referred' },
      {
        id: 'h',
        type: 'textfield',
        key: 'hospital',
        conditional: { hide: '=referred != true' },
        validate: { required: true },
      },
    ],
    data: { referred: true },
    errors: ['hospital'],
  },
  {
    name: 'hidden by a task variable',
    components: [
      {
        id: 'n',
        type: 'textfield',
        key: 'note',
        conditional: { hide: '=stage = "closed"' },
        validate: { required: true },
      },
    ],
    data: {},
    context: { stage: 'closed' },
    errors: [],
  },
  {
    name: 'group with a path: nested keys',
    components: [
      {
        id: 'g',
        type: 'group',
        path: 'guardian',
        components: [
          { id: 'gn', type: 'textfield', key: 'name', validate: { required: true } },
          { id: 'gp', type: 'textfield', key: 'phone', validate: { validationType: 'phone' } },
        ],
      },
    ],
    data: { guardian: { phone: '010-12345678' } },
    errors: ['guardian.name'],
  },
  {
    name: 'hidden group',
    components: [
      {
        id: 'k',
        type: 'select',
        key: 'kind',
        values: [
          { label: '本人', value: 'self' },
          { label: '家长', value: 'parent' },
        ],
      },
      {
        id: 'g',
        type: 'group',
        path: 'guardian',
        conditional: { hide: '=kind = "self"' },
        components: [{ id: 'gn', type: 'textfield', key: 'name', validate: { required: true } }],
      },
    ],
    data: { kind: 'self', guardian: { name: '' } },
    errors: [],
  },
  {
    name: 'dotted key',
    components: [{ id: 'd', type: 'textfield', key: 'contact.mobile', validate: { required: true } }],
    data: { contact: { mobile: '' } },
    errors: ['contact.mobile'],
  },
  {
    name: 'checklist required, empty',
    components: [{ id: 'l', type: 'checklist', key: 'l', values: levels, validate: { required: true } }],
    data: { l: [] },
    errors: ['l'],
  },
  {
    name: 'checklist with options',
    components: [{ id: 'l', type: 'checklist', key: 'l', values: levels, validate: { required: true } }],
    data: { l: ['high', 'low'] },
    errors: [],
  },
  {
    name: 'taglist with options',
    components: [{ id: 't', type: 'taglist', key: 't', values: levels }],
    data: { t: ['imminent'] },
    errors: [],
  },
  {
    name: 'date',
    components: [{ id: 'd', type: 'datetime', key: 'd', subtype: 'date', validate: { required: true } }],
    data: { d: '2026-03-02' },
    errors: [],
  },
  {
    name: 'a whole form: several fields wrong at once',
    components: [
      { id: 'Text_1', type: 'text', text: '说明' },
      { id: 's', type: 'select', key: 'riskLevel', values: levels, validate: { required: true } },
      { id: 'n', type: 'textarea', key: 'notes', validate: { required: true, minLength: 10 } },
      { id: 'x', type: 'number', key: 'score', validate: { min: 0, max: 27 } },
    ],
    data: { notes: '太短', score: 99 },
    errors: ['riskLevel', 'notes', 'score'],
  },
];

/** Of the viewer's submitted data, the fields that were sent (the viewer also adds empty ones). */
function sentPart(schema: FormSchema, sent: Record<string, unknown>, viewerData: Record<string, unknown>) {
  const pick: Record<string, unknown> = {};
  for (const { path } of fieldsOf(schema)) {
    const lookup = (data: unknown) =>
      path.reduce<{ found: boolean; value: unknown }>(
        (at, segment) =>
          at.found && typeof at.value === 'object' && at.value !== null && Object.hasOwn(at.value, segment)
            ? { found: true, value: (at.value as Record<string, unknown>)[segment] }
            : { found: false, value: undefined },
        { found: true, value: data },
      );
    const inSent = lookup(sent);
    const inViewer = lookup(viewerData);
    if (!inSent.found || !inViewer.found || inViewer.value === undefined) continue;
    let at = pick;
    for (const segment of path.slice(0, -1)) at = (at[segment] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1]!] = inViewer.value;
  }
  return pick;
}

describe('the browser viewer and the server agree', () => {
  it('has a table of at least 25 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const schema: FormSchema = { type: 'default', components: testCase.components };
    const context = testCase.context ?? {};
    for (const language of ['zh-CN', 'en'] as FormLanguage[]) {
      const viewer: ViewerAnswer = await page.evaluate(
        ([s, d, c, l]) =>
          (
            globalThis as unknown as { submitInViewer: (...args: unknown[]) => Promise<ViewerAnswer> }
          ).submitInViewer(s, d, c, l),
        [schema, testCase.data, context, language] as const,
      );
      const server = validateSubmission(schema, testCase.data, { language, context });
      const serverErrors: Record<string, string[]> = {};
      for (const error of server.errors) (serverErrors[error.path] ??= []).push(error.message);

      // the same fields in error, the expected ones, with the same messages
      expect({ language, errors: Object.keys(viewer.errors).sort() }).toEqual({
        language,
        errors: [...testCase.errors].sort(),
      });
      expect({ language, errors: serverErrors }).toEqual({ language, errors: viewer.errors });
      // and the same data for the case
      expect({ language, data: server.data }).toEqual({
        language,
        data: sentPart(schema, testCase.data, viewer.data),
      });
    }
  });

  it('says in Chinese what the server says in Chinese', async () => {
    const schema: FormSchema = {
      type: 'default',
      components: [{ id: 'a', type: 'textfield', key: 'a', validate: { required: true } }],
    };
    const viewer: ViewerAnswer = await page.evaluate(
      ([s]) =>
        (
          globalThis as unknown as { submitInViewer: (...args: unknown[]) => Promise<ViewerAnswer> }
        ).submitInViewer(s, {}, {}, 'zh-CN'),
      [schema] as const,
    );
    expect(viewer.errors).toEqual({ a: ['此项为必填项'] });
  });

  it('differs where documented: a choice outside the options is dropped by the viewer, refused by the server', async () => {
    // docs/forms.md#differences: the viewer replaces an unknown option with nothing on import
    // (a person cannot pick one); the api refuses it, so a client's typo is not stored as null.
    const schema: FormSchema = {
      type: 'default',
      components: [{ id: 's', type: 'select', key: 's', values: levels }],
    };
    const viewer: ViewerAnswer = await page.evaluate(
      ([s]) =>
        (
          globalThis as unknown as { submitInViewer: (...args: unknown[]) => Promise<ViewerAnswer> }
        ).submitInViewer(s, { s: 'urgent' }, {}, 'en'),
      [schema] as const,
    );
    expect(viewer).toEqual({ data: { s: null }, errors: {} });
    expect(validateSubmission(schema, { s: 'urgent' }).errors).toEqual([
      { path: 's', code: 'options', message: 'Must be one of the options' },
    ]);
  });
});
