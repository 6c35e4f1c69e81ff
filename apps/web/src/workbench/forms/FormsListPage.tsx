import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { CardTable } from '../../components/CardTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { hrefFor, pathFor } from '../../routing/routes';
import { formKeys, listForms, type FormSummary } from './api';
import { FORM_ID_PATTERN } from './formDraft';
import './forms.css';
import { useUserNames } from './userNames';

/** `#/forms`: every form's latest version, and "new form" asking for the id to design it under. */
export function FormsListPage() {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const forms = useQuery({ queryKey: formKeys.list, queryFn: () => listForms() });
  const items = forms.data?.items ?? [];
  const [asking, setAsking] = useState(false);
  const [newId, setNewId] = useState('');
  const [idError, setIdError] = useState<string | null>(null);
  const names = useUserNames(items.map((form) => form.deployedBy));
  const who = (id: string | null) => {
    if (!id) return t('common.none');
    if (!names.has(id)) return '…';
    return names.get(id) ?? t('forms.otherUser');
  };

  const create = () => {
    const formId = newId.trim();
    if (!FORM_ID_PATTERN.test(formId)) {
      setIdError(t('forms.newIdInvalid'));
      return;
    }
    void navigate(pathFor({ page: 'form', formId }));
  };

  const formLink = (form: FormSummary) => (
    <a href={hrefFor({ page: 'form', formId: form.formId })} data-testid="form-link">
      <code>{form.formId}</code>
    </a>
  );

  return (
    <main className="page" data-testid="forms-page">
      <Flex className="page-head" justify="space-between" align="center" wrap gap={12}>
        <h1 data-testid="page-title">{t('forms.title')}</h1>
        <Space wrap>
          <Button onClick={() => void forms.refetch()} loading={forms.isRefetching}>
            {t('common.refresh')}
          </Button>
          <Button type="primary" onClick={() => setAsking(true)} data-testid="forms-new">
            {t('forms.new')}
          </Button>
        </Space>
      </Flex>
      {asking && (
        <Card className="new-form" data-testid="forms-new-panel">
          <Form layout="vertical" onFinish={create} style={{ maxWidth: 420 }}>
            <Form.Item
              label={t('forms.newId')}
              extra={t('forms.newIdHint')}
              validateStatus={idError ? 'error' : undefined}
              help={idError ? <span data-testid="forms-new-id-error">{idError}</span> : undefined}
            >
              <Input
                value={newId}
                autoFocus
                onChange={(e) => {
                  setNewId(e.target.value);
                  setIdError(null);
                }}
                data-testid="forms-new-id"
              />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="forms-new-create">
                {t('forms.create')}
              </Button>
              <Button onClick={() => setAsking(false)}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        </Card>
      )}
      <ErrorMessage error={forms.error} testId="forms-error" />
      <section className="card">
        <CardTable
          testId={items.length === 0 ? 'forms-empty' : 'forms-table'}
          rows={items}
          rowKey={(form) => form.formId}
          rowTestId={(form) => `form-row-${form.formId}`}
          cardTitle={formLink}
          loading={forms.isPending}
          empty={forms.isPending ? t('common.loading') : t('forms.empty')}
          columns={[
            { key: 'id', title: t('forms.col.id'), hideOnCard: true, render: formLink },
            { key: 'name', title: t('forms.col.name'), render: (form) => form.name || t('common.none') },
            {
              key: 'version',
              title: t('forms.col.version'),
              numeric: true,
              render: (form) => <span data-testid="form-version">{form.version}</span>,
            },
            {
              key: 'deployedAt',
              title: t('forms.col.deployedAt'),
              render: (form) => formatDateTime(form.deployedAt),
            },
            {
              key: 'deployedBy',
              title: t('forms.col.deployedBy'),
              render: (form) => <span data-testid="form-deployed-by">{who(form.deployedBy)}</span>,
            },
          ]}
        />
      </section>
    </main>
  );
}
