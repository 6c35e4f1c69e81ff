import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { getMe } from './api/endpoints';
import { setUnauthorizedHandler } from './api/http';
import type { Me } from './api/types';
import { ErrorMessage } from './components/ErrorMessage';
import { canModel, Header } from './components/Header';
import { useI18n } from './i18n/I18nProvider';
import { CaseDetailPage } from './pages/cases/CaseDetailPage';
import { CalendarsPage } from './pages/calendars/CalendarsPage';
import { CasesPage } from './pages/cases/CasesPage';
import { DefinitionsPage } from './pages/definitions/DefinitionsPage';
import { VersionsPage } from './workbench/versions/VersionsPage';
import { InboxPage } from './pages/inbox/InboxPage';
import { LoginPage } from './pages/LoginPage';
import { navigate, useHashRoute, type Route } from './routing/hashRoute';
import { clearToken, readToken, saveToken } from './session/token';
import { FormsListPage } from './workbench/forms/FormsListPage';

// The form editor (form-js, ~1.4 MB) is its own chunk, fetched when a lead opens a form.
const FormEditorPage = lazy(() => import('./workbench/forms/FormEditorPage'));

// bpmn-js and the modeler's modules are ~2.8 MB: fetched only when the modeler is opened.
const ModelerPage = lazy(() => import('./workbench/modeler/ModelerPage'));

export function App() {
  const { t } = useI18n();
  const route = useHashRoute();
  const [token, setToken] = useState<string | null>(readToken);
  const [me, setMe] = useState<Me | null>(null);
  const [meError, setMeError] = useState<unknown>(null);
  const [sessionExpired, setSessionExpired] = useState(false);

  const signOut = useCallback((expired: boolean) => {
    clearToken();
    setToken(null);
    setMe(null);
    setSessionExpired(expired);
    navigate({ page: 'login' });
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => signOut(true));
  }, [signOut]);

  useEffect(() => {
    if (!token) return;
    let live = true;
    setMeError(null);
    getMe().then(
      (user) => live && setMe(user),
      (failure: unknown) => live && setMeError(failure),
    );
    return () => {
      live = false;
    };
  }, [token]);

  useEffect(() => {
    if (token && route.page === 'login') navigate({ page: 'inbox' });
  }, [token, route.page]);

  if (!token) {
    return (
      <LoginPage
        notice={sessionExpired ? t('error.sessionExpired') : null}
        onLoggedIn={(accessToken) => {
          saveToken(accessToken);
          setSessionExpired(false);
          setToken(accessToken);
        }}
      />
    );
  }

  return (
    <div className="app">
      <Header me={me} route={route} onLogout={() => signOut(false)} />
      {me ? (
        <CurrentPage route={route} me={me} />
      ) : (
        <main className="page">
          {meError ? <ErrorMessage error={meError} /> : <p className="muted">{t('common.loading')}</p>}
        </main>
      )}
    </div>
  );
}

function CurrentPage({ route, me }: { route: Route; me: Me }) {
  const { t } = useI18n();
  switch (route.page) {
    case 'login':
    case 'inbox':
      return <InboxPage me={me} />;
    case 'cases':
      return <CasesPage />;
    case 'case':
      return <CaseDetailPage key={route.id} id={route.id} me={me} />;
    case 'definitions':
      return <DefinitionsPage canEdit={canModel(me)} />;
    case 'definition':
      return <VersionsPage key={route.key} definitionKey={route.key} />;
    case 'forms':
      return <FormsListPage />;
    case 'calendars':
      return <CalendarsPage me={me} />;
    case 'calendar':
      return <CalendarsPage me={me} orgUnitId={route.orgUnitId} />;
    case 'form':
      return (
        <Suspense fallback={<main className="page muted">{t('common.loading')}</main>}>
          <FormEditorPage key={route.formId} formId={route.formId} />
        </Suspense>
      );
    case 'modeler':
      return (
        <Suspense fallback={<p className="page muted">{t('common.loading')}</p>}>
          <ModelerPage definitionKey={route.key} version={route.version} me={me} />
        </Suspense>
      );
    case 'notFound':
      return (
        <main className="page">
          <h1 data-testid="page-title">{t('notFound.title')}</h1>
        </main>
      );
  }
}
