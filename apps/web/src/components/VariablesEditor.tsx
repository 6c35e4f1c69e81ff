import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { readJson, readRows, rowsFrom, type VariableRow, type VariablesDraft } from './variablesDraft';

interface Props {
  draft: VariablesDraft;
  onChange(draft: VariablesDraft): void;
}

/** Key/value rows or a JSON textarea; switching mode carries the current values across. */
export function VariablesEditor({ draft, onChange }: Props) {
  const { t } = useI18n();
  const [switchError, setSwitchError] = useState<string | null>(null);

  const switchTo = (mode: VariablesDraft['mode']) => {
    if (mode === draft.mode) return;
    const read = draft.mode === 'rows' ? readRows(draft.rows, t) : readJson(draft.json, t);
    if (!read.ok) {
      setSwitchError(read.error);
      return;
    }
    setSwitchError(null);
    onChange(
      mode === 'json'
        ? { ...draft, mode, json: JSON.stringify(read.variables, null, 2) }
        : { ...draft, mode, rows: rowsFrom(read.variables) },
    );
  };

  const updateRow = (index: number, patch: Partial<VariableRow>) =>
    onChange({ ...draft, rows: draft.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)) });

  return (
    <div className="variables-editor" data-testid="variables-editor">
      <div className="segmented" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={draft.mode === 'rows'}
          className={draft.mode === 'rows' ? 'active' : ''}
          onClick={() => switchTo('rows')}
          data-testid="variables-mode-rows"
        >
          {t('vars.modeRows')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={draft.mode === 'json'}
          className={draft.mode === 'json' ? 'active' : ''}
          onClick={() => switchTo('json')}
          data-testid="variables-mode-json"
        >
          {t('vars.modeJson')}
        </button>
      </div>
      {switchError && <div className="field-error">{switchError}</div>}

      {draft.mode === 'rows' ? (
        <>
          <table className="variables-rows">
            <thead>
              <tr>
                <th>{t('vars.key')}</th>
                <th>{t('vars.value')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.rows.map((row, index) => (
                <tr key={index} data-testid="variable-row">
                  <td>
                    <input
                      aria-label={t('vars.key')}
                      value={row.key}
                      onChange={(e) => updateRow(index, { key: e.target.value })}
                      data-testid={`variable-key-${index}`}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('vars.value')}
                      value={row.value}
                      onChange={(e) => updateRow(index, { value: e.target.value })}
                      data-testid={`variable-value-${index}`}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onChange({ ...draft, rows: draft.rows.filter((_, i) => i !== index) })}
                    >
                      {t('vars.removeRow')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            className="button-secondary"
            onClick={() => onChange({ ...draft, rows: [...draft.rows, { key: '', value: '' }] })}
            data-testid="variable-add"
          >
            + {t('vars.addRow')}
          </button>
          <p className="hint">{t('vars.hint')}</p>
        </>
      ) : (
        <textarea
          className="json-input"
          rows={8}
          spellCheck={false}
          value={draft.json}
          onChange={(e) => onChange({ ...draft, json: e.target.value })}
          data-testid="variables-json"
        />
      )}
    </div>
  );
}
