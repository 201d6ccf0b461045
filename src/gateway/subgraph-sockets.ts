/**
 * One WebSocket from the gateway to each subgraph, carrying every caller's subscriptions, each with its
 * caller's signed identity in its `extensions` (auth.ts, identityExtension). The subgraph admits the
 * socket as the gateway's (a signature of its own, fresh at each connect) and each subscription as its
 * caller's, and refuses one subscription without touching the others.
 *
 * Found by the fan-out benchmark: with one socket per agency's subscription (the identity in the
 * socket's connectionParams, as @graphql-mesh/transport-ws keys its sockets), the sockets of 1,000
 * agencies each watching their inbox cost ~15 KiB a piece at the gateway and ~13 KiB at the documents
 * subgraph (RSS per subscriber 102 → 87 and 67 → 54 KiB without them), and their many small reads and
 * writes CPU on both sides. The same trust as HTTP, where one keep-alive connection carries many
 * callers' requests, each signed.
 */
import type { Transport } from '@graphql-mesh/transport-common';
import { buildGraphQLWSExecutor } from '@graphql-tools/executor-graphql-ws';
import type { Executor } from '@graphql-tools/utils';
import { signGatewayConnection } from '../shared/identity';

/** How long a subgraph socket with no subscription left stays open for the next one. */
const IDLE_CLOSE_MS = 3_000;

/** An executor over one lazily opened socket to the subgraph at `url` (http or ws), opened with the gateway's signature. */
export function subgraphSocket(gatewaySecret: string, url: string): Executor {
  return buildGraphQLWSExecutor({
    url: url.replace(/^http/, 'ws'),
    lazy: true,
    lazyCloseTimeout: IDLE_CLOSE_MS,
    // Read at each connect, so a socket opened again after the subgraph restarted is signed afresh.
    connectionParams: () => signGatewayConnection(gatewaySecret),
  });
}

/** The runtime's `ws` transport: one socket per subgraph (subgraphSocket). */
export function subgraphSockets(gatewaySecret: string): Transport {
  return {
    getSubgraphExecutor({ transportEntry }) {
      if (!transportEntry.location) throw new Error(`The ${transportEntry.subgraph} subgraph has no address for subscriptions.`);
      return subgraphSocket(gatewaySecret, transportEntry.location);
    },
  };
}
