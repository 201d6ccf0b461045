/**
 * The HTTP + WebSocket server every subgraph runs: Apollo Server on express at /graphql, graphql-ws on
 * the same path, /healthz. Identity comes from the gateway's signed headers or, when a subgraph is
 * called directly, from the client's JWT.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, Kind, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { CloseCode } from 'graphql-ws';
import type { AuthState, BaseContext } from './auth';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './db-errors';
import { HubError, isHubError, unauthenticated } from './errors';
import { identityFromHeaders, type AuthSecrets, IDENTITY_HEADER } from './identity';
import type { Logger } from './logger';

export interface SubgraphServerOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  host: string;
  port: number;
  secrets: AuthSecrets;
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

/** Root fields a caller may ask for without an identity: the gateway reads `_service` to compose. */
const ANONYMOUS_FIELDS = new Set(['_service', '__typename']);

async function authFrom(secrets: AuthSecrets, get: (name: string) => string | undefined): Promise<AuthState> {
  try {
    return { identity: await identityFromHeaders(secrets, get) };
  } catch (e) {
    if (isHubError(e)) return { error: e };
    throw e;
  }
}

/** Every operation but `_service` needs an identity; checked once here, not in each resolver. */
const requireIdentityPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        const anonymous = !!operation && operation.selectionSet.selections.every(
          (s) => s.kind === Kind.FIELD && ANONYMOUS_FIELDS.has(s.name.value),
        );
        if (!anonymous && !contextValue.auth.identity) throw contextValue.auth.error ?? unauthenticated();
      },
    };
  },
};

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

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function startSubgraphServer<C extends BaseContext>(opts: SubgraphServerOptions<C>): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });

  const wsCleanup = useServer<Record<string, unknown>, { auth?: AuthState }>(
    {
      schema: opts.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const get = (name: string): string | undefined => {
          const v = params[name] ?? params[name === 'authorization' ? 'Authorization' : name];
          return typeof v === 'string' ? v : undefined;
        };
        if (!get('authorization') && !get(IDENTITY_HEADER)) {
          ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized: connectionParams.authorization is required');
          return false;
        }
        const auth = await authFrom(opts.secrets, get);
        if (!auth.identity) {
          // graphql-ws: refusing in onConnect closes with 4403 Forbidden.
          return false;
        }
        ctx.extra.auth = auth;
        return true;
      },
      context: (ctx) => opts.context(ctx.extra.auth ?? {}, true),
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
      requireIdentityPlugin as ApolloServerPlugin<C>,
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
      context: async ({ req }) => opts.context(await authFrom(opts.secrets, (n) => header(req, n)), false),
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
