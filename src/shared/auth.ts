/**
 * Per-operation authentication state shared by every subgraph. Identity is resolved once per request
 * (or per WebSocket connection); operations that need it call requireIdentity.
 */
import { unauthenticated, type HubError } from './errors';
import type { Identity } from './identity';

export interface AuthState {
  identity?: Identity;
  /** Why the credentials sent were refused, reported when an operation needs them. */
  error?: HubError;
}

export interface BaseContext {
  auth: AuthState;
}

export function requireIdentity(ctx: BaseContext): Identity {
  if (ctx.auth.identity) return ctx.auth.identity;
  throw ctx.auth.error ?? unauthenticated();
}
