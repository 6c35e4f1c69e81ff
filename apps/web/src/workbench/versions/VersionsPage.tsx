// `#/definitions/<key>`: every version of a process (who deployed it, when, how many of the
// caller's cases run on it), any version drawn read-only, and what changed between two versions,
// listed and marked on the diagram (docs/versions.md).
import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Select, Tag, Tooltip } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { getDefinition, listDefinitionVersions } from '../../api/endpoints';
import type { DefinitionSummary } from '../../api/types';
import { CardTable } from '../../components/CardTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useI18n } from '../../i18n/i18n';
import { definitionKeys } from '../../pages/definitions/queries';
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

/** Each version's XML, cached for good: a version never changes once deployed. */
function useXmlOf(ids: (string | undefined)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  return useQueries({
    queries: wanted.map((id) => ({
      queryKey: definitionKeys.detail(id),
      queryFn: () => getDefinition(id),
      staleTime: Infinity,
    })),
    combine: (results) => {
      const xml: Record<string, string> = {};
      results.forEach((result, index) => {
        if (result.data) xml[wanted[index]!] = result.data.xml;
      });
      return { xml, error: results.find((result) => result.error)?.error ?? null };
    },
  });
}

export function VersionsPage({ definitionKey }: { definitionKey: string }) {
  const { t, formatDateTime } = useI18n();
  const list = useInfiniteQuery({
    queryKey: definitionKeys.versions(definitionKey),
    queryFn: ({ pageParam }) => listDefinitionVersions(definitionKey, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const versions = useMemo(
    () => (list.data?.pages.flatMap((page) => page.items) ?? []).sort((a, b) => b.version - a.version),
    [list.data],
  );
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

  const olderXml = older ? xml[older.id] : undefined;
  const newerXml = newer ? xml[newer.id] : undefined;
  // The differ and bpmn-moddle load only when someone compares; a pair is compared once.
  const comparison = useQuery({
    queryKey: [...definitionKeys.all, 'compare', older?.id, newer?.id],
    queryFn: () => import('./changes').then(({ compareVersions }) => compareVersions(olderXml!, newerXml!)),
    enabled: mode === 'compare' && Boolean(comparable) && olderXml !== undefined && newerXml !== undefined,
    staleTime: Infinity,
    retry: false,
  });
  const changes: VersionChanges | null = mode === 'compare' ? (comparison.data ?? null) : null;
  const compareError = mode === 'compare' ? comparison.error : null;

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
      <Flex className="page-head versions-head" justify="space-between" align="center" wrap gap={12}>
        <div className="versions-heading">
          <h1 data-testid="page-title">{t('versions.title')}</h1>
          <p className="versions-key">
            {latest?.name && <span data-testid="versions-name">{latest.name}</span>}
            <code data-testid="versions-key">{definitionKey}</code>
          </p>
        </div>
        {modelerVersion !== null && modelerVersion !== undefined && (
          <Button
            href={hrefFor({ page: 'modeler', key: definitionKey, version: modelerVersion })}
            data-testid="open-in-modeler"
          >
            {t('versions.openInModeler')}
          </Button>
        )}
      </Flex>

      <ErrorMessage error={list.error} testId="versions-error" />
      <Card className="versions-list">
        <VersionTable
          versions={versions}
          loading={list.isPending}
          viewed={mode === 'view' ? shownVersion : null}
          onView={view}
          formatDateTime={formatDateTime}
        />
        <p className="hint">{t('versions.runningHint')}</p>
        {list.hasNextPage && (
          <Button
            className="load-more"
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        )}
      </Card>

      {versions.length > 0 && (
        <Card className="versions-work">
          <Segmented<Mode>
            className="versions-modes"
            aria-label={t('versions.mode.label')}
            value={mode}
            onChange={(next) => {
              setMode(next);
              setFocus(null);
              if (next === 'compare') setSide('newer');
            }}
            options={[
              {
                value: 'view',
                label: <span data-testid="versions-mode-view">{t('versions.mode.view')}</span>,
              },
              {
                value: 'compare',
                disabled: versions.length < 2,
                label: (
                  <Tooltip title={versions.length < 2 ? t('versions.compare.needTwo') : undefined}>
                    <span data-testid="versions-mode-compare">{t('versions.mode.compare')}</span>
                  </Tooltip>
                ),
              },
            ]}
          />

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
                <Segmented<Side>
                  className="versions-sides"
                  block
                  aria-label={t('versions.side.label')}
                  value={side}
                  onChange={setSide}
                  options={[
                    {
                      value: 'newer',
                      label: (
                        <span data-testid="diagram-show-newer">
                          {t('versions.compare.showNewer', { version: newer.version })}
                        </span>
                      ),
                    },
                    {
                      value: 'older',
                      label: (
                        <span data-testid="diagram-show-older">
                          {t('versions.compare.showOlder', { version: older.version })}
                        </span>
                      ),
                    },
                  ]}
                />
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
        </Card>
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
  loading,
  viewed,
  onView,
  formatDateTime,
}: {
  versions: DefinitionSummary[];
  loading: boolean;
  viewed: number | null;
  onView(version: number): void;
  formatDateTime(iso: string): string;
}) {
  const { t } = useI18n();
  const latest = versions[0]?.version;
  const versionCell = (v: DefinitionSummary) => (
    <span>
      <strong>{v.version}</strong>
      {v.version === latest && (
        <Tag color="green" className="versions-latest">
          {t('versions.latest')}
        </Tag>
      )}
    </span>
  );
  return (
    <CardTable
      testId={versions.length === 0 ? 'versions-empty' : 'versions-table'}
      rows={versions}
      loading={loading}
      empty={loading ? t('common.loading') : t('versions.empty')}
      rowKey={(v) => v.id}
      rowTestId={(v) => `version-row-${v.version}`}
      rowClassName={(v) => (viewed === v.version ? 'selected' : '')}
      cardTitle={(v) => (
        <span>
          {t('versions.version', { version: v.version })}
          {v.version === latest && (
            <Tag color="green" className="versions-latest">
              {t('versions.latest')}
            </Tag>
          )}
        </span>
      )}
      columns={[
        { key: 'version', title: t('versions.col.version'), hideOnCard: true, render: versionCell },
        { key: 'name', title: t('versions.col.name'), render: (v) => v.name || t('common.none') },
        {
          key: 'deployedBy',
          title: t('versions.col.deployedBy'),
          render: (v) => (
            <span data-testid={`version-deployer-${v.version}`}>{v.deployedByName || t('common.none')}</span>
          ),
        },
        {
          key: 'deployedAt',
          title: t('versions.col.deployedAt'),
          render: (v) => formatDateTime(v.deployedAt),
        },
        {
          key: 'running',
          title: t('versions.col.running'),
          numeric: true,
          render: (v) => <span data-testid={`version-running-${v.version}`}>{v.runningInstances}</span>,
        },
        {
          key: 'actions',
          title: t('versions.col.actions'),
          render: (v) => (
            <Button
              size="small"
              onClick={() => onView(v.version)}
              disabled={viewed === v.version}
              data-testid={`version-view-${v.version}`}
            >
              {viewed === v.version ? t('versions.viewing') : t('versions.view')}
            </Button>
          ),
        },
      ]}
    />
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
      <Select<number>
        value={value}
        onChange={onChange}
        style={{ minWidth: 120 }}
        data-testid={testId}
        options={versions.map((v) => ({
          value: v.version,
          label: t('versions.version', { version: v.version }),
        }))}
      />
    </label>
  );
}
