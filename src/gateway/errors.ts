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

/**
 * A subgraph subscription's events, each through `map`, with a failure under them handed to `failed`,
 * which throws (the stream ends with that error) or gives one last event. Hand-written, not an async
 * generator: return() must reach the subgraph at once, even while next() waits for an event (a generator
 * would see it only after that event).
 */
export function relayEvents<T>(source: AsyncIterable<T>, map: (event: T) => T, failed: (e: unknown) => T): AsyncIterableIterator<T> {
  const events = source[Symbol.asyncIterator]();
  let ended = false;
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next: async () => {
      if (ended) return { done: true, value: undefined };
      try {
        const next = await events.next();
        return next.done ? next : { done: false, value: map(next.value) };
      } catch (e) {
        ended = true;
        return { done: false, value: failed(e) };
      }
    },
    return: async (value?: unknown) => {
      ended = true;
      await events.return?.(value);
      return { done: true, value: undefined };
    },
  };
  return iterator;
}

/**
 * What a subgraph subscription's failure is to the client: the subgraph's refusal (the array of errors
 * it sent) as it is; a socket refused or lost past graphql-ws's retries, logged, as SERVICE_UNAVAILABLE.
 */
export function subscriptionFailure(e: unknown, subgraphName: string, warn: (error: string) => void): unknown[] | GraphQLError {
  if (Array.isArray(e)) return e;
  warn((e as { message?: string }).message ?? String(e));
  return unavailable(subgraphName);
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
        return relayEvents(
          result,
          (event) => event,
          (e) => {
            throw subscriptionFailure(e, subgraphName, (error) => log.warn({ error }, 'subgraph subscription socket failed'));
          },
        );
      });
    },
  };
}
