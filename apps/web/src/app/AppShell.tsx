import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Result, Spin, Tooltip } from 'antd';
import { useState, type MouseEvent } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import type { Me } from '../api/types';
import { describeError } from '../components/ErrorMessage';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NotificationBell } from '../components/notifications/NotificationBell';
import { useI18n, type Translate } from '../i18n/i18n';
import { hrefFor, type Route } from '../routing/routes';
import { canEditCalendars, canModel, canReadMonthlyReport, isSupervisor } from '../session/roles';
import { useSession } from '../session/session';
import { useMeQuery } from '../session/useMe';

type Section =
  | 'inbox'
  | 'tasks'
  | 'cases'
  | 'processes'
  | 'lateSteps'
  | 'definitions'
  | 'modeler'
  | 'forms'
  | 'calendars'
  | 'monthlyReport';

/** The menu entries this user has: staff see their work, supervisors the console, leads the workbench. */
function sectionsFor(me: Me): Section[] {
  return [
    'inbox',
    ...(isSupervisor(me) ? (['tasks', 'processes'] as const) : []),
    'cases',
    'definitions',
    ...(canModel(me) ? (['modeler', 'forms'] as const) : []),
    ...(canEditCalendars(me) ? (['calendars'] as const) : []),
    ...(canReadMonthlyReport(me) ? (['monthlyReport'] as const) : []),
    ...(isSupervisor(me) ? (['lateSteps'] as const) : []),
  ];
}

/** Which menu entry a path belongs to: `/tasks/<id>` is the inbox's task page, `/tasks` the console. */
export function sectionOf(pathname: string): Section | null {
  const [first, second] = pathname.split('/').filter(Boolean);
  if (first === undefined || first === 'students') return 'inbox';
  if (first === 'tasks') return second ? 'inbox' : 'tasks';
  if (first === 'reports' && second === 'monthly') return 'monthlyReport';
  if (first === 'reports' && second === 'late-steps') return 'lateSteps';
  const sections: readonly string[] = [
    'inbox',
    'cases',
    'processes',
    'definitions',
    'modeler',
    'forms',
    'calendars',
  ];
  return sections.includes(first) ? (first as Section) : null;
}

const NAV_KEYS = {
  inbox: 'nav.inbox',
  tasks: 'nav.tasks',
  cases: 'nav.cases',
  processes: 'nav.processes',
  lateSteps: 'nav.lateSteps',
  definitions: 'nav.definitions',
  modeler: 'nav.modeler',
  forms: 'nav.forms',
  calendars: 'nav.calendars',
  monthlyReport: 'nav.monthlyReport',
} as const satisfies Record<Section, Parameters<Translate>[0]>;

/** The report pages: one menu group when a user has more than one, so the bar stays one row. */
const REPORT_SECTIONS: readonly Section[] = ['lateSteps', 'monthlyReport'];

function menuItems(me: Me, t: Translate) {
  const item = (section: Section) => ({
    key: section,
    label: (
      <a href={hrefFor({ page: section } as Route)} data-testid={`nav-${section}`}>
        {t(NAV_KEYS[section])}
      </a>
    ),
  });
  const sections = sectionsFor(me);
  const reports = sections.filter((section) => REPORT_SECTIONS.includes(section));
  if (reports.length < 2) return sections.map(item);
  return [
    ...sections.filter((section) => !REPORT_SECTIONS.includes(section)).map(item),
    {
      key: 'reports',
      label: <span data-testid="nav-reports">{t('nav.reports')}</span>,
      children: reports.map(item),
    },
  ];
}

/** Every signed-in page: the header with the menu, and the page under it. */
export function AppShell() {
  const { t, label } = useI18n();
  const session = useSession();
  const location = useLocation();
  const me = useMeQuery(session.token !== null);
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const navigate = useNavigate();

  // The menu's links are plain `#/…` anchors (hrefFor). Followed through the router they are push
  // navigations a page with unsaved work can hold (useLeaveGuard); a bare hash change would be
  // a POP the router cannot stop. New-tab clicks and other targets are left to the browser.
  // On the whole layout: the header's menu and the pages' own links (a form editor's "back to the
  // list") alike; React bubbles clicks out of portals (the phone's drawer, popovers) to it too.
  const followInAppLink = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as HTMLElement).closest('a');
    const href = anchor?.getAttribute('href');
    if (!anchor || !href?.startsWith('#/') || (anchor.target && anchor.target !== '_self')) return;
    event.preventDefault();
    void navigate(href.slice(1));
  };

  if (!session.token)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.isError) return <Result status="error" title={describeError(me.error, t)} />;
  if (!me.data) return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;

  const narrow = screens.md === false;
  const section = sectionOf(location.pathname);
  const items = menuItems(me.data, t);
  const roles = [...new Set(me.data.roles.map((grant) => label('role', grant.role)))].join('、');

  return (
    <Layout className="app" onClick={followInAppLink}>
      <Layout.Header className="app-header">
        {narrow && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('header.menu')}
            onClick={() => setDrawerOpen(true)}
            data-testid="nav-open"
          />
        )}
        <a className="brand" href={hrefFor({ page: 'inbox' })}>
          <span className="brand-name">{t('app.name')}</span>
          {!narrow && <span className="brand-tagline">{t('app.tagline')}</span>}
        </a>
        {!narrow && (
          <Menu
            className="main-nav"
            mode="horizontal"
            selectedKeys={section ? [section] : []}
            items={items}
            style={{ flex: 1, minWidth: 0 }}
          />
        )}
        <div className="user-area">
          <LanguageSwitch />
          <NotificationBell />
          <Tooltip title={roles}>
            <span className="current-user" data-testid="current-user">
              <strong>{me.data.displayName || me.data.username}</strong>
              {!narrow && roles && <span className="roles">{roles}</span>}
            </span>
          </Tooltip>
          <Tooltip title={t('header.logout')}>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              aria-label={t('header.logout')}
              onClick={() => session.signOut()}
              data-testid="logout"
            />
          </Tooltip>
        </div>
      </Layout.Header>
      {narrow && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          width={240}
          title={t('app.name')}
        >
          <Menu
            mode="vertical"
            selectedKeys={section ? [section] : []}
            items={items}
            onClick={() => setDrawerOpen(false)}
          />
        </Drawer>
      )}
      <Layout.Content className="app-content">
        <Outlet context={{ me: me.data }} />
      </Layout.Content>
    </Layout>
  );
}
