/**
 * The HTTP + WebSocket server every subgraph runs: Apollo Server on express at /graphql, graphql-ws on
 * the same path, /healthz. Identity comes only from the gateway's signed headers (connectionParams over
 * WebSocket): a request without them — a client calling a subgraph directly, JWT or not — is
 * UNAUTHENTICATED, so nothing reaches a subgraph without passing the gateway's limits first.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, Kind, parse, validate, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { CloseCode } from 'graphql-ws';
import type { AuthState, BaseContext } from './auth';
import { coalesceWrites } from './coalesced-writes';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './db-errors';
import { forbidden, HubError, isHubError, unauthenticated } from './errors';
import { GATEWAY_CONNECTION_PARAM, identityFromHeaders, IDENTITY_HEADER, OPERATION_IDENTITY, SIGNATURE_HEADER, verifyGatewayConnection, type Role } from './identity';
import type { Logger } from './logger';

export interface SubgraphServerOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  host: string;
  port: number;
  /** The secret the gateway signs forwarded identities with. */
  gatewaySecret: string;
  /** The roles that may use this subgraph at all (queries and `_entities` alike); others get FORBIDDEN. */
  roles: readonly Role[];
  /** A further check of the caller before any operation runs (documents: the caller's agency is still active). */
  admit?: (ctx: C) => Promise<void>;
  logger: Logger;
  introspection: boolean;
  maxRequestBytes: number;
  /** Builds an operation's context; `live` is true for WebSocket operations (long-lived, so no caching). */
  context: (auth: AuthState, live: boolean) => C;
  /** Extra routes (e.g. REST) mounted before /graphql. */
  routes?: (app: express.Express) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Root fields a caller may ask for without an identity. `_service { sdl }` is the subgraph's schema —
 * no data, the same text as the committed schema/ files — and the gateway reads it to compose before any
 * client exists (LIENTHONG_SUBGRAPHS); introspection (`__schema`) is not anonymous.
 */
const ANONYMOUS_FIELDS = new Set(['_service', '__typename']);

const NOT_FROM_GATEWAY = 'This service accepts only requests forwarded and signed by the Liên Thông gateway.';

function authFrom(gatewaySecret: string, get: (name: string) => string | undefined): AuthState {
  try {
    const identity = identityFromHeaders(gatewaySecret, get);
    return identity ? { identity } : { error: unauthenticated(NOT_FROM_GATEWAY) };
  } catch (e) {
    if (isHubError(e)) return { error: e };
    throw e;
  }
}

/**
 * Every operation but `_service` needs a gateway-signed identity of a role this subgraph serves; checked
 * once here, not in each resolver.
 */
function requireIdentityPlugin<C extends BaseContext>(roles: readonly Role[], admit?: (ctx: C) => Promise<void>): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const anonymous = !!operation && operation.selectionSet.selections.every(
            (s) => s.kind === Kind.FIELD && ANONYMOUS_FIELDS.has(s.name.value),
          );
          if (anonymous) return;
          const { identity, error } = contextValue.auth;
          if (!identity) throw error ?? unauthenticated(NOT_FROM_GATEWAY);
          if (!roles.includes(identity.role)) throw forbidden(`This service does not serve the ${identity.role} role.`);
          await admit?.(contextValue);
        },
      };
    },
  };
}

