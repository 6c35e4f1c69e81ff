// `#/forms/<formId>`: form-js's editor for a psychology lead, beside a live preview, saving
// versions to POST /api/forms (docs/forms-web.md#editing-forms-in-the-browser). Its own chunk:
// app/router.tsx imports it lazily, so no other page loads form-js's editor.
import { FormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Table, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { ApiError, type ProblemError } from '../../api/http';
import { ErrorMessage, Notice } from '../../components/ErrorMessage';
import { problemErrors } from '../../components/ProblemErrors';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import { useLeaveGuard } from '../../routing/useLeaveGuard';
import { translateFormEditor } from '../translations';
import { formKeys, getForm, saveForm, type FormSchema } from './api';
import {
  clearDraft,
  draftToRestore,
  emptySchema,
  fingerprint,
  readDraft,
  schemaToSave,
  writeDraft,
} from './formDraft';
import { FormPreview } from './FormPreview';
import { translateFormViewer } from './viewer-strings';
import './forms.css';

interface Loaded {
  editor: FormEditor;
}

interface Component {
  id?: string;
  key?: string;
  label?: string;
  type?: string;
  components?: Component[];
}

/** Every component of a schema, groups' children included. */
function allComponents(schema: FormSchema): Component[] {
  const all: Component[] = [];
  const walk = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const item of list as Component[]) {
      all.push(item);
      walk(item.components);
    }
  };
  walk(schema.components);
  return all;
}

/** The component a refused save names: by its id (`componentId`), else a key in the path. */
function componentOf(schema: FormSchema, error: ProblemError): Component | null {
  const all = allComponents(schema);
  if (error.componentId) return all.find((item) => item.id === error.componentId) ?? null;
  const segments = (error.path ?? '').split('.');
  return all.find((item) => item.key !== undefined && segments.includes(item.key)) ?? null;
}

