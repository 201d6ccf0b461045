/**
 * The gateway: the Hive gateway runtime (MIT; it runs federated subscriptions, which Apollo Gateway cannot;
 * its throughput here is close to Apollo Gateway's, bench/RESULTS.md) as the request listener of a plain
 * node:http server, with graphql-ws on the same server and path, and SSE answered by the runtime itself.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, getGraphQLWSOptions, Logger as HiveLogger, type LogLevel } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { WebSocketServer } from 'ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { Config } from '../config';
import { HubError } from '../shared/errors';
import { DateScalar, DateTimeScalar } from '../shared/scalars';
import { createLogger, type Logger } from '../shared/logger';
import { callerOf, onWebSocketConnect, useGatewayAuth, webSocketAuthContext, type WsAuth } from './auth';
import { composeFromSubgraphs, SUPERGRAPH_FILE, subgraphsOf } from './compose';
import { edxmlRest } from './edxml-rest';
import { DirectSubscriptions } from './direct-subscriptions';
import { maskError, useSubgraphSocketErrors } from './errors';
import { AgencyStatus, useAgencyStatus } from './agency-status';
import { limitOptions, limitPlugins } from './limits';
import { memoryRateLimiter, useRateLimits } from './rate-limit';
import { checkSubgraphs } from './readiness';
import { FRAME_SINK, frameSink, SharedSubscriptions, useSharedSubscriptions } from './shared-subscriptions';
import { useSubgraphBodiesAsBytes } from './subgraph-bodies';
import { subgraphSockets } from './subgraph-sockets';
import { webAppHandler } from './static';

export interface GatewayOptions {
  /** name -> URL of each subgraph: compose from the running subgraphs instead of schema/supergraph.graphql. */
  subgraphs?: Record<string, string>;
  /** Overrides config.port (0 picks a free port). */
  port?: number;
  logger?: Logger;
}

export interface RunningGateway {
  url: string;
  port: number;
  /** Closes WebSockets (clients get 1001), lets in-flight HTTP requests finish, then disposes the runtime. */
  close(): Promise<void>;
}

export const GRAPHQL_PATH = '/graphql';
/** How long close() lets in-flight HTTP requests (SSE streams included) run before cutting them. */
const DRAIN_MS = 3_000;

/** The runtime logs through our pino logger, so the process has one log format. */
function hiveLogger(logger: Logger): HiveLogger {
  const level: LogLevel | false = logger.level === 'silent' ? false : logger.level === 'fatal' ? 'error' : (logger.level as LogLevel);
  return new HiveLogger({
    level,
    writers: [{ write: (lvl, attrs, msg) => logger[lvl]({ attrs: attrs ?? undefined }, msg ?? '') }],
  });
}

async function loadSupergraph(config: Config, options: GatewayOptions): Promise<string> {
  const urls = options.subgraphs ?? config.subgraphUrls;
  if (Object.keys(urls).length) return (await composeFromSubgraphs(urls)).supergraphSdl;
  if (!fs.existsSync(SUPERGRAPH_FILE)) {
    throw new Error(`${SUPERGRAPH_FILE} does not exist: run \`npm run schema:print\`, or set LIENTHONG_SUBGRAPHS=name=url,...`);
  }
  return fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
}