/** Hides internals: unknown errors become INTERNAL_SERVER_ERROR with no stack and no message leak. */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (isHubError(original) || (original instanceof GraphQLError && !original.originalError)) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (formatted.extensions?.code && formatted.extensions.code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _s, ...extensions } = formatted.extensions;
      return { ...formatted, extensions };
    }
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: (original as Error).message }, 'database unavailable');
      return { message: DATABASE_UNAVAILABLE_MESSAGE, path: formatted.path, locations: formatted.locations, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    logger.error({ err: original }, 'unexpected error');
    return {
      message: 'The hub could not complete this request; it has been logged. Try again or contact the hub operators.',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** The string values of connectionParams or an extension, by name; anything else reads as absent. */
function stringsOf(record: unknown): (name: string) => string | undefined {
  return (name) => {
    const v = (record as Record<string, unknown> | null | undefined)?.[name];
    return typeof v === 'string' ? v : undefined;
  };
}

/** Whether `verify` passed; a refusal (UNAUTHENTICATED) is false, anything else is thrown. */
function isSigned(verify: () => void): boolean {
  try {
    verify();
    return true;
  } catch (e) {
    if (isHubError(e)) return false;
    throw e;
  }
}

/**
 * WebSocket operations' documents, parsed and validated once per text, as Apollo Server does for HTTP:
 * graphql-ws parses and validates every subscribe anew (~0.5 ms for an arrivals subscription) and each
 * subscription then holds its own copy of the tree (~13 KiB) for as long as it lives. Only what validated
 * is kept; the texts are the gateway's, so there are few.
 */
export class ValidDocuments {
  private readonly valid = new LRUCache<string, DocumentNode>({ max: 500 });

  constructor(private readonly schema: GraphQLSchema) {}

  /** The document, or the errors that refuse it (syntax or validation). */
  get(query: string): DocumentNode | readonly GraphQLError[] {
    let document = this.valid.get(query);
    if (document) return document;
    try {
      document = parse(query);
    } catch (e) {
      if (e instanceof GraphQLError) return [e];
      throw e;
    }
    const errors = validate(this.schema, document);
    if (errors.length) return errors;
    this.valid.set(query, document);
    return document;
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function startSubgraphServer<C extends BaseContext>(opts: SubgraphServerOptions<C>): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  wsServer.on('connection', (ws, request) => coalesceWrites(ws, request.socket));

  /** Why `auth` may not use this subgraph over WebSocket (an error with its code), or undefined when it may. */
  const admitted = async (auth: AuthState): Promise<HubError | undefined> => {
    if (!auth.identity) return auth.error ?? unauthenticated(NOT_FROM_GATEWAY);
    if (!opts.roles.includes(auth.identity.role)) return forbidden(`This service does not serve the ${auth.identity.role} role.`);
    try {
      await opts.admit?.(opts.context(auth, true));
      return undefined;
    } catch (e) {
      if (isHubError(e)) return e;
      opts.logger.error({ err: e }, 'admitting a subscription failed');
      return isDatabaseUnavailable(e)
        ? new HubError('SERVICE_UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE)
        : new HubError('INTERNAL_SERVER_ERROR', 'The hub could not admit this subscription; it has been logged.');
    }
  };
  const documents = new ValidDocuments(opts.schema);

  const wsCleanup = useServer<Record<string, unknown>, { auth?: AuthState; shared?: boolean }>(
    {
      schema: opts.schema,
      onConnect: async (ctx) => {
        const get = stringsOf(ctx.connectionParams);
        const gateway = get(GATEWAY_CONNECTION_PARAM);
        if (gateway !== undefined) {
          // graphql-ws: refusing in onConnect closes with 4403 Forbidden.
          if (!isSigned(() => verifyGatewayConnection(opts.gatewaySecret, gateway, get(SIGNATURE_HEADER) ?? ''))) return false;
          ctx.extra.shared = true;
          return true;
        }
        if (!get(IDENTITY_HEADER)) {
          ctx.extra.socket.close(CloseCode.Unauthorized, `Unauthorized: ${NOT_FROM_GATEWAY}`);
          return false;
        }
        const auth = authFrom(opts.gatewaySecret, get);
        if (await admitted(auth)) return false;
        ctx.extra.auth = auth;
        return true;
      },
      // On the gateway's shared socket each subscription is admitted as its own caller, and a refusal
      // ends that subscription only, with its code: the socket carries every other caller's. Returning the
      // execution's arguments also hands graphql-ws the document parsed and validated once (ValidDocuments).
      onSubscribe: async (ctx, _id, payload) => {
        let auth = ctx.extra.auth;
        if (!auth) {
          auth = authFrom(opts.gatewaySecret, stringsOf(payload.extensions?.[OPERATION_IDENTITY]));
          const refusal = await admitted(auth);
          if (refusal) return [refusal];
        }
        const document = documents.get(payload.query);
        if (Array.isArray(document)) return document;
        return {
          schema: opts.schema,
          document: document as DocumentNode,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: opts.context(auth, true),
        };
      },
      onError: (_ctx, _id, _payload, errors) => {
        opts.logger.debug({ errors }, 'subscription error');
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<C>({
    schema: opts.schema,
    introspection: opts.introspection,
    includeStacktraceInErrorResponses: false,
    // The process's own signal handler (gateway/lifecycle.ts) closes servers in order, then exits.
    stopOnTerminationSignals: false,
    formatError: formatError(opts.logger),
    plugins: [
      requireIdentityPlugin(opts.roles, opts.admit),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The gateway is Hive's, not Apollo's: federated traces (ftv1) would be computed for nobody.
      ApolloServerPluginInlineTraceDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: opts.name });
  });
  opts.routes?.(app);
  app.use(
    '/graphql',
    express.json({ limit: opts.maxRequestBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }) => opts.context(authFrom(opts.gatewaySecret, (n) => header(req, n)), false),
    }),
  );
  app.use(requestErrorHandler(opts.maxRequestBytes));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${hostForUrl}:${port}/graphql`;
  opts.logger.info({ url }, `${opts.name} subgraph listening`);
  return {
    url,
    port,
    close: async () => {
      for (const client of wsServer.clients) client.close(1001, 'server shutting down');
      await apollo.stop();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

/** Body-parser failures (too large, malformed JSON) as GraphQL errors with a stable code. */
export function requestErrorHandler(maxRequestBytes: number): express.ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === 'number' ? err.status : 500;
    let error: HubError;
    if (err?.type === 'entity.too.large') {
      error = new HubError(
        'BAD_USER_INPUT',
        `The request is larger than the limit of ${maxRequestBytes} bytes (attachments included).`,
        { limitBytes: maxRequestBytes },
      );
    } else if (err?.type === 'entity.parse.failed') {
      error = new HubError('BAD_USER_INPUT', 'The request body is not valid JSON.');
    } else if (status < 500) {
      error = new HubError('BAD_USER_INPUT', String(err?.message ?? 'Bad request'));
    } else {
      return next(err);
    }
    res.status(status).json({ errors: [{ message: error.message, extensions: error.extensions }] });
  };
}
