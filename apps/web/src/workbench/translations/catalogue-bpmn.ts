import { bpmnJsZhCN } from './catalogue-bpmn-js.zh-CN';
import {
  elementTemplatesZhCN,
  headerTypeZhCN,
  lintChromeZhCN,
  panelChromeZhCN,
} from './catalogue-panel-extras.zh-CN';
import { propertiesPanelZhCN } from './catalogue-properties-panel.zh-CN';

/**
 * Everything bpmn.io passes to the `translate` service, in Chinese. One object per upstream
 * package; where two packages share a key the later spread wins, and bpmn-js comes last so its
 * words for element types stay the ones the palette uses. catalogue.spec.ts checks every key each package uses.
 */
export const bpmnZhCN: Readonly<Record<string, string>> = {
  ...headerTypeZhCN,
  ...lintChromeZhCN,
  ...elementTemplatesZhCN,
  ...panelChromeZhCN,
  ...propertiesPanelZhCN,
  ...bpmnJsZhCN,
};

/**
 * Keys built at run time from data (`Custom properties for scope <${type}>` in
 * bpmn-js-element-templates), rebuilt by pattern like lint messages.
 */
export const bpmnZhCNPatterns: readonly { pattern: RegExp; zh: (...groups: string[]) => string }[] = [
  { pattern: /^Custom properties for scope <(.+)>$/, zh: (scope) => `作用域 <${scope}> 的自定义属性` },
];
