import { lazy, Suspense, type ReactNode } from 'react';
import { createHashRouter, Navigate, useParams, useSearchParams } from 'react-router';
import { Spin } from 'antd';
import { CaseDetailPage } from '../pages/cases/CaseDetailPage';
import { CasesPage } from '../pages/cases/CasesPage';
import { InboxPage } from '../pages/inbox/InboxPage';
import { StudentPage } from '../pages/students/StudentPage';
import { TaskPage } from '../pages/tasks/TaskPage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { canModel } from '../session/roles';
import { useMe } from '../session/useMe';
import { ProcessConsolePage } from '../pages/console/ProcessConsolePage';
import { ProcessesPage } from '../pages/console/ProcessesPage';
import { TasksOverviewPage } from '../pages/console/TasksOverviewPage';
import { AppShell } from './AppShell';

// The app's pages by address (docs/web.md#routes). Hash routing: the api serves one index.html
// and every link is bookmarkable as `#/tasks/<id>`, `#/cases/<id>`, `#/processes/<key>`.
// routing/routes.ts builds the same paths for links.

// bpmn-js (~2.8 MB) and the form editor (~1.4 MB) are fetched only when their page opens.
const ModelerPage = lazy(() => import('../workbench/modeler/ModelerPage'));
const FormEditorPage = lazy(() => import('../workbench/forms/FormEditorPage'));
// The workbench's pages only some staff open (leads, principals, admins) load on first visit
// too: definitions (antd's Upload), versions (with the differ), forms, calendars (antd's date
// pickers, the month preview). docs/web.md#routes gives the main chunk's size.
const DefinitionsPage = lazy(() =>
  import('../pages/definitions/DefinitionsPage').then((module) => ({ default: module.DefinitionsPage })),
);
const FormsListPage = lazy(() =>
  import('../workbench/forms/FormsListPage').then((module) => ({ default: module.FormsListPage })),
);
const VersionsPage = lazy(() =>
  import('../workbench/versions/VersionsPage').then((module) => ({ default: module.VersionsPage })),
);
const CalendarsPage = lazy(() =>
  import('../pages/calendars/CalendarsPage').then((module) => ({ default: module.CalendarsPage })),
);

// The monthly report with its charts (ECharts) is read once a month by a few staff.
const MonthlyReportPage = lazy(() =>
  import('../pages/reports/MonthlyReportPage').then((module) => ({ default: module.MonthlyReportPage })),
);
const LateStepsPage = lazy(() =>
  import('../pages/compliance/LateStepsPage').then((module) => ({ default: module.LateStepsPage })),
);

const loading = (page: ReactNode) => (
  <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>{page}</Suspense>
);

function Param({ name, render }: { name: string; render(value: string): ReactNode }) {
  const value = useParams()[name];
  return value === undefined ? <NotFoundPage /> : <>{render(value)}</>;
}

function CaseRoute() {
  const me = useMe();
  return <Param name="id" render={(id) => <CaseDetailPage key={id} id={id} me={me} />} />;
}

function InboxRoute() {
  return <InboxPage me={useMe()} />;
}

function TaskRoute() {
  const me = useMe();
  return <Param name="id" render={(id) => <TaskPage key={id} id={id} me={me} />} />;
}

function StudentRoute() {
  const me = useMe();
  return <Param name="id" render={(id) => <StudentPage key={id} id={id} me={me} />} />;
}

function DefinitionsRoute() {
  return loading(<DefinitionsPage canEdit={canModel(useMe())} />);
}

function CalendarsRoute() {
  const me = useMe();
  const { orgUnitId } = useParams();
  return loading(<CalendarsPage me={me} orgUnitId={orgUnitId} />);
}

function LateStepsRoute() {
  return loading(<LateStepsPage me={useMe()} />);
}

function ModelerRoute() {
  const me = useMe();
  const { key } = useParams();
  const [search] = useSearchParams();
  const version = search.get('version');
  if (version !== null && !/^[1-9]\d{0,8}$/.test(version)) return <NotFoundPage />;
  return loading(
    // No remount on a new address: after a first deploy the page moves to `#/modeler/<key>` and
    // keeps its deploy outcome; ModelerPage follows key and version changes itself.
    <ModelerPage definitionKey={key} version={version === null ? undefined : Number(version)} me={me} />,
  );
}

export const router = createHashRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <AppShell />,
    children: [
      { index: true, element: <Navigate to="/inbox" replace /> },
      { path: 'inbox', element: <InboxRoute /> },
      { path: 'tasks', element: <TasksOverviewPage /> },
      { path: 'tasks/:id', element: <TaskRoute /> },
      { path: 'students/:id', element: <StudentRoute /> },
      { path: 'cases', element: <CasesPage /> },
      { path: 'processes', element: <ProcessesPage /> },
      {
        path: 'processes/:key',
        element: <Param name="key" render={(key) => <ProcessConsolePage key={key} definitionKey={key} />} />,
      },
      { path: 'cases/:id', element: <CaseRoute /> },
      { path: 'definitions', element: <DefinitionsRoute /> },
      {
        path: 'definitions/:key',
        element: (
          <Param name="key" render={(key) => loading(<VersionsPage key={key} definitionKey={key} />)} />
        ),
      },
      { path: 'forms', element: loading(<FormsListPage />) },
      {
        path: 'forms/:formId',
        element: <Param name="formId" render={(id) => loading(<FormEditorPage key={id} formId={id} />)} />,
      },
      { path: 'calendars', element: <CalendarsRoute /> },
      { path: 'calendars/:orgUnitId', element: <CalendarsRoute /> },
      { path: 'reports/monthly', element: loading(<MonthlyReportPage />) },
      { path: 'reports/late-steps', element: <LateStepsRoute /> },
      { path: 'modeler', element: <ModelerRoute /> },
      { path: 'modeler/:key', element: <ModelerRoute /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
