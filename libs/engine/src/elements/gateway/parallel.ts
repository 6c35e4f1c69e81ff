import type { Token } from '../../types';
import { defineHandler, type ElementOfType } from '../handler';

/**
 * Forks along every outgoing flow. With several incoming flows it joins: it fires once a token
 * has arrived by every incoming flow, merging one token per flow (the earliest); extra tokens on
 * a flow wait for the next round, as in Zeebe.
 */
export const parallelGatewayHandler = defineHandler<ElementOfType<'parallelGateway'>>({
  activate: ({ element, token, waiting }) => {
    if (element.incoming.length <= 1) return { kind: 'leave', flowIds: element.outgoing };
    const arrived = [...waiting, token];
    const merged: Token[] = [];
    for (const flowId of element.incoming) {
      const first = arrived.find((candidate) => candidate.flowId === flowId);
      if (!first) return { kind: 'wait' };
      merged.push(first);
    }
    // It did not fire on an earlier arrival, so the arriving token is the one that completes the
    // set and is among `merged`: it goes on, the others are merged into it.
    const joined = merged.filter((candidate) => candidate.id !== token.id).map((candidate) => candidate.id);
    return { kind: 'leave', flowIds: element.outgoing, joined };
  },
});
