// `#/definitions/<key>`: every version of a process (who deployed it, when, how many of the
// caller's cases run on it), any version drawn read-only, and what changed between two versions,
// listed and marked on the diagram (docs/versions.md).
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { getDefinition, listDefinitionVersions } from '../../api/endpoints';
import type { DefinitionSummary } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useCursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/i18n';
import { hrefFor } from '../../routing/routes';
import type { VersionChanges } from './changes';
import { ChangeList } from './ChangeList';
import './versions.css';

const ProcessDiagram = lazy(() => import('../../components/diagram/ProcessDiagram'));

/** Marker classes on the diagram; the browser test and versions.css use the same names. */
export const MARKERS = {
  added: 'cp-diff-added',
  removed: 'cp-diff-removed',
  changed: 'cp-diff-changed',
  layout: 'cp-diff-layout',
} as const;

type Mode = 'view' | 'compare';
type Side = 'newer' | 'older';

/** Each version's XML, fetched once per page (a version never changes once deployed). */
function useXmlOf(ids: (string | undefined)[]) {
  const [xml, setXml] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const requested = useRef(new Set<string>());
  const wanted = ids.filter((id): id is string => Boolean(id)).join(',');
  useEffect(() => {
    for (const id of wanted.split(',').filter(Boolean)) {
      if (requested.current.has(id)) continue;
      requested.current.add(id);
      getDefinition(id).then(
        (detail) => setXml((known) => ({ ...known, [id]: detail.xml })),
        (failure: unknown) => {
          requested.current.delete(id);
          setError(failure);
        },
      );
    }
  }, [wanted]);
  return { xml, error };
}

