import { useState, type FormEvent } from 'react';
import { login } from '../api/endpoints';
import { ApiError } from '../api/http';
import { LanguageSwitch } from '../components/Header';
import { describeError } from '../components/ErrorMessage';
import { useI18n } from '../i18n/I18nProvider';

export function LoginPage({
  onLoggedIn,
  notice,
}: {
  onLoggedIn(token: string): void;
  notice: string | null;
}) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await login(username.trim(), password);
      onLoggedIn(result.accessToken);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 401 ? t('login.failed') : describeError(failure, t),
      );
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <form className="card login-card" onSubmit={submit} data-testid="login-form">
        <div className="login-top">
          <div className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </div>
          <LanguageSwitch />
        </div>
        <h1 data-testid="login-title">{t('login.title')}</h1>
        {notice && (
          <div className="alert alert-info" data-testid="login-notice">
            {notice}
          </div>
        )}
        {error && (
          <div className="alert alert-error" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="login-username"
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        <button type="submit" className="button-primary" disabled={busy} data-testid="login-submit">
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