export default function FormEditorPage({ formId }: { formId: string }) {
  const { t, language, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const editorRef = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [schema, setSchema] = useState<FormSchema | null>(null);
  const [dirty, setDirty] = useState(false);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const baseline = useRef('');
  /** The schema the server holds (or the empty one of a new form), as the editor exports it. */
  const savedSchema = useRef<FormSchema | null>(null);
  const dirtyRef = useRef(false);
  const versionRef = useRef<number | null>(null);
  /** What the server gave when the page opened. */
  const [start, setStart] = useState<{ schema: FormSchema; version: number | null } | null>(null);
  /** The design in the editor, carried into the next one when the language changes. */
  const live = useRef<FormSchema | null>(null);

  const current = useCallback(
    (editor: FormEditor) => schemaToSave(formId, editor.saveSchema() as FormSchema),
    [formId],
  );

  // Load once per form: the latest version, or an empty form under the new id (404).
  useEffect(() => {
    let cancelled = false;
    getForm(formId).then(
      (latest) => !cancelled && setStart({ schema: latest.schema, version: latest.version }),
      (failure: unknown) => {
        if (cancelled) return;
        if (failure instanceof ApiError && failure.status === 404) {
          setStart({ schema: emptySchema(formId), version: null });
        } else setLoadError(failure);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [formId]);

  // One editor per language: form-js writes its English once and the DOM translator does not
  // undo a translation, so a language switch makes a new editor, carrying the design across.
  useEffect(() => {
    const container = editorRef.current;
    if (!container || !start) return;
    let cancelled = false;
    let ready = false;
    const editor = new FormEditor({ container });
    void (async () => {
      try {
        if (live.current === null) {
          await editor.importSchema(start.schema);
          if (cancelled) return;
          savedSchema.current = current(editor);
          baseline.current = fingerprint(savedSchema.current);
          versionRef.current = start.version;
          setVersion(start.version);
          const draft = draftToRestore(readDraft(localStorage, formId), baseline.current);
          if (draft) {
            await editor.importSchema(draft.schema);
            if (cancelled) return;
            setRestoredAt(draft.savedAt);
          }
        } else {
          await editor.importSchema(live.current);
          if (cancelled) return;
        }
        ready = true;
        // `changed` also fires for selection and panel state: act on schema changes only.
        let last = '';
        const onChanged = () => {
          const now = current(editor);
          const print = fingerprint(now);
          if (print === last) return;
          last = print;
          const isDirty = print !== baseline.current;
          dirtyRef.current = isDirty;
          setDirty(isDirty);
          setSchema(now);
          if (isDirty)
            writeDraft(localStorage, formId, {
              schema: now,
              baseVersion: versionRef.current,
              savedAt: new Date().toISOString(),
            });
          else clearDraft(localStorage, formId);
        };
        editor.on('changed', onChanged);
        onChanged();
        setLoaded({ editor });
      } catch (failure) {
        if (!cancelled) setLoadError(failure);
      }
    })();
    return () => {
      cancelled = true;
      if (ready) live.current = current(editor);
      editor.destroy();
      setLoaded(null);
    };
  }, [start, language, formId, current]);

  // form-js's editor has no i18n: CarePath's DOM translator relabels it in the UI language.
  useEffect(() => {
    const container = editorRef.current;
    if (!loaded || !container) return;
    const untranslateEditor = translateFormEditor(container, language);
    // The canvas renders fields with the viewer, whose own words (step buttons) the editor's
    // translator leaves alone; only the canvas, as the palette's words differ ("Select").
    const canvas = container.querySelector<HTMLElement>('.fjs-form-container');
    const untranslateFields = canvas ? translateFormViewer(canvas, language) : () => undefined;
    return () => {
      untranslateEditor();
      untranslateFields();
    };
  }, [loaded, language]);

  // Unsaved changes ask before the page goes: a reload or closing the tab, or an in-app link.
  useLeaveGuard(() => dirtyRef.current, t('formEditor.confirmLeave'));

  const save = async () => {
    if (!loaded) return;
    const schemaNow = current(loaded.editor);
    setSaving(true);
    setSaveError(null);
    setNotice(null);
    try {
      const result = await saveForm(formId, schemaNow);
      void queryClient.invalidateQueries({ queryKey: formKeys.all });
      const unchanged = !result.created;
      versionRef.current = result.version;
      setVersion(result.version);
      baseline.current = fingerprint(schemaNow);
      savedSchema.current = schemaNow;
      dirtyRef.current = fingerprint(current(loaded.editor)) !== baseline.current;
      setDirty(dirtyRef.current);
      if (!dirtyRef.current) clearDraft(localStorage, formId);
      setRestoredAt(null);
      setNotice(unchanged ? t('formEditor.unchanged') : t('formEditor.saved', { version: result.version }));
    } catch (failure) {
      setSaveError(failure);
    } finally {
      setSaving(false);
    }
  };

  const discardDraft = async () => {
    if (!loaded || !savedSchema.current) return;
    clearDraft(localStorage, formId);
    await loaded.editor.importSchema(savedSchema.current);
    setRestoredAt(null);
  };

  const fieldErrors = problemErrors(saveError);

  /** Shows a refused component in the properties panel, to fix it there. */
  const select = (component: Component) => {
    if (!loaded || !component.id) return;
    const field = loaded.editor.get<{ get(id: string): unknown }>('formFieldRegistry').get(component.id);
    if (field) loaded.editor.get<{ set(field: unknown): void }>('selection').set(field);
  };

  return (
    <main className="page page-wide form-editor-page" data-testid="form-editor-page">
      <Flex className="page-head" justify="space-between" align="center" wrap gap={12}>
        <div>
          <a href={hrefFor({ page: 'forms' })} className="back-link" data-testid="form-editor-back">
            ← {t('formEditor.back')}
          </a>
          <h1 data-testid="page-title">{t('formEditor.title', { formId })}</h1>
          <p className="muted form-editor-status">
            <span data-testid="form-editor-version">
              {version === null ? t('formEditor.unsavedNew') : t('formEditor.latest', { version })}
            </span>
            {dirty && (
              <Tag color="orange" data-testid="form-editor-dirty">
                {t('formEditor.dirty')}
              </Tag>
            )}
          </p>
        </div>
        <Button
          type="primary"
          onClick={() => void save()}
          disabled={!loaded || saving}
          loading={saving}
          data-testid="form-save"
        >
          {saving ? t('formEditor.saving') : t('formEditor.save')}
        </Button>
      </Flex>
      {restoredAt !== null && (
        <Alert
          className="cp-alert"
          type="info"
          showIcon
          role="status"
          data-testid="form-draft-restored"
          title={t('formEditor.draftRestored', { savedAt: formatDateTime(restoredAt) })}
          action={
            <Button size="small" onClick={() => void discardDraft()} data-testid="form-draft-discard">
              {t('formEditor.discardDraft')}
            </Button>
          }
        />
      )}
      <Notice text={notice} testId="form-save-notice" />
      {loadError !== null && (
        <ErrorMessage
          error={loadError instanceof ApiError ? loadError : new Error(t('formEditor.loadFailed'))}
          testId="form-load-error"
        />
      )}
      <ErrorMessage error={saveError} testId="form-save-error" />
      {fieldErrors.length > 0 && (
        <Table<ProblemError & { index: number }>
          className="problem-errors"
          data-testid="form-save-errors"
          size="small"
          pagination={false}
          rowKey="index"
          dataSource={fieldErrors.map((item, index) => ({ ...item, index }))}
          onRow={(item) =>
            ({ 'data-testid': 'form-save-error-row', 'data-path': item.path }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              key: 'field',
              title: t('formEditor.col.field'),
              render: (_, item) => {
                const component = schema ? componentOf(schema, item) : null;
                return component ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => select(component)}
                    data-testid="form-save-error-component"
                  >
                    {component.label && <span className="component-label">{component.label} </span>}
                    <code>{component.key ?? component.id}</code>
                  </button>
                ) : (
                  <code>{item.path ?? t('common.none')}</code>
                );
              },
            },
            { key: 'message', title: t('defs.col.message'), render: (_, item) => item.message },
          ]}
        />
      )}
      <div className="form-workbench">
        <div ref={editorRef} className="form-editor-canvas" data-testid="form-editor" />
        <FormPreview schema={schema} />
      </div>
    </main>
  );
}
