import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { FormSchema } from './api';
import { countErrors, mountForm, type MountedForm, dataOf } from './viewer';

const EMPTY_SCHEMA: FormSchema = { type: 'default', components: [] };

type Outcome = { valid: true } | { valid: false; count: number } | null;

/**
 * The editor's live preview: the viewer renders the schema being designed on every change,
 * keeping what was typed into it, and "try and validate" runs the viewer's submit with the
 * server's rules, so the lead sees the messages a teacher will see.
 */
export function FormPreview({ schema }: { schema: FormSchema | null }) {
  const { t, language } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const mounted = useRef<MountedForm | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [error, setError] = useState<string | null>(null);
  const components = Array.isArray(schema?.components) ? schema.components.length : 0;

  // The latest design and typed data, for a viewer made after them (first mount, language switch).
  const latest = useRef<{ schema: FormSchema | null; data: Record<string, unknown> }>({ schema, data: {} });
  latest.current.schema = schema;

  // One viewer per language: its messages and labels are set when it is made.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let cancelled = false;
    let mine: MountedForm | null = null;
    const { schema: first, data } = latest.current;
    mountForm(container, first ?? EMPTY_SCHEMA, data, language).then(
      (made) => {
        if (cancelled) return made.destroy();
        mine = made;
        mounted.current = made;
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      cancelled = true;
      if (mine) latest.current.data = dataOf(mine);
      mine?.destroy();
      mounted.current = null;
    };
  }, [language]);

  // Every change of the design re-renders the preview, keeping the data typed so far.
  useEffect(() => {
    const current = mounted.current;
    if (!current || !schema) return;
    current.form.importSchema(schema, dataOf(current)).then(
      () => setError(null),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
    setOutcome(null);
  }, [schema]);

  const tryIt = () => {
    const current = mounted.current;
    if (!current) return;
    const { errors } = current.form.submit();
    const count = countErrors(errors);
    setOutcome(count === 0 ? { valid: true } : { valid: false, count });
  };

  return (
    <section className="form-preview" data-testid="form-preview">
      <div className="form-preview-head">
        <h2>{t('formEditor.preview')}</h2>
        <button type="button" className="button-secondary" onClick={tryIt} data-testid="preview-validate">
          {t('formEditor.tryValidate')}
        </button>
      </div>
      <p className="hint">{t('formEditor.previewHint')}</p>
      {components === 0 && <p className="empty">{t('formEditor.previewEmpty')}</p>}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div ref={containerRef} className="form-preview-canvas" data-testid="form-preview-canvas" />
      {outcome && (
        <div
          className={`alert ${outcome.valid ? 'alert-success' : 'alert-error'}`}
          role="status"
          data-testid="preview-outcome"
          data-valid={outcome.valid}
        >
          {outcome.valid
            ? t('formEditor.previewValid')
            : t('formEditor.previewInvalid', { count: outcome.count })}
        </div>
      )}
    </section>
  );
}
