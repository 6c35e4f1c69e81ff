// The bpmn.io packages the harness mounts, gathered in plain JavaScript because most of them ship
// no types (modules.d.ts types this file's exports loosely). Test-only: see index.html.
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import { FormEditor } from '@bpmn-io/form-js-editor';
import Modeler from 'bpmn-js/lib/Modeler';
import LintModule from 'bpmn-js-bpmnlint';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import feel from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/feel';
import implementation from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/implementation';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';

export { FormEditor, Modeler, zeebeModdle };

export const modelerModules = [
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
  ZeebeBehaviorsModule,
  CloudElementTemplatesPropertiesProviderModule,
  ElementTemplateChooserModule,
  LintModule,
  TokenSimulationModule,
];

/** A small lint setup (as the modeler builds one) so that the lint button and overlays show. */
export const bpmnlint = {
  config: {
    rules: {
      'bpmnlint/start-event-required': 'error',
      'camunda-compat/feel': ['error', { version: '8.6' }],
      'camunda-compat/implementation': ['error', { version: '8.6' }],
    },
  },
  resolver: new StaticResolver({
    'rule:bpmnlint/start-event-required': startEventRequired,
    'rule:bpmnlint-plugin-camunda-compat/feel': feel,
    'rule:bpmnlint-plugin-camunda-compat/implementation': implementation,
  }),
};
