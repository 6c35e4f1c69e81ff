// A read-only drawing of one version (bpmn-js NavigatedViewer: pan, zoom), with markers on the
// elements a comparison names. Loaded lazily: the viewer is ~400 KB that other pages never need.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

export interface DiagramViewerProps {
  xml: string;
  /** Marker class by element id (`cp-diff-added`, …). */
  markers: Record<string, string>;
  /** The element to bring into view; `seq` changes on every request, so the same id can be asked twice. */
  focus: { id: string; seq: number } | null;
  label: string;
}

type ViewerState =
  { kind: 'loading' } | { kind: 'ready' } | { kind: 'noLayout' } | { kind: 'failed'; message: string };

const FOCUS_MARKER = 'cp-diff-focus';

/** Below this scale a task's label is too small to read (a five-task pathway on a phone). */
const MIN_READABLE_SCALE = 0.75;

/**
 * Fits and centres the diagram (diagram-js reads `'auto'` as "centre", which its types omit).
 * When fitting would make it unreadable, it shows the diagram's start at a readable scale
 * instead; the rest is a horizontal swipe or the zoom buttons away.
 */
function fitViewport(canvas: Canvas): void {
  canvas.zoom('fit-viewport', 'auto' as unknown as Parameters<Canvas['zoom']>[1]);
  if (canvas.zoom() >= MIN_READABLE_SCALE) return;
  canvas.zoom(MIN_READABLE_SCALE);
  const box = canvas.viewbox();
  canvas.viewbox({
    x: box.inner.x - 20,
    y: box.inner.y + box.inner.height / 2 - box.height / 2,
    width: box.width,
    height: box.height,
  });
}

/**
 * Horizontal panning by touch: the viewer pans by mouse only. Vertical swipes stay the page's
 * (`touch-action: pan-y` in versions.css), so the diagram never traps a scrolling finger.
 */
function panByTouch(element: HTMLElement, canvas: Canvas): () => void {
  let lastX: number | null = null;
  const start = (event: TouchEvent) => {
    lastX = event.touches.length === 1 ? (event.touches[0]?.clientX ?? null) : null;
  };
  const move = (event: TouchEvent) => {
    const x = event.touches[0]?.clientX;
    if (lastX === null || x === undefined) return;
    canvas.scroll({ dx: x - lastX, dy: 0 });
    lastX = x;
  };
  const end = () => {
    lastX = null;
  };
  element.addEventListener('touchstart', start, { passive: true });
  element.addEventListener('touchmove', move, { passive: true });
  element.addEventListener('touchend', end);
  return () => {
    element.removeEventListener('touchstart', start);
    element.removeEventListener('touchmove', move);
    element.removeEventListener('touchend', end);
  };
}

export default function DiagramViewer({ xml, markers, focus, label }: DiagramViewerProps) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<NavigatedViewer | null>(null);
  const [state, setState] = useState<ViewerState>({ kind: 'loading' });

  // One viewer per XML: created, imported and destroyed together (StrictMode mounts twice, so an
  // import that finishes after its cleanup is ignored; docs/versions.md).
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let cancelled = false;
    setState({ kind: 'loading' });
    const viewer = new NavigatedViewer({ container: element, moddleExtensions: { zeebe: zeebeSchema } });
    viewerRef.current = viewer;
    let stopPanning = () => {};
    viewer.importXML(xml).then(
      () => {
        if (cancelled) return;
        const canvas = viewer.get<Canvas>('canvas');
        fitViewport(canvas);
        stopPanning = panByTouch(element, canvas);
        setState({ kind: 'ready' });
      },
      (failure: unknown) => {
        if (cancelled) return;
        const message = failure instanceof Error ? failure.message : String(failure);
        setState(/no diagram to display/i.test(message) ? { kind: 'noLayout' } : { kind: 'failed', message });
      },
    );
    return () => {
      cancelled = true;
      stopPanning();
      viewerRef.current = null;
      viewer.destroy();
    };
  }, [xml]);

  useEffect(() => {
    const viewer = viewerRef.current;
    if (!viewer || state.kind !== 'ready') return;
    const canvas = viewer.get<Canvas>('canvas');
    const registry = viewer.get<ElementRegistry>('elementRegistry');
    const applied = Object.entries(markers).filter(([id]) => registry.get(id));
    for (const [id, marker] of applied) canvas.addMarker(id, marker);
    return () => {
      for (const [id, marker] of applied) canvas.removeMarker(id, marker);
    };
  }, [markers, state]);

  useEffect(() => {
    const viewer = viewerRef.current;
    if (!viewer || state.kind !== 'ready' || !focus) return;
    const registry = viewer.get<ElementRegistry>('elementRegistry');
    if (!registry.get(focus.id)) return;
    const canvas = viewer.get<Canvas>('canvas');
    canvas.scrollToElement(focus.id, 60);
    canvas.addMarker(focus.id, FOCUS_MARKER);
    return () => {
      if (viewerRef.current === viewer) canvas.removeMarker(focus.id, FOCUS_MARKER);
    };
  }, [focus, state]);

  const zoomBy = (factor: number) => {
    const canvas = viewerRef.current?.get<Canvas>('canvas');
    if (canvas) canvas.zoom(canvas.zoom() * factor);
  };
  const fit = () => {
    const viewer = viewerRef.current;
    if (viewer) fitViewport(viewer.get<Canvas>('canvas'));
  };

  return (
    <div className="versions-viewer" data-testid="diagram-viewer" data-state={state.kind}>
      <div className="versions-viewer-tools" role="toolbar" aria-label={label}>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => zoomBy(1.25)}
          data-testid="viewer-zoom-in"
          title={t('versions.viewer.zoomIn')}
        >
          ＋
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => zoomBy(0.8)}
          data-testid="viewer-zoom-out"
          title={t('versions.viewer.zoomOut')}
        >
          －
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={fit}
          data-testid="viewer-fit"
        >
          {t('versions.viewer.fit')}
        </button>
      </div>
      {state.kind === 'loading' && (
        <p className="muted versions-viewer-note">{t('versions.viewer.loading')}</p>
      )}
      {state.kind === 'noLayout' && (
        <p className="alert alert-info versions-viewer-note" data-testid="viewer-no-layout">
          {t('versions.viewer.noLayout')}
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="alert alert-error versions-viewer-note" role="alert">
          {t('versions.viewer.failed', { message: state.message })}
        </p>
      )}
      <div
        ref={container}
        className="versions-canvas"
        data-testid="diagram-canvas"
        aria-label={label}
        role="img"
      />
    </div>
  );
}
