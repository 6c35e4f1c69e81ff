// Builds the bpmn-js Modeler with the modules WEB.md lists (docs/modeler.md#the-stack): the
// Zeebe properties panel and behaviors, Camunda 8 element templates with their chooser, the
// bpmnlint overlay, token simulation, CarePath's panel entries and the UI language.
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import Modeler from 'bpmn-js/lib/Modeler';
import lintModule from 'bpmn-js-bpmnlint';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import './modeler.css';
import { bpmnTranslateModule } from '../translations';
import { CarePathPropertiesProviderModule, type CarePathPanelConfig } from './carePathPanel';
import type { LintSetup } from './lintConfig';

export interface ModelerOptions {
  canvas: HTMLElement;
  panel: HTMLElement;
  language: 'zh-CN' | 'en';
  lint: LintSetup;
  elementTemplates: unknown[];
  carePath: CarePathPanelConfig;
}

export function createModeler(options: ModelerOptions): Modeler {
  return new Modeler({
    container: options.canvas,
    propertiesPanel: { parent: options.panel },
    keyboard: { bind: true },
    moddleExtensions: { zeebe: zeebeModdle },
    elementTemplates: options.elementTemplates,
    linting: { bpmnlint: options.lint, active: true },
    carePath: options.carePath,
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      ZeebeBehaviorsModule,
      CloudElementTemplatesPropertiesProviderModule,
      ElementTemplateChooserModule,
      lintModule,
      TokenSimulationModule,
      CarePathPropertiesProviderModule,
      // palette, context pad, panel and lint messages in the UI language (docs/translations.md)
      bpmnTranslateModule(options.language),
    ],
  });
}
