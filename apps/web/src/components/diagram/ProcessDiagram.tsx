// A read-only drawing of a process (bpmn-js NavigatedViewer: pan, zoom) that pages decorate:
// markers on elements (a comparison's changes, a case's path, a heatmap), React overlays on
// elements (counts of cases waiting there) and clicks on elements. One component for every page
// that shows a diagram (docs/web.md#diagrams). Loaded lazily: the viewer is ~400 KB that other
// pages never need.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import { Button, Space, Tooltip } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../../i18n/i18n';
import './diagram.css';

/** React content pinned to an element, e.g. a badge with the cases waiting there. */
export interface DiagramOverlay {
  elementId: string;
  /** Where, relative to the element's box (diagram-js overlay positions). */
  position: { top?: number; right?: number; bottom?: number; left?: number };
  content: ReactNode;
}

export interface ProcessDiagramProps {
  xml: string;
  /** Marker classes by element id (`cp-diff-added`, `cp-active`, `cp-heat-3`, …; diagram.css); several separated by spaces. */
  markers?: Record<string, string>;
  overlays?: readonly DiagramOverlay[];
  /** Called with the id of a clicked flow node (not the process or a sequence flow). */
  onElementClick?(elementId: string): void;
  /** The element to bring into view; `seq` changes on every request, so the same id can be asked twice. */
  focus?: { id: string; seq: number } | null;
  label: string;
  /** Canvas height in px (default 460; 340 on phones via CSS). */
  height?: number;
}

type ViewerState =
  { kind: 'loading' } | { kind: 'ready' } | { kind: 'noLayout' } | { kind: 'failed'; message: string };

const FOCUS_MARKER = 'cp-focus';

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
 * (`touch-action: pan-y` in diagram.css), so the diagram never traps a scrolling finger.
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

const NO_MARKERS: Record<string, string> = {};
const NO_OVERLAYS: readonly DiagramOverlay[] = [];

export default function ProcessDiagram({
  xml,
  markers = NO_MARKERS,
  overlays = NO_OVERLAYS,
  onElementClick,
  focus = null,
  label,
  height,
}: ProcessDiagramProps) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<NavigatedViewer | null>(null);
  const [state, setState] = useState<ViewerState>({ kind: 'loading' });
  const [overlayHosts, setOverlayHosts] = useState<{ host: HTMLElement; content: ReactNode }[]>([]);
  const clickRef = useRef(onElementClick);
  clickRef.current = onElementClick;

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
        viewer
          .get<EventBus>('eventBus')
          .on('element.click', (event: { element: { id: string; type: string; waypoints?: unknown } }) => {
            const clicked = event.element;
            if (clicked.waypoints || clicked.type === 'bpmn:Process' || clicked.type === 'label') return;
            clickRef.current?.(clicked.id);
          });
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
    const applied = Object.entries(markers)
      .filter(([id]) => registry.get(id))
      .flatMap(([id, classes]) =>
        classes
          .split(/\s+/)
          .filter(Boolean)
          .map((marker) => [id, marker] as const),
      );
    for (const [id, marker] of applied) canvas.addMarker(id, marker);
    return () => {
      for (const [id, marker] of applied) canvas.removeMarker(id, marker);
    };
  }, [markers, state]);

  // Overlays are DOM nodes diagram-js positions; React renders into them through portals.
  useEffect(() => {
    const viewer = viewerRef.current;
    if (!viewer || state.kind !== 'ready') return;
    const service = viewer.get<Overlays>('overlays');
    const registry = viewer.get<ElementRegistry>('elementRegistry');
    const added: string[] = [];
    const hosts: { host: HTMLElement; content: ReactNode }[] = [];
    for (const overlay of overlays) {
      if (!registry.get(overlay.elementId)) continue;
      const host = document.createElement('div');
      host.className = 'cp-overlay';
      added.push(
        service.add(overlay.elementId, 'carepath', {
          position: overlay.position,
          html: host,
          scale: { min: 1, max: 1 },
        }),
      );
      hosts.push({ host, content: overlay.content });
    }
    setOverlayHosts(hosts);
    return () => {
      for (const id of added) service.remove(id);
      setOverlayHosts([]);
    };
  }, [overlays, state]);

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
    <div className="diagram-viewer" data-testid="diagram-viewer" data-state={state.kind}>
      <Space.Compact className="diagram-tools" aria-label={label}>
        <Tooltip title={t('diagram.zoomIn')}>
          <Button
            size="small"
            onClick={() => zoomBy(1.25)}
            data-testid="viewer-zoom-in"
            aria-label={t('diagram.zoomIn')}
          >
            ＋
          </Button>
        </Tooltip>
        <Tooltip title={t('diagram.zoomOut')}>
          <Button
            size="small"
            onClick={() => zoomBy(0.8)}
            data-testid="viewer-zoom-out"
            aria-label={t('diagram.zoomOut')}
          >
            －
          </Button>
        </Tooltip>
        <Button size="small" onClick={fit} data-testid="viewer-fit">
          {t('diagram.fit')}
        </Button>
      </Space.Compact>
      {state.kind === 'loading' && <p className="muted diagram-note">{t('diagram.loading')}</p>}
      {state.kind === 'noLayout' && (
        <p className="alert alert-info diagram-note" data-testid="viewer-no-layout">
          {t('diagram.noLayout')}
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="alert alert-error diagram-note" role="alert">
          {t('diagram.failed', { message: state.message })}
        </p>
      )}
      <div
        ref={container}
        className={onElementClick ? 'diagram-canvas clickable' : 'diagram-canvas'}
        style={height ? { height } : undefined}
        data-testid="diagram-canvas"
        aria-label={label}
        role="img"
      />
      {overlayHosts.map(({ host, content }) => createPortal(content, host))}
    </div>
  );
}