export function VersionsPage({ definitionKey }: { definitionKey: string }) {
  const { t, formatDateTime } = useI18n();
  const list = useCursorList((cursor) => listDefinitionVersions(definitionKey, cursor), definitionKey);
  const versions = useMemo(() => [...list.items].sort((a, b) => b.version - a.version), [list.items]);
  const latest = versions[0];

  const [mode, setMode] = useState<Mode>('view');
  const [viewed, setViewed] = useState<number | null>(null);
  const [olderVersion, setOlderVersion] = useState<number | null>(null);
  const [newerVersion, setNewerVersion] = useState<number | null>(null);
  const [side, setSide] = useState<Side>('newer');
  const [focus, setFocus] = useState<{ id: string; seq: number } | null>(null);

  const byVersion = (version: number | null) => versions.find((v) => v.version === version);
  const shownVersion = viewed ?? latest?.version ?? null;
  const older = byVersion(olderVersion ?? versions[1]?.version ?? null);
  const newer = byVersion(newerVersion ?? latest?.version ?? null);
  const comparable = older && newer && older.version !== newer.version;
  const viewedSummary = byVersion(shownVersion);

  const { xml, error: xmlError } = useXmlOf(mode === 'view' ? [viewedSummary?.id] : [older?.id, newer?.id]);

  const [changes, setChanges] = useState<VersionChanges | null>(null);
  const [compareError, setCompareError] = useState<unknown>(null);
  const olderXml = older ? xml[older.id] : undefined;
  const newerXml = newer ? xml[newer.id] : undefined;
  useEffect(() => {
    setChanges(null);
    setCompareError(null);
    if (mode !== 'compare' || !comparable || olderXml === undefined || newerXml === undefined) return;
    let live = true;
    // The differ and bpmn-moddle load only when someone compares.
    import('./changes')
      .then(({ compareVersions }) => compareVersions(olderXml, newerXml))
      .then(
        (result) => live && setChanges(result),
        (failure: unknown) => live && setCompareError(failure),
      );
    return () => {
      live = false;
    };
  }, [mode, comparable, olderXml, newerXml]);

  const markers = useMemo(() => {
    const out: Record<string, string> = {};
    if (mode !== 'compare' || !changes) return out;
    if (side === 'newer') {
      for (const change of changes.added) out[change.id] = MARKERS.added;
      for (const change of changes.changed) out[change.id] = MARKERS.changed;
      for (const change of changes.layout) out[change.id] = MARKERS.layout;
    } else {
      for (const change of changes.removed) out[change.id] = MARKERS.removed;
      for (const change of changes.changed) out[change.id] = MARKERS.changed;
    }
    return out;
  }, [mode, changes, side]);

  const diagramSummary = mode === 'view' ? viewedSummary : side === 'newer' ? newer : older;
  const diagramXml = diagramSummary ? xml[diagramSummary.id] : undefined;
  const modelerVersion = mode === 'view' ? shownVersion : newer?.version;

  const view = (version: number) => {
    setMode('view');
    setViewed(version);
    setFocus(null);
  };

  return (
    <main className="page versions-page" data-testid="versions-page">
      <p className="versions-back">
        <a href={hrefFor({ page: 'definitions' })} data-testid="versions-back">
          ← {t('versions.back')}
        </a>
      </p>
      <div className="page-head versions-head">
        <div className="versions-heading">
          <h1 data-testid="page-title">{t('versions.title')}</h1>
          <p className="versions-key">
            {latest?.name && <span data-testid="versions-name">{latest.name}</span>}
            <code data-testid="versions-key">{definitionKey}</code>
          </p>
        </div>
        {modelerVersion !== null && modelerVersion !== undefined && (
          <a
            className="button-link"
            href={hrefFor({ page: 'modeler', key: definitionKey, version: modelerVersion })}
            data-testid="open-in-modeler"
          >
            {t('versions.openInModeler')}
          </a>
        )}
      </div>

      <ErrorMessage error={list.error} testId="versions-error" />
      <section className="card">
        {versions.length === 0 ? (
          <p className="empty" data-testid="versions-empty">
            {list.loading ? t('common.loading') : t('versions.empty')}
          </p>
        ) : (
          <VersionTable
            versions={versions}
            viewed={mode === 'view' ? shownVersion : null}
            onView={view}
            formatDateTime={formatDateTime}
          />
        )}
        <p className="hint">{t('versions.runningHint')}</p>
        {list.hasMore && (
          <button
            type="button"
            className="button-secondary load-more"
            onClick={list.loadMore}
            disabled={list.loading}
          >
            {t('common.loadMore')}
          </button>
        )}
      </section>

      {versions.length > 0 && (
        <section className="card versions-work">
          <div className="versions-modes" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={mode === 'view'}
              className={mode === 'view' ? 'tab active' : 'tab'}
              onClick={() => setMode('view')}
              data-testid="versions-mode-view"
            >
              {t('versions.mode.view')}
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={mode === 'compare'}
              className={mode === 'compare' ? 'tab active' : 'tab'}
              onClick={() => {
                setMode('compare');
                setSide('newer');
                setFocus(null);
              }}
              disabled={versions.length < 2}
              title={versions.length < 2 ? t('versions.compare.needTwo') : undefined}
              data-testid="versions-mode-compare"
            >
              {t('versions.mode.compare')}
            </button>
          </div>

          {mode === 'view' && viewedSummary && (
            <h2 data-testid="viewing-title">
              {t('versions.version', { version: viewedSummary.version })}
              {viewedSummary.name ? ` · ${viewedSummary.name}` : ''}
            </h2>
          )}

          {mode === 'compare' && (
            <div className="versions-compare-pick">
              <VersionSelect
                label={t('versions.compare.older')}
                versions={versions}
                value={older?.version}
                onChange={setOlderVersion}
                testId="compare-older"
              />
              <span aria-hidden="true">→</span>
              <VersionSelect
                label={t('versions.compare.newer')}
                versions={versions}
                value={newer?.version}
                onChange={setNewerVersion}
                testId="compare-newer"
              />
            </div>
          )}

          <ErrorMessage error={xmlError} testId="versions-xml-error" />
          <ErrorMessage error={compareError} testId="versions-compare-error" />

          <div className={mode === 'compare' ? 'versions-compare' : undefined}>
            <div className="versions-diagram">
              {mode === 'compare' && comparable && older && newer && (
                <div className="versions-sides" role="group">
                  <button
                    type="button"
                    className={side === 'newer' ? 'tab active' : 'tab'}
                    aria-pressed={side === 'newer'}
                    onClick={() => setSide('newer')}
                    data-testid="diagram-show-newer"
                  >
                    {t('versions.compare.showNewer', { version: newer.version })}
                  </button>
                  <button
                    type="button"
                    className={side === 'older' ? 'tab active' : 'tab'}
                    aria-pressed={side === 'older'}
                    onClick={() => setSide('older')}
                    data-testid="diagram-show-older"
                  >
                    {t('versions.compare.showOlder', { version: older.version })}
                  </button>
                </div>
              )}
              {mode === 'compare' && <Legend side={side} />}
              {mode === 'compare' && !comparable ? (
                <p className="empty">{t('versions.compare.same')}</p>
              ) : diagramXml === undefined || !diagramSummary ? (
                <p className="muted">{t('diagram.loading')}</p>
              ) : (
                <Suspense fallback={<p className="muted">{t('diagram.loading')}</p>}>
                  <ProcessDiagram
                    key={diagramSummary.id}
                    xml={diagramXml}
                    markers={markers}
                    focus={focus}
                    label={t('versions.viewer.label', { version: diagramSummary.version })}
                  />
                </Suspense>
              )}
            </div>
            {mode === 'compare' && comparable && (
              <div className="versions-changes">
                {changes ? (
                  <ChangeList
                    changes={changes}
                    onPick={(change) => {
                      setSide(change.kind === 'removed' ? 'older' : 'newer');
                      setFocus((previous) => ({ id: change.id, seq: (previous?.seq ?? 0) + 1 }));
                    }}
                  />
                ) : (
                  !compareError && <p className="muted">{t('versions.compare.computing')}</p>
                )}
              </div>
            )}
          </div>
        </section>
      )}
    </main>
  );
}

