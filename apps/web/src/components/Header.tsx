import { DEPLOYER_ROLES } from '../../../../libs/domain/src';
import type { Me } from '../api/types';
import { canEditCalendars } from '../pages/calendars/CalendarsPage';
import { LANGUAGES, useI18n, type Language } from '../i18n/I18nProvider';
import type { Route } from '../routing/hashRoute';
import { NotificationBell } from './notifications/NotificationBell';

const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('header.language')}</span>
      <select
        value={language}
        onChange={(e) => setLanguage(e.target.value as Language)}
        aria-label={t('header.language')}
        data-testid="language-switch"
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang}>
            {LANGUAGE_NAMES[lang]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Who draws and deploys diagrams and forms: the api's deployer roles, one list (libs/domain). */
export const canModel = (me: Me) => me.roles.some((grant) => isDeployerRole(grant.role));

export const isDeployerRole = (role: string) => (DEPLOYER_ROLES as readonly string[]).includes(role);

interface Props {
  me: Me | null;
  route: Route;
  onLogout(): void;
}

export function Header({ me, route, onLogout }: Props) {
  const { t, label } = useI18n();
  const section =
    route.page === 'case'
      ? 'cases'
      : route.page === 'definition'
        ? 'definitions'
        : route.page === 'form'
          ? 'forms'
          : route.page === 'calendar'
            ? 'calendars'
            : route.page;
  const links = [
    { page: 'inbox', href: '#/inbox', text: t('nav.inbox') },
    { page: 'cases', href: '#/cases', text: t('nav.cases') },
    { page: 'definitions', href: '#/definitions', text: t('nav.definitions') },
    ...(me && canModel(me) ? [{ page: 'modeler', href: '#/modeler', text: t('nav.modeler') }] : []),
    ...(me && canModel(me) ? [{ page: 'forms', href: '#/forms', text: t('nav.forms') }] : []),
    ...(me && canEditCalendars(me)
      ? [{ page: 'calendars', href: '#/calendars', text: t('nav.calendars') }]
      : []),
  ];
  const roles = me ? [...new Set(me.roles.map((grant) => label('role', grant.role)))].join('、') : '';

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <nav className="main-nav">
        {links.map((link) => (
          <a
            key={link.page}
            href={link.href}
            className={section === link.page ? 'active' : ''}
            aria-current={section === link.page ? 'page' : undefined}
            data-testid={`nav-${link.page}`}
          >
            {link.text}
          </a>
        ))}
      </nav>
      <div className="user-area">
        <LanguageSwitch />
        {me && <NotificationBell route={route} />}
        {me && (
          <span className="current-user" data-testid="current-user" title={roles}>
            <strong>{me.displayName || me.username}</strong>
            {roles && <span className="roles">{roles}</span>}
          </span>
        )}
        <button type="button" className="button-secondary" onClick={onLogout} data-testid="logout">
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
