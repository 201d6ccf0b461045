/**
 * What clients see of errors the gateway did not expect. Subgraph errors are GraphQL errors with the
 * contract's codes and pass through unchanged; anything else is masked. One case is worth telling the
 * client: a subgraph that cannot be reached is SERVICE_UNAVAILABLE (try again), not an internal error.
 */
import { GraphQLError } from 'graphql';
import type { ErrorCode } from '../shared/errors';

/** The code @graphql-tools/executor-http gives a subgraph request that got no usable HTTP answer. */
const SUBGRAPH_UNREACHABLE = 'SUBREQUEST_HTTP_ERROR';

/** A GraphQL error raised as such (by a subgraph or the gateway), not a wrapped exception. */
function isOriginalGraphQLError(e: unknown): boolean {
  return e instanceof GraphQLError && (e.originalError == null || isOriginalGraphQLError(e.originalError));
}

function located(error: unknown, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  const from = error instanceof GraphQLError ? error : undefined;
  // Built from scratch so nothing of the original (its stack, the subgraph request it carried) leaks.
  return new GraphQLError(message, {
    nodes: from?.nodes,
    source: from?.source,
    positions: from?.positions,
    path: from?.path,
    extensions: { code, ...extra },
  });
}

/** yoga's maskError hook (the runtime logs the original whenever the error is replaced). */
export function maskError(error: unknown, message: string): Error {
  if (error instanceof GraphQLError && error.extensions?.code === SUBGRAPH_UNREACHABLE) {
    const serviceName = error.extensions.serviceName;
    const which = typeof serviceName === 'string' ? `the ${serviceName} service` : 'a service';
    return located(error, 'SERVICE_UNAVAILABLE', `Part of this answer comes from ${which}, which cannot be reached now; try again shortly.`, { serviceName });
  }
  if (isOriginalGraphQLError(error)) return error as GraphQLError;
  return located(error, 'INTERNAL_SERVER_ERROR', message);
}
