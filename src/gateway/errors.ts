/**
 * What clients see of errors the gateway did not expect. Subgraph errors are GraphQL errors with the
 * contract's codes and pass through unchanged; anything else is masked. One case is worth telling the
 * client: a subgraph that cannot be reached is SERVICE_UNAVAILABLE (try again), not an internal error —
 * and the message names neither its address nor the socket error.
 */
import { GraphQLError } from 'graphql';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ErrorCode } from '../shared/errors';

/** The code @graphql-tools/executor-http gives a subgraph request that got no usable HTTP answer. */
const SUBGRAPH_UNREACHABLE = 'SUBREQUEST_HTTP_ERROR';

/** A GraphQL error raised as such (by a subgraph or the gateway), not a wrapped exception. */
function isOriginalGraphQLError(e: unknown): boolean {
  return e instanceof GraphQLError && (e.originalError == null || isOriginalGraphQLError(e.originalError));
}

/**
 * A new error where `from` was (its locations and path) with a contract code: built from scratch so
 * nothing else of the original (its stack, the subgraph request or parser internals it carried) leaks.
 */
export function errorAt(from: GraphQLError | undefined, message: string, extensions: { code: ErrorCode } & Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    nodes: from?.nodes,
    source: from?.source,
    positions: from?.positions,
    path: from?.path,
    extensions,
  });
}

/** SERVICE_UNAVAILABLE for a subgraph that cannot be reached, naming the service but not its address. */
export function unavailable(serviceName: unknown, from?: GraphQLError): GraphQLError {
  const message =
    typeof serviceName === 'string'
      ? `The ${serviceName} service cannot be reached now; try again shortly.`
      : 'A service this answer needs cannot be reached now; try again shortly.';
  return errorAt(from, message, { code: 'SERVICE_UNAVAILABLE', serviceName });
}

/** yoga's maskError hook (the runtime logs the original whenever the error is replaced). */
export function maskError(error: unknown, message: string): Error {
  if (error instanceof GraphQLError && error.extensions?.code === SUBGRAPH_UNREACHABLE) return unavailable(error.extensions.serviceName, error);
  if (isOriginalGraphQLError(error)) return error as GraphQLError;
  return errorAt(error instanceof GraphQLError ? error : undefined, message, { code: 'INTERNAL_SERVER_ERROR' });
}

/** The same events, with a failure of the socket under them turned into `fail()`'s error. */
function failingAs<T>(source: AsyncIterable<T>, fail: (e: unknown) => unknown): AsyncIterableIterator<T> {
  const events = source[Symbol.asyncIterator]();
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () =>
      events.next().catch((e: unknown) => {
        throw fail(e);
      }),
    return: (value?: unknown) => events.return?.(value) ?? Promise.resolve({ done: true, value }),
  };
  return iterator;
}

/**
 * Subscriptions reach subgraphs over WebSocket, whose failures (refused, or dropped past graphql-ws's
 * retries) surface as a rejected next() carrying a socket event and no code. A subgraph's own GraphQL
 * errors arrive as results, or as an array when it refuses the operation, and pass untouched.
 */
export function useSubgraphSocketErrors(): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName, executionRequest, executor, setExecutor, log }) {
      if (executionRequest.operationType !== 'subscription') return;
      setExecutor(async (request) => {
        const result = await executor(request);
        if (!(Symbol.asyncIterator in result)) return result;
        return failingAs(result, (e) => {
          if (Array.isArray(e)) return e;
          log.warn({ error: (e as { message?: string }).message ?? String(e) }, 'subgraph subscription socket failed');
          return unavailable(subgraphName);
        });
      });
    },
  };
}
