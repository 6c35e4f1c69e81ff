import { Button, Space } from 'antd';
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
      <Space.Compact className="modeler-toolbar-group">
        <Button disabled={!editing} onClick={() => fileInput.current?.click()} data-testid="modeler-open">
          {t('modeler.open')}
        </Button>
        <Button disabled={!ready} onClick={props.onDownload} data-testid="modeler-download">
          {t('modeler.download')}
        </Button>
      </Space.Compact>
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
      <Space.Compact className="modeler-toolbar-group">
        <Button
          disabled={!editing || !props.canUndo}
          onClick={props.onUndo}
          title={`${t('modeler.undo')} (Ctrl+Z)`}
          data-testid="modeler-undo"
        >
          {t('modeler.undo')}
        </Button>
        <Button
          disabled={!editing || !props.canRedo}
          onClick={props.onRedo}
          title={`${t('modeler.redo')} (Ctrl+Y)`}
          data-testid="modeler-redo"
        >
          {t('modeler.redo')}
        </Button>
      </Space.Compact>
      <Space.Compact className="modeler-toolbar-group">
        <Button
          disabled={!ready}
          onClick={() => props.onZoom(1)}
          aria-label={t('modeler.zoomIn')}
          title={t('modeler.zoomIn')}
          data-testid="modeler-zoom-in"
        >
          +
        </Button>
        <Button
          disabled={!ready}
          onClick={() => props.onZoom(-1)}
          aria-label={t('modeler.zoomOut')}
          title={t('modeler.zoomOut')}
          data-testid="modeler-zoom-out"
        >
          −
        </Button>
        <Button disabled={!ready} onClick={props.onFit} data-testid="modeler-zoom-fit">
          {t('modeler.zoomFit')}
        </Button>
      </Space.Compact>
      <Space className="modeler-toolbar-group modeler-toolbar-end" wrap>
        <Button
          type={simulating ? 'primary' : 'default'}
          disabled={!ready}
          aria-pressed={simulating}
          onClick={props.onSimulate}
          data-testid="modeler-simulate"
        >
          {simulating ? t('modeler.simulateOn') : t('modeler.simulate')}
        </Button>
        <Button
          type="primary"
          disabled={!editing || props.deploying}
          loading={props.deploying}
          onClick={props.onDeploy}
          data-testid="modeler-deploy"
        >
          {props.deploying ? t('modeler.deploying') : t('modeler.deploy')}
        </Button>
      </Space>
    </div>
  );
}
