/**
 * What one request may ask of the gateway, refused before anything reaches a subgraph, each with the
 * contract's code and a message naming the limit (config.limits; README, Security):
 *  - depth, aliases, directives, tokens: @escape.tech/graphql-armor's rules (MIT, maintained, the set the
 *    Hive gateway documents) → QUERY_TOO_COMPLEX;
 *  - cost, with per-field costs and lists costed by `first`, and `first` within 0..100: cost.ts
 *    → QUERY_TOO_COMPLEX / BAD_USER_INPUT;
 *  - batched operations per request, CSRF (a browser's "simple" request without a preflight), and
 *    introspection when NODE_ENV=production: the runtime's own options (yoga plugins);
 *  - the body size: server.ts, before the body is read.
 * Any other request the GraphQL layer cannot use (unparsable, invalid against the schema) is
 * BAD_USER_INPUT, so every refusal carries one of the contract's codes.
 */
import type { GatewayConfig, GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ExecutionResult, type ValidationContext } from 'graphql';
import { isAsyncIterable } from '@graphql-tools/utils';
import type { Config } from '../config';
import { HubError, type ErrorCode } from '../shared/errors';
import { MAX_PAGE_SIZE } from '../shared/page-size';
import { estimateCost } from './cost';
import { errorAt } from './errors';

function tooComplex(message: string, extra: Record<string, unknown> = {}): HubError {
  return new HubError('QUERY_TOO_COMPLEX', message, extra);
}

/** The same error (locations and extensions kept, the parser's internals dropped) with a contract code. */
function withCode(error: GraphQLError, code: ErrorCode, message = error.message, extra: Record<string, unknown> = {}): GraphQLError {
  const { originalError: _internal, ...extensions } = error.extensions ?? {};
  return errorAt(error, message, { ...extensions, ...extra, code });
}

/** graphql-armor words every refusal as a "Syntax Error: …"; it is a limit, not a syntax error. */
const plain = (error: GraphQLError) => error.message.replace(/^Syntax Error: /, '');

function armorPlugins(config: Config): GatewayPlugin[] {
  const { maxDepth, maxAliases, maxDirectives, maxTokens } = config.limits;
  // Validation rules report the refusal beside any other validation error; the token limit stops the parser.
  const report = (limit: string, setting: string) => ({
    propagateOnRejection: false,
    onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(tooComplex(`${plain(error)} (${setting})`, { limit }))],
  });
  const armor: ConstructorParameters<typeof EnvelopArmor>[0] = {
    maxDepth: { n: maxDepth, ...report('depth', 'LIENTHONG_MAX_DEPTH') },
    maxAliases: { n: maxAliases, ...report('aliases', 'LIENTHONG_MAX_ALIASES') },
    maxDirectives: { n: maxDirectives, ...report('directives', 'LIENTHONG_MAX_DIRECTIVES') },
    maxTokens: {
      n: maxTokens,
      propagateOnRejection: false,
      onReject: [
        (_ctx: unknown, error: GraphQLError) => {
          throw tooComplex(`${plain(error)} (LIENTHONG_MAX_TOKENS)`, { limit: 'tokens' });
        },
      ],
    },
    costLimit: { enabled: false }, // cost.ts: it sees the variables
    // "Did you mean …?" would spell out the schema to whoever probes it with typos, introspection off or not.
    blockFieldSuggestion: { enabled: config.nodeEnv === 'production' },
  };
  return new EnvelopArmor(armor).protect().plugins as GatewayPlugin[];
}