export async function startGateway(config: Config, options: GatewayOptions = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger(config.logLevel, 'gateway');
  const supergraph = await loadSupergraph(config, options);
  const subgraphs = subgraphsOf(supergraph);

  const direct = new DirectSubscriptions(supergraph, subgraphs, config.gatewaySecret, logger);
  const runtime = createGatewayRuntime({
    supergraph,
    logging: hiveLogger(logger),
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    // isDev would add the original error and its stack to masked errors when NODE_ENV=development.
    maskedErrors: { isDev: false, maskError, errorMessage: 'The hub could not complete this request; it has been logged.' },
    // Given, not looked up by the runtime's dynamic import, so a missing transport fails at build time.
    transports: { http: httpTransport, ws: subgraphSockets(config.gatewaySecret) },
    transportEntries: {
      '*.http': {
        options: {
          // The HTTP executor merges identical subgraph requests in flight, comparing URL and body but
          // not the identity headers useGatewayAuth adds when each call is fetched: agencies asking for
          // their inbox at the same moment were all answered with one agency's. Never merge them.
          deduplicateInflightRequests: false,
          subscriptions: { kind: 'ws' },
        },
      },
    },
    // The contract's scalars, parsed here as the subgraphs parse them: a bad Date is refused with the
    // client's own variable names, not those of the runtime's subgraph request ($_sendDocument_input).
    additionalResolvers: { Date: DateScalar, DateTime: DateTimeScalar },
    ...limitOptions(config),
    plugins: () => [
      useGatewayAuth(config),
      useSubgraphBodiesAsBytes(),
      ...limitPlugins(config),
      useRateLimits(config, memoryRateLimiter(config.rateLimit)),
      // Only a supergraph with the directory can tell an active agency from a deactivated one.
      ...(subgraphs.documents ? [useAgencyStatus(new AgencyStatus(subgraphs.documents, config.gatewaySecret, config.agencyStatusTtlMs))] : []),
      useSubgraphSocketErrors(),
      useSharedSubscriptions(new SharedSubscriptions(), callerOf, direct),
    ],
  });
  // The runtime loads the supergraph on its first HTTP request; a WebSocket subscribe arriving first
  // would find no schema. Load it before listening.
  await runtime.getSchema();

  const serveWebApp = webAppHandler();
  // edXML REST for existing document-management systems, run through the runtime like any GraphQL call.
  const edxml = edxmlRest(runtime, config, GRAPHQL_PATH, logger);

  const server = http.createServer((req, res) => {
    // The runtime reads whole bodies before anything can refuse them; a declared size over the limit is
    // refused before it is read, and so is a body that declares no size (chunked): it could be any size.
    if (req.headers['transfer-encoding'] && req.headers['content-length'] === undefined) {
      const error = new HubError('BAD_USER_INPUT', `A request body must declare its Content-Length (at most ${config.maxRequestBytes} bytes).`, {
        limitBytes: config.maxRequestBytes,
      });
      res.writeHead(411, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > config.maxRequestBytes) {
      const error = new HubError('BAD_USER_INPUT', `The request is larger than the limit of ${config.maxRequestBytes} bytes.`, {
        limitBytes: config.maxRequestBytes,
      });
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }));
      return;
    }
    if (req.method === 'GET' && req.url === '/readyz') {
      void checkSubgraphs(subgraphs).then((report) => {
        res.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify(report));
      });
      return;
    }
    if (edxml(req, res)) return;
    if (serveWebApp(req, res)) return;
    void runtime.requestListener(req, res);
  });

  const wsServer = new WebSocketServer({ server, path: GRAPHQL_PATH, maxPayload: config.maxRequestBytes });
  const graphqlWs = getGraphQLWSOptions<Record<string, unknown>, Extra & Partial<WsAuth>>(runtime, (ctx) => ({
    req: ctx.extra.request,
    socket: ctx.extra.socket,
    ...webSocketAuthContext(config, ctx.extra),
  }));
  const wsCleanup = useServer<Record<string, unknown> | undefined, WsAuth>(
    {
      ...graphqlWs,
      // Each subscription's own frame sink: a shared execution writes its events there (shared-subscriptions.ts).
      onSubscribe: async (ctx, id, payload) => {
        const args = await graphqlWs.onSubscribe?.(ctx, id, payload);
        if (args && 'contextValue' in args) (args.contextValue as Record<symbol, unknown>)[FRAME_SINK] = frameSink(ctx.extra.socket, id);
        return args;
      },
      onConnect: onWebSocketConnect(config),
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${hostForUrl}:${port}${GRAPHQL_PATH}`;
  logger.info({ url, subgraphs }, 'gateway listening');

  let closing: Promise<void> | undefined;
  const close = async () => {
    await wsCleanup.dispose();
    await new Promise<void>((resolve) => {
      // A keep-alive connection turns idle when its last response ends: close each as soon as it does.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(cut);
        resolve();
      });
    });
    await runtime.dispose();
    await direct.dispose();
    logger.info('gateway closed');
  };
  return { url, port, close: () => (closing ??= close()) };
}
