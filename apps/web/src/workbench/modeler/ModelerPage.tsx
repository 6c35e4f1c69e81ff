// The psychology lead's modeler (docs/modeler.md). Lazy-loaded by app/router.tsx: this module and
// bpmn-js (~2.8 MB) are fetched only when `#/modeler` is opened.
import { Alert, Button } from 'antd';
import { queryClient } from '../../app/Providers';
import { definitionKeys } from '../../pages/definitions/queries';
import type Modeler from 'bpmn-js/lib/Modeler';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Me } from '../../api/types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { isDeployerRole } from '../../session/roles';
import { listForms, type FormSummary } from '../forms/api';
import { useI18n } from '../../i18n/i18n';
import { useNavigate } from 'react-router';
import { pathFor } from '../../routing/routes';
import { useLeaveGuard } from '../../routing/useLeaveGuard';
import { createModeler } from './createModeler';
import { DeployOutcomePanel, type DeployOutcome } from './DeployOutcomePanel';
import {
  clearDeployProblems,
  deployProblemsOf,
  problemsIn,
  revealElement,
  showDeployProblems,
} from './deployProblems';
import { clearDraft, readDraft, saveDraft } from './drafts';
import { buildLintSetup } from './lintConfig';
import {
  deployXml,
  getElementTemplates,
  getVocabulary,
  loadDefinition,
  type ModelerVocabulary,
} from './modelerApi';
import { newDiagramXml, newProcessId, processIdOf } from './newDiagram';
import { ModelerToolbar } from './ModelerToolbar';

/** The product's roles a task may be offered to, when the server's vocabulary is unavailable. */
const FALLBACK_CANDIDATE_GROUPS = [
  'classTeacher',
  'psychTeacher',
  'gradeLeader',
  'principal',
  'psychLead',
  'districtSupervisor',
  'peerMonitor',
];

/** A stable empty list: a new `[]` each render would recreate the modeler each render. */
const NO_TEMPLATES: unknown[] = [];
const NO_FORMS: FormSummary[] = [];

/** Below this width the modeler says it needs a larger screen instead of rendering. */
const NARROW = '(max-width: 767px)';

interface Props {
  definitionKey?: string;
  version?: number;
  /** The signed-in user: a new diagram's forms are those usable where they may deploy. */
  me: Me;
}

/** What the canvas shows: from the server, a new template, or a draft kept on this computer. */
interface Source {
  loadId: number;
  xml: string;
  /** The deployed version the diagram is based on; null for a new diagram. */
  version: number | null;
  /** When a draft replaced the server's XML, when it was saved. */
  draftSavedAt: string | null;
  /** The unit that owns the key (fixed by version 1); null for a new diagram. */
  ownerUnitId: string | null;
}

/** The forms offered for one set of owner units (`usableAt`, joined), so stale ones never show. */
interface FormsFor {
  usableAt: string;
  forms: FormSummary[];
}

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: unknown };

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}

