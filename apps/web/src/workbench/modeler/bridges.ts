// The seams to two other pieces of the workbench (docs/modeler.md#what-comes-from-where):
// - the coverage lint rule, from libs/bpmn (the same map the deploy validator uses);
// - bpmn-js's translations (palette, context pad, properties panel, lint messages).
// Until those branches land, these stand-ins keep the exact signatures: a rule that reads the
// vocabulary, and a translate service that fills in `{placeholders}` and changes nothing else.
import type { ModelerVocabulary } from './modelerApi';

type Language = 'zh-CN' | 'en';

interface ModdleNode {
  $type: string;
  id?: string;
  triggeredByEvent?: boolean;
  eventDefinitions?: { $type: string }[];
  loopCharacteristics?: { $type: string };
  extensionElements?: { values?: { $type: string }[] };
  $instanceOf?: (type: string) => boolean;
}

interface Reporter {
  report(id: string, message: string): void;
}

/** A bpmnlint rule factory: the shape bpmnlint's StaticResolver hands the linter. */
export type RuleFactory = (config?: unknown) => { check(node: ModdleNode, reporter: Reporter): void };

const isA = (node: ModdleNode, type: string) => (node.$instanceOf ? node.$instanceOf(type) : node.$type === type);

function keysOf(node: ModdleNode): string[] {
  const definition = node.eventDefinitions?.[0];
  const own = definition
    ? `${node.$type}+${definition.$type}`
    : node.triggeredByEvent
      ? `${node.$type}+triggeredByEvent`
      : node.$type;
  const keys = [own];
  if (node.loopCharacteristics) keys.push(node.loopCharacteristics.$type);
  for (const value of node.extensionElements?.values ?? []) keys.push(value.$type);
  return keys;
}

/** Stand-in for libs/bpmn/src/lint.ts `createCoverageRule` (problems-vocab). */
export function createCoverageRule(vocabulary: ModelerVocabulary, language: Language): RuleFactory {
  const describe = (key: string): string | null => {
    const entry = vocabulary.coverage[key];
    if (entry?.supported) return null;
    const label = entry ? (language === 'zh-CN' ? (entry.labelZh ?? entry.label) : entry.label) : key;
    if (language === 'zh-CN') {
      if (!entry) return `CarePath 不支持 ${key}`;
      return entry.tier === 3 ? `CarePath 不支持「${label}」` : `CarePath 暂不支持「${label}」`;
    }
    if (!entry) return `${key} is not supported by CarePath`;
    return entry.tier === 3 ? `${label} is not supported by CarePath` : `${label} is not supported by CarePath yet`;
  };
  return () => ({
    check(node, reporter) {
      if (!node.id || !(isA(node, 'bpmn:FlowElement') || isA(node, 'bpmn:Artifact'))) return;
      for (const key of keysOf(node)) {
        const message = describe(key);
        if (message) reporter.report(node.id, message);
      }
    },
  });
}

type Replacements = Record<string, string | number | undefined>;

const fill = (template: string, replacements: Replacements = {}) =>
  template.replace(/{([^}]+)}/g, (match, name: string) => String(replacements[name] ?? match));

/** Stand-in for `bpmnTranslateModule(language)` (translations): a didi module for `translate`. */
export function bpmnTranslateModule(language: Language): { translate: ['value', typeof fill] } {
  void language;
  return { translate: ['value', fill] };
}

/** Stand-in for `translateLintMessage(message, language)` (translations). */
export function translateLintMessage(message: string, language: Language): string {
  void language;
  return message;
}