function Legend({ side }: { side: Side }) {
  const { t } = useI18n();
  const items =
    side === 'newer' ? (['added', 'changed', 'layout'] as const) : (['removed', 'changed'] as const);
  return (
    <ul className="versions-legend" data-testid="versions-legend">
      {items.map((kind) => (
        <li key={kind}>
          <span className={`legend-swatch swatch-${kind}`} aria-hidden="true" />
          {t(`versions.legend.${kind}`)}
        </li>
      ))}
    </ul>
  );
}

function VersionTable({
  versions,
  viewed,
  onView,
  formatDateTime,
}: {
  versions: DefinitionSummary[];
  viewed: number | null;
  onView(version: number): void;
  formatDateTime(iso: string): string;
}) {
  const { t } = useI18n();
  const latest = versions[0]?.version;
  return (
    <table className="data-table card-table versions-table" data-testid="versions-table">
      <thead>
        <tr>
          <th className="numeric">{t('versions.col.version')}</th>
          <th>{t('versions.col.name')}</th>
          <th>{t('versions.col.deployedBy')}</th>
          <th>{t('versions.col.deployedAt')}</th>
          <th className="numeric">{t('versions.col.running')}</th>
          <th>{t('versions.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr
            key={v.id}
            className={viewed === v.version ? 'selected' : undefined}
            data-testid={`version-row-${v.version}`}
          >
            <td className="numeric" data-label={t('versions.col.version')}>
              <span>
                <strong>{v.version}</strong>
                {v.version === latest && <span className="badge badge-active">{t('versions.latest')}</span>}
              </span>
            </td>
            <td data-label={t('versions.col.name')}>{v.name || t('common.none')}</td>
            <td data-label={t('versions.col.deployedBy')} data-testid={`version-deployer-${v.version}`}>
              {v.deployedByName || t('common.none')}
            </td>
            <td data-label={t('versions.col.deployedAt')}>{formatDateTime(v.deployedAt)}</td>
            <td
              className="numeric"
              data-label={t('versions.col.running')}
              data-testid={`version-running-${v.version}`}
            >
              {v.runningInstances}
            </td>
            <td data-label={t('versions.col.actions')}>
              <button
                type="button"
                className="button-secondary button-small"
                onClick={() => onView(v.version)}
                disabled={viewed === v.version}
                data-testid={`version-view-${v.version}`}
              >
                {viewed === v.version ? t('versions.viewing') : t('versions.view')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One side of a comparison: a choice among the key's versions. */
function VersionSelect({
  label,
  versions,
  value,
  onChange,
  testId,
}: {
  label: string;
  versions: readonly { id: string; version: number }[];
  value: number | undefined;
  onChange(version: number): void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <label className="inline-field">
      <span>{label}</span>
      <select
        value={value ?? ''}
        onChange={(event) => onChange(Number(event.target.value))}
        data-testid={testId}
      >
        {versions.map((v) => (
          <option key={v.id} value={v.version}>
            {t('versions.version', { version: v.version })}
          </option>
        ))}
      </select>
    </label>
  );
}
