// The browser app against a booted api + worker: a psychology teacher signs in (zh-CN by
// default), completes the task of a seeded case from its page (the inbox links it), finds the case completed with
// its history, and switches the UI to English; a supervisor retries a case's incident with a
// fixed variable; a notify service task reaches the teacher's bell. Drives Debian's chromium
// through playwright-core.
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { callOk, login, seedSchoolWithCase, unique } from '../support/api-client';
import { chain, diagram, flow, userTask } from '../support/bpmn-xml';
import {
  chooseOption,
  ensureWebBuilt,
  escapeRegExp,
  eventually,
  expectText,
  launchChromium,
  STEP_TIMEOUT,
  switchLanguage,
} from '../support/browser';
import { startStack, type Stack } from '../support/stack';

const INBOX_SCREENSHOT = '/tmp/carepath-inbox.png';
const CASE_SCREENSHOT = '/tmp/carepath-case.png';
const RETRY_SCREENSHOT = '/tmp/carepath-incident-retry.png';
const NOTIFICATIONS_SCREENSHOT = '/tmp/carepath-notifications.png';

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

describe('web app (browser)', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let seeded: Awaited<ReturnType<typeof seedSchoolWithCase>>;
  /** What Chromium refused under the api's Content-Security-Policy, on every page. */
  const cspViolations: string[] = [];
  const watchCsp = (watched: BrowserContext): void => {
    watched.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  };

  beforeAll(async () => {
    ensureWebBuilt();
    stack = await startStack();
    seeded = await seedSchoolWithCase(stack);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    watchCsp(context);
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
  }, 300_000);

  const api = (method: string, path: string, token: string, body?: unknown) =>
    callOk(stack.baseUrl, method, path, token, body);

  /** Deploys `xml` and starts one case of it at class A, as the admin; returns the case id. */
  async function deployAndStart(key: string, xml: string): Promise<string> {
    const { adminToken, units } = seeded.world;
    await api('POST', '/api/definitions', adminToken, { xml });
    const started = await api('POST', '/api/instances', adminToken, {
      definitionKey: key,
      orgUnitId: units.classA,
    });
    return started.id as string;
  }

  /** A new browser context (own session and language) signed in as `username`. */
  async function signedInPage(username: string, password: string): Promise<Page> {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    watchCsp(fresh);
    const signedIn = await fresh.newPage();
    signedIn.setDefaultTimeout(STEP_TIMEOUT);
    await signedIn.goto(stack.baseUrl);
    await signedIn.getByTestId('login-username').fill(username);
    await signedIn.getByTestId('login-password').fill(password);
    await signedIn.getByTestId('login-submit').click();
    await signedIn.getByTestId('current-user').waitFor();
    return signedIn;
  }

  async function openCase(on: Page, instanceId: string): Promise<void> {
    await on.goto(`${stack.baseUrl}/#/cases/${instanceId}`);
    await expectText(on.getByTestId('case-id'), instanceId);
  }

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.close();
  }, 60_000);

  it('lets a teacher complete a task and read the completed case, in Chinese and English', async () => {
    const { teacher, instanceId, taskId } = seeded;
    // The timeline names the actor by display name (else username or user id); learn both through the api.
    const token = await login(stack.baseUrl, teacher.username, teacher.password);
    const meResponse = await fetch(`${stack.baseUrl}/api/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const { id: teacherId, displayName: teacherName } = (await meResponse.json()) as {
      id: string;
      displayName: string;
    };

    // given: the login page, in Chinese by default
    await page.goto(stack.baseUrl);
    await expectText(page.getByTestId('login-title'), '登录');
    await expectText(page.getByTestId('login-submit'), '登录');

    // when: the teacher signs in
    await page.getByTestId('login-username').fill(teacher.username);
    await page.getByTestId('login-password').fill(teacher.password);
    await page.getByTestId('login-submit').click();

    // then: the inbox opens on the tasks to claim (nothing is assigned to the teacher yet), with the seeded one
    await expectText(page.getByTestId('page-title'), '我的待办');
    await expectText(page.getByTestId('nav-inbox'), '待办');
    await page.getByTestId('current-user').waitFor();
    const row = page.getByTestId(`task-row-${taskId}`);
    await row.waitFor();
    await page.screenshot({ path: INBOX_SCREENSHOT, fullPage: true });

    // when: the task's page is opened: the step has no form, so it asks for a confirmation
    await page.getByTestId(`open-${taskId}`).click();
    await page.getByTestId('task-no-form').waitFor();
    expect(await page.getByTestId('variables-editor').count()).toBe(0);
    // and says that completing it claims it
    await page.getByTestId('task-will-claim').waitFor();
    await page.getByTestId('complete-submit').click();

    // then: back in the inbox, told it was claimed and completed, and it has left the list
    await expectText(page.getByTestId('task-completed-message'), '「Assess risk」已完成，并已记录由你认领');
    await page.getByTestId('inbox-page').waitFor();
    await row.waitFor({ state: 'detached' });

    // when: the teacher lists the completed cases and opens the seeded one
    await page.getByTestId('nav-cases').click();
    await expectText(page.getByTestId('page-title'), '个案');
    await chooseOption(page, 'cases-state-filter', '已完成');
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
    const actorNames = new RegExp(
      `${escapeRegExp(teacher.username)}|${escapeRegExp(teacherId)}|${escapeRegExp(teacherName)}`,
    );
    await page.getByTestId('history-entry').filter({ hasText: actorNames }).first().waitFor();
    await page.screenshot({ path: CASE_SCREENSHOT, fullPage: true });

    // when: the language is switched to English
    await switchLanguage(page, 'en');

    // then: the labels are English, and the choice survives a reload
    await expectText(page.getByTestId('page-title'), 'Case');
    await expectText(page.getByTestId('nav-cases'), 'Cases');
    await expectText(page.getByTestId('case-state'), 'Completed');
    await page.reload();
    await expectText(page.getByTestId('nav-inbox'), 'Inbox');
    await page.getByTestId('nav-inbox').click();
    await expectText(page.getByTestId('page-title'), 'My tasks');
  }, 180_000);

  it('lets a supervisor retry an incident with a fixed variable, and the case moves on', async () => {
    // given: a gateway that needs `score`, and a case started without it
    const key = `retry-score-${unique()}`;
    const instanceId = await deployAndStart(
      key,
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         <bpmn:exclusiveGateway id="risk" default="risk-low" />
         ${userTask('urgent', { groups: 'psychTeacher' })}
         ${userTask('routine', { groups: 'psychTeacher' })}
         <bpmn:endEvent id="end-a" /><bpmn:endEvent id="end-b" />`,
        {
          flows: [
            flow('start', 'risk'),
            flow('risk', 'urgent', { condition: '=score > 7' }),
            flow('risk', 'routine', { id: 'risk-low' }),
            flow('urgent', 'end-a'),
            flow('routine', 'end-b'),
          ],
        },
      ),
    );
    const incidents = await eventually(
      async () =>
        (await api('GET', `/api/incidents?instanceId=${instanceId}`, seeded.world.adminToken)).items as {
          id: string;
        }[],
      (items) => items.length === 1,
      `the incident of case ${instanceId}`,
    );
    const incidentId = incidents[0]!.id;

    // when: the school's psychology teacher (no supervising role) opens the case
    const teacherPage = await signedInPage(seeded.teacher.username, seeded.teacher.password);
    try {
      await openCase(teacherPage, instanceId);
      // then: the incident is listed without a Retry action
      await teacherPage.getByTestId(`incident-row-${incidentId}`).waitFor();
      expect(await teacherPage.getByTestId(`incident-retry-${incidentId}`).count()).toBe(0);
    } finally {
      await teacherPage.context().close();
    }

    // when: the admin opens it
    const adminPage = await signedInPage('admin', stack.adminPassword);
    try {
      await openCase(adminPage, instanceId);
      // then: it waits at the gateway with the incident
      const incidentRow = adminPage.getByTestId(`incident-row-${incidentId}`);
      await incidentRow.waitFor();
      expect(await incidentRow.getAttribute('data-element-id')).toBe('risk');
      await adminPage.locator('[data-testid="active-element"][data-element-id="risk"]').waitFor();

      // when: the admin retries it with score = 9
      await adminPage.getByTestId(`incident-retry-${incidentId}`).click();
      await adminPage.getByTestId(`retry-panel-${incidentId}`).waitFor();
      await adminPage.getByTestId('variable-key-0').fill('score');
      await adminPage.getByTestId('variable-value-0').fill('9');
      await adminPage.screenshot({ path: RETRY_SCREENSHOT, fullPage: true });
      await adminPage.getByTestId('retry-submit').click();

      // then: the case is reloaded, the incident is gone, and it waits at the `score > 7` task
      await adminPage.getByTestId('case-notice').waitFor();
      await refreshUntilVisible(
        adminPage,
        adminPage.locator('[data-testid="active-element"][data-element-id="urgent"]'),
        adminPage.getByTestId('case-refresh'),
        `case ${instanceId} at the urgent task`,
      );
      await incidentRow.waitFor({ state: 'detached' });
      expect(await adminPage.getByTestId('case-incidents').count()).toBe(0);
      expect(await adminPage.locator('[data-testid="active-element"][data-element-id="risk"]').count()).toBe(
        0,
      );
      expect(await adminPage.getByTestId('retry-error').count()).toBe(0);
    } finally {
      await adminPage.context().close();
    }
  }, 120_000);

  it('shows a notify task’s notification in the teacher’s bell, linking to the case, until read', async () => {
    // given: a case whose service task notifies the psychology teachers of its school
    const key = `notify-teacher-${unique()}`;
    const instanceId = await deployAndStart(
      key,
      diagram(
        key,
        `<bpmn:startEvent id="start" />
         <bpmn:serviceTask id="tell-teacher" name="新个案待跟进">
           <bpmn:extensionElements>
             <zeebe:taskDefinition type="notify" />
             <zeebe:taskHeaders><zeebe:header key="recipients" value="psychTeacher" /></zeebe:taskHeaders>
           </bpmn:extensionElements>
         </bpmn:serviceTask>
         ${userTask('follow-up', { groups: 'psychTeacher' })}
         <bpmn:endEvent id="end" />`,
        { flows: chain('start', 'tell-teacher', 'follow-up', 'end') },
      ),
    );
    const teacherToken = await login(stack.baseUrl, seeded.teacher.username, seeded.teacher.password);
    const unread = await eventually(
      async () =>
        (await api('GET', '/api/notifications?unread=true', teacherToken)).items as {
          id: string;
          instanceId: string;
        }[],
      (items) => items.some((item) => item.instanceId === instanceId),
      `a notification about case ${instanceId}`,
    );
    const notificationId = unread.find((item) => item.instanceId === instanceId)!.id;

    // when: the teacher signs in
    const teacherPage = await signedInPage(seeded.teacher.username, seeded.teacher.password);
    try {
      // then: the bell counts the unread notification
      await expectText(teacherPage.getByTestId('notification-count'), String(unread.length));

      // when: the bell is opened
      await teacherPage.getByTestId('notification-bell').click();
      const item = teacherPage.getByTestId(`notification-${notificationId}`);
      await item.waitFor();
      await teacherPage.screenshot({ path: NOTIFICATIONS_SCREENSHOT });

      // then: on a phone the open list stays on the screen (anchored to the bell it ran off the left edge)
      await teacherPage.setViewportSize({ width: 375, height: 812 });
      const box = await teacherPage.getByTestId('notification-list').boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
      await teacherPage.setViewportSize({ width: 1280, height: 860 });

      // then: it shows the element's generic title and links to the case
      await expectText(item.getByTestId('notification-title'), '新个案待跟进');
      expect(await item.getByTestId('notification-case-link').getAttribute('href')).toBe(
        `#/cases/${instanceId}`,
      );

      // when: the link is followed
      await item.getByTestId('notification-case-link').click();
      // then: the case opens, and the notification is still unread
      await expectText(teacherPage.getByTestId('case-id'), instanceId);
      await expectText(teacherPage.getByTestId('notification-count'), String(unread.length));

      // when: it is marked read
      await teacherPage.getByTestId('notification-bell').click();
      await item.getByTestId('notification-mark-read').click();

      // then: it leaves the list and the count goes
      await item.waitFor({ state: 'detached' });
      if (unread.length === 1) {
        await teacherPage.getByTestId('notification-count').waitFor({ state: 'detached' });
        await teacherPage.getByTestId('notification-empty').waitFor();
      } else {
        await expectText(teacherPage.getByTestId('notification-count'), String(unread.length - 1));
      }
      const after = await api('GET', '/api/notifications?unread=true', teacherToken);
      expect(after.items.map((n: { id: string }) => n.id)).not.toContain(notificationId);
    } finally {
      await teacherPage.context().close();
    }
  }, 120_000);

  // Runs last: every page above was served under the policy.
  it('works under the Content-Security-Policy without a single violation', async () => {
    const response = await page.goto(stack.baseUrl);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.locator('[data-testid="current-user"], [data-testid="login-title"]').first().waitFor();
    expect(cspViolations).toEqual([]);
  });
});
