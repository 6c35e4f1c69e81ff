import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { login } from '../api/endpoints';
import { ApiError } from '../api/http';
import { describeError } from '../components/ErrorMessage';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

interface Credentials {
  username: string;
  password: string;
}

/** Sign-in; afterwards the page the user was sent away from (or the inbox). */
export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/inbox';
  const signIn = useMutation({
    mutationFn: ({ username, password }: Credentials) => login(username.trim(), password),
    onSuccess: (result) => session.signIn(result.accessToken),
  });

  if (session.token) return <Navigate to={from} replace />;

  const error = signIn.error
    ? signIn.error instanceof ApiError && signIn.error.status === 401
      ? t('login.failed')
      : describeError(signIn.error, t)
    : null;

  return (
    <main className="login-page">
      <Card className="login-card" data-testid="login-form">
        <div className="login-top">
          <div className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </div>
          <LanguageSwitch />
        </div>
        <Typography.Title level={3} data-testid="login-title">
          {t('login.title')}
        </Typography.Title>
        {session.expired && (
          <Alert type="info" showIcon message={t('error.sessionExpired')} data-testid="login-notice" />
        )}
        {error && <Alert type="error" showIcon role="alert" message={error} data-testid="login-error" />}
        <Form<Credentials>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => signIn.mutate(values)}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input name="username" autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password name="password" autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={signIn.isPending}
            data-testid="login-submit"
          >
            {signIn.isPending ? t('login.submitting') : t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