export default function ModelerPage({ definitionKey, version, me }: Props) {
  const { t, language, label, formatTimestamp } = useI18n();
  const navigate = useNavigate();
  const narrow = useMediaQuery(NARROW);

  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler | null>(null);
  /** The XML as last seen: the modeler is recreated from it when the language changes. */
  const xmlRef = useRef<string>('');
  const dirtyRef = useRef(false);
  /** The key the page itself navigated to after deploying a new diagram: no reload for it. */
  const deployedKeyRef = useRef<string | null>(null);
  const loadCounter = useRef(0);
  /** Where drafts go: the route's key, which a first deploy sets without recreating the modeler. */
  const draftKeyRef = useRef(definitionKey);
  useEffect(() => {
    draftKeyRef.current = definitionKey;
  }, [definitionKey]);

  const [vocabulary, setVocabulary] = useState<Load<ModelerVocabulary | null>>({ state: 'loading' });
  const [templates, setTemplates] = useState<Load<unknown[]>>({ state: 'loading' });
  const [forms, setForms] = useState<Load<FormsFor>>({ state: 'loading' });
  const [source, setSource] = useState<Load<Source>>({ state: 'loading' });
  const [ready, setReady] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  const [dirty, setDirtyState] = useState(false);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const [simulating, setSimulating] = useState(false);
  const [deploying, setDeploying] = useState(false);
  const [outcome, setOutcome] = useState<DeployOutcome | null>(null);
  const [draftNotice, setDraftNotice] = useState<string | null>(null);
  const [processId, setProcessId] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  const setDirty = useCallback((next: boolean) => {
    dirtyRef.current = next;
    setDirtyState(next);
  }, []);

  // The server's vocabulary: once. Without it the coverage rule and the lists fall back.
  useEffect(() => {
    let cancelled = false;
    getVocabulary().then(
      (value) => !cancelled && setVocabulary({ state: 'ready', value }),
      (error: unknown) => !cancelled && setVocabulary({ state: 'failed', error }),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  // The forms a user task may link (the panel's form choice): those usable at the unit that owns
  // the diagram — the key's owner, or for a new diagram every unit where the user may deploy (it
  // will be owned at one of them). Other forms would never reach its cases (docs/modeler.md).
  const sourceOwner = source.state === 'ready' ? source.value.ownerUnitId : null;
  const sourceLoaded = source.state === 'ready';
  const usableAt = useMemo(() => {
    if (!sourceLoaded) return null;
    if (sourceOwner) return sourceOwner;
    const units = me.roles.filter((grant) => isDeployerRole(grant.role)).map((g) => g.orgUnitId);
    return [...new Set(units)].sort().join(',');
  }, [sourceLoaded, sourceOwner, me]);
  useEffect(() => {
    if (usableAt === null) return;
    let cancelled = false;
    const units = usableAt ? usableAt.split(',') : [];
    // No unit to deploy at: nothing to link (the api would refuse the deploy anyway).
    (units.length > 0 ? listForms(units) : Promise.resolve({ items: [] })).then(
      (value) => !cancelled && setForms({ state: 'ready', value: { usableAt, forms: value.items } }),
      (error: unknown) => !cancelled && setForms({ state: 'failed', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [usableAt]);

  // Element templates come in the request's language: again on a language switch.
  useEffect(() => {
    let cancelled = false;
    setTemplates({ state: 'loading' });
    getElementTemplates().then(
      (value) => !cancelled && setTemplates({ state: 'ready', value: Array.isArray(value) ? value : [] }),
      (error: unknown) => !cancelled && setTemplates({ state: 'failed', error }),
    );
    return () => {
      cancelled = true;
    };
  }, [language]);

  // The diagram for the route: a draft on this computer wins over the server's version.
  useEffect(() => {
    if (definitionKey && deployedKeyRef.current === definitionKey) {
      deployedKeyRef.current = null;
      return;
    }
    let cancelled = false;
    setSource({ state: 'loading' });
    setOutcome(null);
    const load = async (): Promise<Source> => {
      let xml: string;
      let loadedVersion: number | null = null;
      let ownerUnitId: string | null = null;
      if (definitionKey) {
        const definition = await loadDefinition(definitionKey, version);
        if (!definition)
          throw new Error(
            version === undefined
              ? t('modeler.notFound', { key: definitionKey })
              : t('modeler.versionNotFound', { key: definitionKey, version }),
          );
        xml = definition.xml;
        loadedVersion = definition.version;
        ownerUnitId = definition.ownerUnitId;
      } else {
        xml = newDiagramXml(newProcessId(), t('modeler.defaultName'));
      }
      const store = storage();
      const draft = store && version === undefined ? readDraft(store, definitionKey) : null;
      const useDraft = draft !== null && draft.xml !== xml;
      return {
        loadId: ++loadCounter.current,
        xml: useDraft ? draft.xml : xml,
        version: loadedVersion,
        draftSavedAt: useDraft ? draft.savedAt : null,
        ownerUnitId,
      };
    };
    load().then(
      (value) => {
        if (cancelled) return;
        xmlRef.current = value.xml;
        setDirty(value.draftSavedAt !== null);
        setDraftNotice(value.draftSavedAt);
        setSource({ state: 'ready', value });
      },
      (error: unknown) => !cancelled && setSource({ state: 'failed', error }),
    );
    return () => {
      cancelled = true;
    };
    // `t` changes with the language; the diagram does not need reloading for that.
  }, [definitionKey, version, reloads, setDirty]);

  const vocabularyValue = vocabulary.state === 'ready' ? vocabulary.value : null;
  const loadId = source.state === 'ready' ? source.value.loadId : null;
  const templatesValue =
    templates.state === 'ready' ? templates.value : templates.state === 'failed' ? NO_TEMPLATES : null;
  const formsValue =
    forms.state === 'ready' && forms.value.usableAt === usableAt
      ? forms.value.forms
      : forms.state === 'failed'
        ? NO_FORMS
        : null;
  const dependenciesReady =
    vocabulary.state !== 'loading' && templatesValue !== null && formsValue !== null && loadId !== null;

  const panelConfig = useMemo(
    () => ({
      roles: (vocabularyValue?.candidateGroups ?? FALLBACK_CANDIDATE_GROUPS).map((role) => ({
        value: role,
        label: label('role', role),
      })),
      jobTypes: vocabularyValue?.jobTypes ?? [],
      text: {
        candidateRoles: t('modeler.panel.candidateRoles'),
        candidateRolesHint: t('modeler.panel.candidateRolesHint'),
        otherGroups: (groups: string) => t('modeler.panel.otherGroups', { groups }),
        jobType: t('modeler.panel.jobType'),
        jobTypeNone: t('modeler.panel.jobTypeNone'),
        jobTypeUnknown: (type: string) => t('modeler.panel.jobTypeUnknown', { type }),
        form: t('modeler.panel.form'),
        formHint: t('modeler.panel.formHint'),
        formNone: t('modeler.panel.formNone'),
        formUnknown: (formId: string) => t('modeler.panel.formUnknown', { formId }),
        formOther: t('modeler.panel.formOther'),
      },
      forms: (formsValue ?? NO_FORMS).map(({ formId, name }) => ({ formId, name })),
    }),
    [vocabularyValue, formsValue, label, t],
  );

  // One modeler per diagram load and language (a language switch recreates it from the XML).
  useEffect(() => {
    if (narrow || !dependenciesReady || !canvasRef.current || !panelRef.current) return;
    let cancelled = false;
    const modeler = createModeler({
      canvas: canvasRef.current,
      panel: panelRef.current,
      language,
      lint: buildLintSetup(vocabularyValue, language),
      elementTemplates: templatesValue ?? [],
      carePath: panelConfig,
    });
    modelerRef.current = modeler;
    setReady(false);
    setImportError(null);
    const eventBus = modeler.get<{
      on(event: string, callback: (event: { active?: boolean }) => void): void;
    }>('eventBus');
    const commandStack = modeler.get<{ canUndo(): boolean; canRedo(): boolean }>('commandStack');
    eventBus.on('commandStack.changed', () => {
      if (cancelled) return;
      setHistory({ canUndo: commandStack.canUndo(), canRedo: commandStack.canRedo() });
      setDirty(true);
      void modeler.saveXML({ format: true }).then(({ xml }) => {
        if (cancelled || !xml) return;
        xmlRef.current = xml;
        setProcessId(processIdOf(xml));
        const store = storage();
        if (store) saveDraft(store, draftKeyRef.current, xml);
      });
    });
    eventBus.on('tokenSimulation.toggleMode', (event) => !cancelled && setSimulating(Boolean(event.active)));
    modeler.importXML(xmlRef.current).then(
      () => {
        if (cancelled) return;
        modeler.get<{ zoom(to: string, center: string): void }>('canvas').zoom('fit-viewport', 'auto');
        setProcessId(processIdOf(xmlRef.current));
        setHistory({ canUndo: false, canRedo: false });
        setSimulating(false);
        setReady(true);
        performance.mark('carepath:modeler-interactive');
      },
      (error: unknown) => {
        // Under StrictMode the first modeler is destroyed while importing ("reading 'root-0'").
        if (cancelled) return;
        setImportError(
          t('modeler.importFailed', { message: error instanceof Error ? error.message : String(error) }),
        );
      },
    );
    return () => {
      cancelled = true;
      modelerRef.current = null;
      modeler.destroy();
      // Not ready until the next modeler has imported (another version loading, a language).
      setReady(false);
    };
    // Recreated for a new load, a language, a vocabulary or templates; not for `t`/panelConfig
    // identity alone (they change with the language, which is a dependency).
  }, [narrow, dependenciesReady, loadId, language, vocabularyValue, templatesValue, formsValue]);

  // A language switch recreates the modeler: a refused deploy's markers and messages go back on
  // the new canvas, worded in the new language (the list does the same, DeployOutcomePanel).
  useEffect(() => {
    const modeler = modelerRef.current;
    if (!ready || !modeler || outcome?.kind !== 'failed') return;
    showDeployProblems(modeler, problemsIn(outcome.problems, outcome.language, language));
  }, [ready, outcome, language]);

  // Leaving with changes not deployed asks first: in-app navigation and closing the tab.
  useLeaveGuard(() => dirtyRef.current, t('modeler.confirmLeave'));

  const discardDraft = () => {
    const store = storage();
    if (store) clearDraft(store, definitionKey);
    setDirty(false);
    setDraftNotice(null);
    // Load again from the server (or a fresh template): without the draft this time.
    setReloads((count) => count + 1);
  };

  const openFile = async (file: File) => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    if (dirtyRef.current && !window.confirm(t('modeler.confirmOpen'))) return;
    let xml: string;
    try {
      xml = await file.text();
    } catch (error) {
      setImportError(
        t('modeler.openFailed', { message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    try {
      await modeler.importXML(xml);
    } catch (error) {
      setImportError(
        t('modeler.importFailed', { message: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    setImportError(null);
    setOutcome(null);
    xmlRef.current = xml;
    setProcessId(processIdOf(xml));
    modeler.get<{ zoom(to: string, center: string): void }>('canvas').zoom('fit-viewport', 'auto');
    setDirty(true);
    const store = storage();
    if (store) saveDraft(store, definitionKey, xml);
  };

  const download = async () => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    const { xml } = await modeler.saveXML({ format: true });
    if (!xml) return;
    const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${processIdOf(xml) ?? 'diagram'}.bpmn`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  const deploy = async () => {
    const modeler = modelerRef.current;
    if (!modeler || deploying) return;
    setDeploying(true);
    setOutcome(null);
    clearDeployProblems(modeler);
    try {
      const { xml } = await modeler.saveXML({ format: true });
      const { created, result } = await deployXml(xml ?? '');
      // The definitions list and the versions page show the new version when next opened.
      void queryClient.invalidateQueries({ queryKey: definitionKeys.all });
      const store = storage();
      if (store) {
        clearDraft(store, definitionKey);
        clearDraft(store, result.key);
      }
      setDirty(false);
      setDraftNotice(null);
      setOutcome({
        kind: created ? 'created' : 'unchanged',
        version: result.version,
        language,
        warnings: result.warnings,
      });
      if (definitionKey !== result.key || version !== undefined) {
        // Now it has a key (or is the latest version): the address says so, the canvas stays.
        deployedKeyRef.current = result.key;
        void navigate(pathFor({ page: 'modeler', key: result.key }));
      }
    } catch (error) {
      const problems = deployProblemsOf(error);
      const onCanvas =
        modelerRef.current === modeler ? showDeployProblems(modeler, problems) : new Set<string>();
      setOutcome({ kind: 'failed', error, problems, onCanvas, language });
    } finally {
      setDeploying(false);
    }
  };

  const modeler = () => modelerRef.current;
  const title = definitionKey ? t('modeler.titleKey', { key: definitionKey }) : t('modeler.newTitle');

  if (narrow) {
    return (
      <main className="page modeler-page" data-testid="modeler-page">
        <h1 data-testid="page-title">{title}</h1>
        <Alert
          type="warning"
          showIcon
          role="status"
          data-testid="modeler-small-screen"
          title={t('modeler.smallScreen')}
        />
      </main>
    );
  }

  const sourceVersion = source.state === 'ready' ? source.value.version : null;
  return (
    <main className="modeler-page" data-testid="modeler-page">
      <div className="modeler-head">
        <h1 data-testid="page-title">{title}</h1>
        {processId && processId !== definitionKey && (
          <code data-testid="modeler-process-id">{processId}</code>
        )}
        {sourceVersion !== null && (
          <span className="muted" data-testid="modeler-version">
            {t('modeler.version', { version: sourceVersion })}
          </span>
        )}
        {dirty && (
          <span className="modeler-dirty" data-testid="modeler-dirty">
            {t('modeler.unsavedBadge')}
          </span>
        )}
      </div>
      <ModelerToolbar
        ready={ready}
        canUndo={history.canUndo}
        canRedo={history.canRedo}
        simulating={simulating}
        deploying={deploying}
        onOpen={openFile}
        onDownload={download}
        onUndo={() => modeler()?.get<{ undo(): void }>('commandStack').undo()}
        onRedo={() => modeler()?.get<{ redo(): void }>('commandStack').redo()}
        onZoom={(step) =>
          modeler()
            ?.get<{ trigger(action: string, opts: object): void }>('editorActions')
            .trigger('stepZoom', { value: step })
        }
        onFit={() =>
          modeler()?.get<{ zoom(to: string, center: string): void }>('canvas').zoom('fit-viewport', 'auto')
        }
        onSimulate={() => modeler()?.get<{ toggleMode(): void }>('toggleMode').toggleMode()}
        onDeploy={deploy}
      />
      {vocabulary.state === 'failed' && (
        <Alert
          className="cp-alert"
          type="warning"
          showIcon
          role="status"
          data-testid="modeler-vocabulary-failed"
          title={t('modeler.vocabularyFailed')}
        />
      )}
      {templates.state === 'failed' && (
        <Alert
          className="cp-alert"
          type="warning"
          showIcon
          role="status"
          title={t('modeler.templatesFailed')}
        />
      )}
      {forms.state === 'failed' && (
        <Alert className="cp-alert" type="warning" showIcon role="status" title={t('modeler.formsFailed')} />
      )}
      {draftNotice && (
        <Alert
          className="cp-alert"
          type="warning"
          showIcon
          role="status"
          data-testid="modeler-draft-notice"
          title={t('modeler.draftRestored', { time: formatTimestamp(draftNotice) })}
          action={
            <Button size="small" onClick={discardDraft} data-testid="modeler-discard-draft">
              {t('modeler.discardDraft')}
            </Button>
          }
        />
      )}
      {source.state === 'failed' && <ErrorMessage error={source.error} testId="modeler-load-error" />}
      {importError && (
        <Alert
          className="cp-alert"
          type="error"
          showIcon
          role="alert"
          data-testid="modeler-import-error"
          title={importError}
        />
      )}
      {simulating && (
        <Alert
          className="cp-alert"
          type="info"
          showIcon
          role="status"
          data-testid="modeler-simulation-hint"
          title={t('modeler.simulateHint')}
        />
      )}
      <DeployOutcomePanel outcome={outcome} onReveal={(id) => modeler() && revealElement(modeler()!, id)} />
      <div className="modeler-workspace" data-testid="modeler" data-ready={ready ? 'true' : 'false'}>
        {/* bpmn-js owns the canvas element's children; React renders nothing inside it. */}
        <div
          className="modeler-canvas"
          ref={canvasRef}
          aria-label={t('modeler.canvasLabel')}
          data-testid="modeler-canvas"
        />
        {!ready && <p className="modeler-loading muted">{t('modeler.loading')}</p>}
        <aside
          className="modeler-panel"
          ref={panelRef}
          aria-label={t('modeler.panelLabel')}
          data-testid="modeler-panel"
        />
      </div>
      <p className="muted modeler-shortcuts">{t('modeler.shortcuts')}</p>
    </main>
  );
}
