import type { DecisionTableModel } from './model';

/** A rule that matched, with the values of its output entries (one per output). */
export interface Hit {
  ruleId: string;
  outputs: unknown[];
}

export type Applied =
  /** UNIQUE, ANY, FIRST, PRIORITY: one hit's outputs, or null when no rule matched. */
  | { ok: true; kind: 'single'; outputs: unknown[] | null; matchedRuleIds: string[] }
  /** COLLECT, RULE ORDER, OUTPUT ORDER: every hit's outputs, in the policy's order. */
  | { ok: true; kind: 'list'; items: unknown[][]; matchedRuleIds: string[] }
  /** COLLECT with SUM, MIN, MAX or COUNT over the single output. */
  | { ok: true; kind: 'aggregate'; value: unknown; matchedRuleIds: string[] }
  | { ok: false; ruleIds: string[]; message: string };

/**
 * Applies a decision table's hit policy to the rules that matched, in rule order (DMN 1.3,
 * 8.2.11; docs/adr/0009-dmn-decisions.md). `priorities` holds, per output, its allowed values in
 * decreasing priority: PRIORITY and OUTPUT ORDER compare hits output by output, and a value
 * outside the list ranks below every listed one.
 */
export function applyHitPolicy(table: DecisionTableModel, hits: Hit[], priorities: unknown[][]): Applied {
  const ruleIds = hits.map((hit) => hit.ruleId);
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (hits.length > 1) {
        return {
          ok: false,
          ruleIds,
          message: `${hits.length} rules matched under hit policy UNIQUE: ${quote(ruleIds)}`,
        };
      }
      return single(hits[0]);
    case 'ANY': {
      const [first] = hits;
      const differing = hits.filter((hit) => !sameValue(hit.outputs, first?.outputs));
      if (first && differing.length > 0) {
        return {
          ok: false,
          ruleIds,
          message: `rules ${quote(ruleIds)} matched under hit policy ANY with different outputs`,
        };
      }
      return first
        ? { ok: true, kind: 'single', outputs: first.outputs, matchedRuleIds: ruleIds }
        : single(undefined);
    }
    case 'FIRST':
      return single(hits[0]);
    case 'PRIORITY':
      return single(byPriority(hits, priorities)[0]);
    case 'OUTPUT ORDER': {
      const ordered = byPriority(hits, priorities);
      return {
        ok: true,
        kind: 'list',
        items: ordered.map((hit) => hit.outputs),
        matchedRuleIds: ordered.map((hit) => hit.ruleId),
      };
    }
    case 'RULE ORDER':
      return { ok: true, kind: 'list', items: hits.map((hit) => hit.outputs), matchedRuleIds: ruleIds };
    case 'COLLECT':
      if (table.aggregation === undefined) {
        return { ok: true, kind: 'list', items: hits.map((hit) => hit.outputs), matchedRuleIds: ruleIds };
      }
      return aggregate(table.aggregation, hits);
  }
}

function single(hit: Hit | undefined): Applied {
  return { ok: true, kind: 'single', outputs: hit?.outputs ?? null, matchedRuleIds: hit ? [hit.ruleId] : [] };
}

/** Stable sort by each output's rank in its allowed values, first output first. */
function byPriority(hits: Hit[], priorities: unknown[][]): Hit[] {
  const rank = (hit: Hit): number[] =>
    priorities.map((values, output) => {
      if (values.length === 0) return 0;
      const at = values.findIndex((value) => sameValue(value, hit.outputs[output]));
      return at === -1 ? values.length : at;
    });
  const ranked = hits.map((hit, order) => ({ hit, order, rank: rank(hit) }));
  ranked.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i += 1) {
      const difference = (a.rank[i] ?? 0) - (b.rank[i] ?? 0);
      if (difference !== 0) return difference;
    }
    return a.order - b.order;
  });
  return ranked.map((entry) => entry.hit);
}

/**
 * The aggregations are FEEL's list functions over the hits' values: count of none is 0, sum,
 * min and max of none are null. SUM needs numbers, MIN and MAX numbers or strings alike.
 */
function aggregate(aggregation: 'SUM' | 'MIN' | 'MAX' | 'COUNT', hits: Hit[]): Applied {
  const matchedRuleIds = hits.map((hit) => hit.ruleId);
  const values = hits.map((hit) => hit.outputs[0] ?? null);
  if (aggregation === 'COUNT') return { ok: true, kind: 'aggregate', value: values.length, matchedRuleIds };
  if (values.length === 0) return { ok: true, kind: 'aggregate', value: null, matchedRuleIds };
  const numbers = values.every((value) => typeof value === 'number');
  const strings = values.every((value) => typeof value === 'string');
  if (aggregation === 'SUM') {
    if (!numbers) {
      return {
        ok: false,
        ruleIds: matchedRuleIds,
        message: `rules ${quote(matchedRuleIds)} gave values SUM cannot add: expected numbers`,
      };
    }
    return {
      ok: true,
      kind: 'aggregate',
      value: (values as number[]).reduce((sum, value) => sum + value, 0),
      matchedRuleIds,
    };
  }
  if (!numbers && !strings) {
    return {
      ok: false,
      ruleIds: matchedRuleIds,
      message: `rules ${quote(matchedRuleIds)} gave values ${aggregation} cannot compare: expected numbers or strings alike`,
    };
  }
  const sorted = [...(values as (number | string)[])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    ok: true,
    kind: 'aggregate',
    value: aggregation === 'MIN' ? sorted[0] : sorted[sorted.length - 1],
    matchedRuleIds,
  };
}

/** Deep equality of plain data (FEEL results are plain JSON here). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) =>
    sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

function quote(ids: string[]): string {
  return ids.map((id) => `'${id}'`).join(', ');
}
