/**
 * Client authentication at the gateway. The client's JWT is verified once — per HTTP request, or per
 * WebSocket connection when it opens — and what reaches subgraphs is the identity signed with the gateway
 * secret (src/shared/identity.ts), never the client's Authorization header.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { CloseCode, type Context } from 'graphql-ws';
import { decodeJwt } from 'jose';
import type { Extra } from 'graphql-ws/use/ws';
import type { Config } from '../config';
import { HubError, isHubError, unauthenticated } from '../shared/errors';
import { bearerToken, OPERATION_IDENTITY, signIdentity, verifyToken, type Identity } from '../shared/identity';

/** Where an operation's authentication lives in the gateway context. */
const AUTH_KEY = 'lienthongAuth';

type WithAuth = { [AUTH_KEY]?: Identity };

/**
 * Tokens already verified, by their exact text, until their `exp`: jose's HS256 check (a WebCrypto key
 * import and verify) cost about 0.8 ms of CPU per request, 8 % of the gateway's time on the inbox query.
 * A token is only ever answered with what verifying that same string gave, so no caller gets another's
 * identity; a failure is not remembered; when full, the oldest entry goes first.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { identity: Identity; expiresAt: number }>();

  constructor(private readonly capacity = 10_000) {}

  get(token: string, now = Date.now()): Identity | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt > now) return entry.identity;
    this.entries.delete(token);
    return undefined;
  }

  /** `expiresAt`: the token's `exp` in ms; after it, the token is verified again (and refused). */
  set(token: string, identity: Identity, expiresAt: number): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { identity, expiresAt });
  }
}

/** One cache per configuration, so a token is remembered only under the secrets that verified it. */
const verifiedTokens = new WeakMap<Config, VerifiedTokens>();

/** Verifies "Bearer <JWT>"; every failure (missing, malformed, bad signature, expired) is UNAUTHENTICATED. */
export async function authenticate(config: Config, authorization: string | null | undefined): Promise<Identity> {
  const token = bearerToken(authorization);
  if (token === undefined) throw unauthenticated();
  let cache = verifiedTokens.get(config);
  if (!cache) verifiedTokens.set(config, (cache = new VerifiedTokens()));
  const known = cache.get(token);
  if (known) return known;
  const identity = await verifyToken(config, token);
  // verifyToken requires `exp`, so a verified token has one.
  cache.set(token, identity, (decodeJwt(token).exp as number) * 1000);
  return identity;
}

/**
 * The `extensions` entry that says whose a subgraph subscription is: the caller's identity, signed each
 * time it is serialized — when the subscription is sent, and again when graphql-ws sends it anew after
 * the subgraph's socket came back, so a subscription older than the signature's minute is still accepted
 * then. Nothing but the gateway can sign it, and it is the identity the caller's own connection was
 * authenticated with.
 */
export function identityExtension(secret: string, identity: Identity): Record<string, { toJSON(): Record<string, string> }> {
  return { [OPERATION_IDENTITY]: { toJSON: () => signIdentity(secret, identity) } };
}

/** The authenticated caller of an operation, from its gateway context (undefined before authentication). */
export function callerOf(context: unknown): Identity | undefined {
  return (context as WithAuth | undefined)?.[AUTH_KEY];
}

/** UNAUTHENTICATED with HTTP 401 and a Bearer challenge (yoga reads, then strips, extensions.http). */
function httpUnauthenticated(e: HubError): HubError {
  return new HubError('UNAUTHENTICATED', e.message, { http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } });
}

export function useGatewayAuth(config: Config): GatewayPlugin {
  return {
    // onParams runs before parsing and validation, so an anonymous caller learns nothing of the schema.
    onParams({ context, request, setResult }) {
      const ctx = context as WithAuth;
      if (ctx[AUTH_KEY]) return; // a WebSocket operation: its connection was authenticated when it opened
      return authenticate(config, request.headers.get('authorization')).then(
        (identity) => {
          ctx[AUTH_KEY] = identity;
        },
        (e: unknown) => {
          if (!isHubError(e)) throw e;
          setResult({ errors: [httpUnauthenticated(e)] });
        },
      );
    },
    // Every HTTP call to a subgraph is signed when it is made, so a long SSE subscription's later entity
    // fetches never carry a stale signature.
    onFetch({ context, options, setOptions }) {
      const identity = (context as WithAuth)[AUTH_KEY];
      if (!identity) return;
      setOptions({ ...options, headers: { ...options.headers, ...signIdentity(config.gatewaySecret, identity) } });
    },
    // A subscription goes over the gateway's one socket to the subgraph (subgraph-sockets.ts), which
    // serves every caller: the subscription itself says whose it is.
    onSubgraphExecute({ executionRequest, setExecutionRequest }) {
      const identity = (executionRequest.context as WithAuth | undefined)?.[AUTH_KEY];
      if (executionRequest.operationType !== 'subscription' || !identity) return;
      setExecutionRequest({
        ...executionRequest,
        extensions: { ...executionRequest.extensions, ...identityExtension(config.gatewaySecret, identity) },
      });
    },
  };
}

/** What onConnect adds to a graphql-ws connection's extra. */
export type WsAuth = { identity: Identity };
type WsExtra = Extra & Partial<WsAuth>;

/** graphql-ws onConnect: 4401 when connectionParams.authorization is missing, 4403 when it is not valid. */
export function onWebSocketConnect(config: Config) {
  return async (ctx: Context<Record<string, unknown> | undefined, WsExtra>): Promise<boolean> => {
    const authorization = ctx.connectionParams?.authorization;
    if (authorization === undefined || authorization === null || authorization === '') {
      ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized: connectionParams.authorization is required');
      return false;
    }
    try {
      ctx.extra.identity = await authenticate(config, String(authorization));
      return true;
    } catch (e) {
      if (isHubError(e)) return false; // graphql-ws closes with 4403 Forbidden
      throw e;
    }
  };
}

/** The context each WebSocket operation starts from: the identity its connection was authenticated with. */
export function webSocketAuthContext(config: Config, extra: WsExtra): WithAuth {
  return extra.identity ? { [AUTH_KEY]: extra.identity } : {};
}
