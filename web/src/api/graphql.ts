/**
 * GraphQL over HTTP to the gateway that serves the app (same origin), with the agency's token. Errors
 * arrive as ApiError carrying the contract's extensions.code and, for BAD_USER_INPUT, every field
 * problem, so forms can show exactly what the hub refused.
 */
import type { TypedDocumentString } from '../generated/graphql';

export const GRAPHQL_PATH = '/graphql';

export interface FieldProblem {
  field: string;
  message: string;
}

/** NETWORK when the hub could not be reached; otherwise the contract's code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }
}

interface GraphQLResponse<R> {
  data?: R | null;
  errors?: { message: string; extensions?: { code?: string; problems?: FieldProblem[] } }[];
}

export type Execute = <R, V>(document: TypedDocumentString<R, V>, variables?: V) => Promise<R>;

/** An executor bound to one token; onUnauthenticated runs when the hub no longer accepts it. */
export function httpExecutor(token: string, onUnauthenticated: () => void): Execute {
  return async function execute<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
    let response: Response;
    try {
      response = await fetch(GRAPHQL_PATH, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
      });
    } catch (e) {
      throw new ApiError(e instanceof Error ? e.message : String(e), 'NETWORK');
    }
    let body: GraphQLResponse<R>;
    try {
      body = (await response.json()) as GraphQLResponse<R>;
    } catch {
      throw new ApiError(`HTTP ${response.status}`, response.status >= 500 ? 'NETWORK' : 'BAD_RESPONSE');
    }
    const errors = body.errors ?? [];
    if (errors.length) {
      const code = errors[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR';
      if (code === 'UNAUTHENTICATED') onUnauthenticated();
      throw new ApiError(errors[0].message, code, errors.flatMap((e) => e.extensions?.problems ?? []));
    }
    if (!body.data) throw new ApiError(`HTTP ${response.status}`, 'BAD_RESPONSE');
    return body.data;
  };
}