/** Cost and page sizes, with the variables' values: after validation, before the first subgraph fetch. */
function useCostLimit(config: Config): GatewayPlugin {
  const check = (args: { schema: unknown; document: unknown; operationName?: string | null; variableValues?: unknown }) => {
    const estimate = estimateCost(args.schema as never, args.document as never, args.operationName, args.variableValues as Record<string, unknown>);
    if (!estimate) return null;
    if (estimate.badPageSizes.length) {
      return new HubError(
        'BAD_USER_INPUT',
        estimate.badPageSizes.map((b) => `${b.path}: first must be between 0 and ${MAX_PAGE_SIZE}, got ${JSON.stringify(b.first)}`).join('; '),
        { problems: estimate.badPageSizes.map((b) => ({ field: `${b.path}.first`, message: `must be between 0 and ${MAX_PAGE_SIZE}` })) },
      );
    }
    if (estimate.cost > config.limits.maxCost) {
      return tooComplex(
        `The operation's estimated cost is ${estimate.cost}, over the limit of ${config.limits.maxCost} (LIENTHONG_MAX_COST): ask for smaller pages (first) or fewer nested lists.`,
        { limit: 'cost', cost: estimate.cost, maxCost: config.limits.maxCost },
      );
    }
    return null;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = check(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = check(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}

/**
 * Parse and validation errors with a contract code: a document that does not parse, or asks for what the
 * schema does not have, is BAD_USER_INPUT; introspection switched off is FORBIDDEN.
 */
function useContractCodes(): GatewayPlugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError && !result.extensions.code) replaceParseResult(withCode(result, 'BAD_USER_INPUT'));
      };
    },
    onValidate() {
      return ({ result, setResult }) => {
        if (!result.some((e) => !e.extensions.code)) return;
        setResult(result.map((e) => (e.extensions.code ? e : withCode(e, /introspection has been disabled/i.test(e.message) ? 'FORBIDDEN' : 'BAD_USER_INPUT'))));
      };
    },
  };
}

/** What the runtime's request parser refuses on its own (yoga codes it BAD_REQUEST, or not at all), in the contract's terms. */
function contractError(error: GraphQLError): GraphQLError {
  if (/^Batching is limited/.test(error.message)) return withCode(error, 'QUERY_TOO_COMPLEX', `${error.message} (LIENTHONG_MAX_BATCH)`, { limit: 'batch' });
  if (/CSRF/.test(error.message)) {
    return withCode(error, 'FORBIDDEN', 'A request a browser could send from another site (a plain GET, a form) needs an Authorization or X-GraphQL-CSRF header (CSRF protection).');
  }
  return withCode(error, 'BAD_USER_INPUT');
}

/** The contract's codes, and the hub's two for its own failures (shared/errors.ts). */
const CONTRACT_CODES: ReadonlySet<unknown> = new Set<ErrorCode>([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'INVALID_STATUS_TRANSITION', 'CONFLICT', 'RATE_LIMITED', 'QUERY_TOO_COMPLEX',
  'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR',
]);

/** An error about the request as a whole (no path) with none of those codes (BAD_REQUEST, OPERATION_RESOLUTION_FAILURE…). */
const uncoded = (e: GraphQLError) => !e.path && !CONTRACT_CODES.has(e.extensions?.code);

/**
 * Requests with a body must say it is JSON: a browser's cross-site form or text/plain post (no CORS
 * preflight) is refused here, whatever else it carries. Errors the request parser raises get contract codes.
 */
function useRequestShape(): GatewayPlugin {
  return {
    onRequestParse({ request }) {
      if (request.method !== 'POST') return;
      const type = request.headers.get('content-type') ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        throw new HubError('BAD_USER_INPUT', `The request's Content-Type must be application/json, not ${type ? `"${type}"` : 'missing'}.`, {
          http: { status: 415 },
        });
      }
    },
    onResultProcess({ result, setResult }) {
      if (isAsyncIterable(result)) return;
      const fix = (r: ExecutionResult): ExecutionResult =>
        r.errors?.some(uncoded) ? { ...r, errors: r.errors.map((e) => (uncoded(e) ? contractError(e) : e)) } : r;
      setResult(Array.isArray(result) ? result.map(fix) : fix(result as ExecutionResult));
    },
  };
}

/** The limits as gateway plugins, in the order they apply. */
export function limitPlugins(config: Config): GatewayPlugin[] {
  return [useRequestShape(), ...armorPlugins(config), useContractCodes(), useCostLimit(config)];
}

/** The runtime's own options for the rest: batching, CSRF, introspection, CORS. */
export function limitOptions(config: Config): Pick<GatewayConfig, 'batching' | 'csrfPrevention' | 'disableIntrospection' | 'cors'> {
  return {
    batching: { limit: config.limits.maxBatch },
    // A browser can send a cross-site "simple" request (form post, text/plain, plain GET) without a CORS
    // preflight; every request must instead have a JSON content type or a header a page cannot add without
    // one. Authorization is such a header, and the hub has no cookies: a page cannot borrow a session.
    csrfPrevention: { requestHeaders: ['authorization', 'x-graphql-csrf'] },
    disableIntrospection: config.nodeEnv === 'production' ? {} : undefined,
    // No origin is allowed cross-site unless listed (the runtime would otherwise echo any Origin back).
    cors: config.corsOrigins.length ? { origin: config.corsOrigins, credentials: false } : false,
  };
}
