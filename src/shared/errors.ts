/**
 * The one error vocabulary of the hub: the contract's extensions.code values, thrown as GraphQLErrors
 * so every server (subgraph or gateway) reports them unchanged.
 */
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'INVALID_STATUS_TRANSITION'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export class HubError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extra } });
  }
}

/** One problem with one input field, reported together with the others (never only the first). */
export interface FieldProblem {
  field: string;
  message: string;
}

export const unauthenticated = (message = 'A valid access token is required (Authorization: Bearer <JWT>).') =>
  new HubError('UNAUTHENTICATED', message);
export const forbidden = (message: string) => new HubError('FORBIDDEN', message);
export const notFound = (message: string) => new HubError('NOT_FOUND', message);
export const conflict = (message: string) => new HubError('CONFLICT', message);
export const invalidTransition = (message: string) => new HubError('INVALID_STATUS_TRANSITION', message);

export function badInput(problems: FieldProblem[] | string): HubError {
  if (typeof problems === 'string') return new HubError('BAD_USER_INPUT', problems);
  const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new HubError('BAD_USER_INPUT', message, { problems });
}

export function isHubError(e: unknown): e is HubError {
  return e instanceof HubError;
}
