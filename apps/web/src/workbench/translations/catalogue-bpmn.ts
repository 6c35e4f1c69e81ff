import { bpmnJsZhCN } from './catalogue-bpmn-js.zh-CN';

/**
 * Everything bpmn.io passes to the `translate` service, in Chinese. One file per upstream
 * package; a key two packages share is translated once (the first file wins, and the coverage
 * test in catalogue.spec.ts checks every key each package uses).
 */
export const bpmnZhCN: Readonly<Record<string, string>> = {
  ...bpmnJsZhCN,
};
