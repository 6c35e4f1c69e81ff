import { useRef } from 'react';
import { useI18n } from '../../i18n/i18n';

interface Props {
  ready: boolean;
  canUndo: boolean;
  canRedo: boolean;
  simulating: boolean;
  deploying: boolean;
  onOpen(file: File): void;
  onDownload(): void;
  onUndo(): void;
  onRedo(): void;
  onZoom(step: number): void;
  onFit(): void;
  onSimulate(): void;
  onDeploy(): void;
}

/** Open, download, undo/redo, zoom, simulate, deploy. Keyboard shortcuts are bpmn-js's own. */
export function ModelerToolbar(props: Props) {
  const { t } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const { ready, simulating } = props;
  const editing = ready && !simulating;
  return (
    <div
      className="modeler-toolbar"
      role="toolbar"
      aria-label={t('modeler.toolbar')}
      data-testid="modeler-toolbar"
    >
      <div className="modeler-toolbar-group">
        <button
          type="button"
          className="button-secondary"
          disabled={!editing}
          onClick={() => fileInput.current?.click()}
          data-testid="modeler-open"
        >
          {t('modeler.open')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".bpmn,.xml,application/xml,text/xml"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="modeler-open-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) props.onOpen(file);
          }}
        />
        <button
          type="button"
          className="button-secondary"
          disabled={!ready}
          onClick={props.onDownload}
          data-testid="modeler-download"
        >
          {t('modeler.download')}
        </button>
      </div>
      <div className="modeler-toolbar-group">
        <button
          type="button"
          className="button-secondary"
          disabled={!editing || !props.canUndo}
          onClick={props.onUndo}
          title={`${t('modeler.undo')} (Ctrl+Z)`}
          data-testid="modeler-undo"
        >
          {t('modeler.undo')}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={!editing || !props.canRedo}
          onClick={props.onRedo}
          title={`${t('modeler.redo')} (Ctrl+Y)`}
          data-testid="modeler-redo"
        >
          {t('modeler.redo')}
        </button>
      </div>
      <div className="modeler-toolbar-group">
        <button
          type="button"
          className="button-secondary icon-button"
          disabled={!ready}
          onClick={() => props.onZoom(1)}
          aria-label={t('modeler.zoomIn')}
          title={t('modeler.zoomIn')}
          data-testid="modeler-zoom-in"
        >
          +
        </button>
        <button
          type="button"
          className="button-secondary icon-button"
          disabled={!ready}
          onClick={() => props.onZoom(-1)}
          aria-label={t('modeler.zoomOut')}
          title={t('modeler.zoomOut')}
          data-testid="modeler-zoom-out"
        >
          −
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={!ready}
          onClick={props.onFit}
          data-testid="modeler-zoom-fit"
        >
          {t('modeler.zoomFit')}
        </button>
      </div>
      <div className="modeler-toolbar-group modeler-toolbar-end">
        <button
          type="button"
          className={simulating ? 'button-primary' : 'button-secondary'}
          disabled={!ready}
          aria-pressed={simulating}
          onClick={props.onSimulate}
          data-testid="modeler-simulate"
        >
          {simulating ? t('modeler.simulateOn') : t('modeler.simulate')}
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={!editing || props.deploying}
          onClick={props.onDeploy}
          data-testid="modeler-deploy"
        >
          {props.deploying ? t('modeler.deploying') : t('modeler.deploy')}
        </button>
      </div>
    </div>
  );
}
