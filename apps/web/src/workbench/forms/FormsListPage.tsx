import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/i18n';
import { useNavigate } from 'react-router';
import { hrefFor, pathFor } from '../../routing/routes';
import { listForms } from './api';
import { FORM_ID_PATTERN } from './formDraft';
import './forms.css';
import { useUserNames } from './userNames';

/** `#/forms`: every form's latest version, and "new form" asking for the id to design it under. */
export function FormsListPage() {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const forms = useCursorList(
    () => listForms().then((list) => ({ items: list.items, nextCursor: null })),
    'all',
  );
  const [asking, setAsking] = useState(false);
  const [newId, setNewId] = useState('');
  const [idError, setIdError] = useState<string | null>(null);
  const names = useUserNames(forms.items.map((form) => form.deployedBy));
  const who = (id: string | null) => {
    if (!id) return t('common.none');
    if (!names.has(id)) return '…';
    return names.get(id) ?? t('forms.otherUser');
  };

  const create = (event: FormEvent) => {
    event.preventDefault();
    const formId = newId.trim();
    if (!FORM_ID_PATTERN.test(formId)) {
      setIdError(t('forms.newIdInvalid'));
      return;
    }
    void navigate(pathFor({ page: 'form', formId }));
  };

  return (
    <main className="page" data-testid="forms-page">
      <div className="page-head">
        <h1 data-testid="page-title">{t('forms.title')}</h1>
        <div className="toolbar">
          <button type="button" className="button-secondary" onClick={forms.reload}>
            {t('common.refresh')}
          </button>
          <button
            type="button"
            className="button-primary"
            onClick={() => setAsking(true)}
            data-testid="forms-new"
          >
            {t('forms.new')}
          </button>
        </div>
      </div>
      {asking && (
        <form className="card new-form" onSubmit={create} data-testid="forms-new-panel">
          <label className="field">
            <span>{t('forms.newId')}</span>
            <input
              value={newId}
              autoFocus
              onChange={(e) => {
                setNewId(e.target.value);
                setIdError(null);
              }}
              aria-invalid={idError !== null}
              data-testid="forms-new-id"
            />
          </label>
          <p className="hint">{t('forms.newIdHint')}</p>
          {idError && (
            <div className="field-error" role="alert" data-testid="forms-new-id-error">
              {idError}
            </div>
          )}
          <div className="actions">
            <button type="submit" className="button-primary" data-testid="forms-new-create">
              {t('forms.create')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={forms.error} testId="forms-error" />
      <section className="card">
        {forms.items.length === 0 ? (
          <p className="empty" data-testid="forms-empty">
            {forms.loading ? t('common.loading') : t('forms.empty')}
          </p>
        ) : (
          <table className="data-table card-table forms-table" data-testid="forms-table">
            <thead>
              <tr>
                <th>{t('forms.col.id')}</th>
                <th>{t('forms.col.name')}</th>
                <th className="numeric">{t('forms.col.version')}</th>
                <th>{t('forms.col.deployedAt')}</th>
                <th>{t('forms.col.deployedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {forms.items.map((form) => (
                <tr key={form.formId} data-testid={`form-row-${form.formId}`}>
                  <td data-label={t('forms.col.id')}>
                    <a href={hrefFor({ page: 'form', formId: form.formId })} data-testid="form-link">
                      <code>{form.formId}</code>
                    </a>
                  </td>
                  <td data-label={t('forms.col.name')}>{form.name || t('common.none')}</td>
                  <td className="numeric" data-label={t('forms.col.version')} data-testid="form-version">
                    {form.version}
                  </td>
                  <td data-label={t('forms.col.deployedAt')}>{formatDateTime(form.deployedAt)}</td>
                  <td data-label={t('forms.col.deployedBy')} data-testid="form-deployed-by">
                    {who(form.deployedBy)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {forms.hasMore && (
          <button
            type="button"
            className="button-secondary load-more"
            onClick={forms.loadMore}
            disabled={forms.loading}
          >
            {t('common.loadMore')}
          </button>
        )}
      </section>
    </main>
  );
}
