/**
 * Every environment variable the hub reads, its default, validated once.
 * Nothing else in src/ reads process.env: servers and commands receive a Config.
 */
import path from 'node:path';

export interface Config {
  /** NODE_ENV; "production" turns off the development fallbacks. */
  nodeEnv: string;
  /** HOST (127.0.0.1): the address the gateway binds to (subgraphs: LIENTHONG_SUBGRAPH_HOST). */
  host: string;
  /** PORT (4000): the gateway's port. A lone subgraph listens on its LIENTHONG_<NAME>_PORT. */
  port: number;
  /** LIENTHONG_DATA_DIR (./data): SQLite files and attachment blobs. */
  dataDir: string;
  /** LIENTHONG_JWT_SECRET: HS256 secret for client tokens; a documented dev secret outside production. */
  jwtSecret: string;
  /** True when jwtSecret is the development fallback, so start-up can say so. */
  jwtSecretIsDevDefault: boolean;
  /** LIENTHONG_GATEWAY_SECRET: HMAC secret the gateway signs forwarded identities with. */
  gatewaySecret: string;
  /**
   * LIENTHONG_JWT_PREVIOUS_SECRET (unset): during a key rotation, the secret being retired. Tokens signed
   * with it still verify until it is removed; nothing is signed with it.
   */
  jwtPreviousSecret: string | null;
  /** LIENTHONG_JWT_CLOCK_SKEW_SECONDS (30): clock skew tolerated on a token's exp, nbf and iat. */
  jwtClockSkewSeconds: number;
  /**
   * LIENTHONG_SUBGRAPH_HOST (127.0.0.1): the address subgraphs bind to. Loopback by default, so only a
   * gateway on the same machine reaches them; whatever it is, they accept only gateway-signed requests.
   */
  subgraphHost: string;
  /** What one operation may ask of the gateway (src/gateway/limits.ts); each refused before it runs. */
  limits: OperationLimits;
  /**
   * Per-agency rate limit (per caller for the other roles): LIENTHONG_RATE_LIMIT_PER_SECOND (50)
   * operations a second, plus LIENTHONG_RATE_LIMIT_BURST (500) more a minute to absorb bursts.
   * 0 per second turns rate limiting off (benchmarks).
   */
  rateLimit: { perSecond: number; burst: number };
  /** LIENTHONG_MAX_SUBSCRIPTIONS_PER_AGENCY (20): live subscriptions one caller may hold open at once. */
  maxSubscriptionsPerAgency: number;
  /**
   * LIENTHONG_AGENCY_STATUS_TTL_MS (5000): how long the gateway trusts its last look at whether an
   * agency is still active. A directory change relayed by this gateway forgets it at once.
   */
  agencyStatusTtlMs: number;
  /** LIENTHONG_CORS_ORIGINS ("origin,origin"; empty): browser origins allowed to call the gateway cross-site. */
  corsOrigins: string[];
  /** LIENTHONG_MAX_ATTACHMENT_BYTES (25 MiB): the largest attachment accepted, per file. */
  maxAttachmentBytes: number;
  /** LIENTHONG_MAX_REQUEST_BYTES (100 MiB): the largest request body, attachments included (base64 adds a third). */
  maxRequestBytes: number;
  /**
   * LIENTHONG_REQUIRE_SIGNATURE (false): true refuses edXML messages without a valid XML-DSig signature;
   * false accepts them and records the verdict with the document.
   */
  requireSignature: boolean;
  /** LIENTHONG_DOCUMENTS_PORT / _POPULATION_PORT / _LAND_PORT (4001/4002/4003) under `npm start`. */
  subgraphPorts: { documents: number; population: number; land: number };
  /**
   * LIENTHONG_SUBGRAPHS ("name=url,..."): compose the supergraph at start from these subgraphs instead
   * of loading schema/supergraph.graphql. Empty means the committed file.
   */
  subgraphUrls: Record<string, string>;
  /** LIENTHONG_POPULATION_SCALE (100000): synthetic citizens generated on first start. */
  populationScale: number;
  /** LIENTHONG_LOG_LEVEL (info): pino level; "silent" in tests. */
  logLevel: string;
  /**
   * LIENTHONG_DATABASE_URL (empty): postgres://user:pass@host:port/db puts every subgraph on PostgreSQL,
   * each in its own schema (documents, population, land); empty means a SQLite file per subgraph under
   * the data dir. Several instances of a subgraph may share one PostgreSQL database.
   */
  databaseUrl: string;
  /**
   * LIENTHONG_REDIS_URL (empty): redis://host:port carries live-event wake-ups between instances; empty
   * means in-process events (one documents instance).
   */
  redisUrl: string;
  /** LIENTHONG_REDIS_PREFIX (lienthong): prefix of the Redis channels, so hubs can share one Redis. */
  redisPrefix: string;
  /**
   * LIENTHONG_EVENT_SWEEP_MS (1000): on PostgreSQL, how often each documents instance reads the event
   * log for events whose wake-up it did not hear (a sender killed before publishing, Redis down); 0 = never.
   */
  eventSweepMs: number;
  /**
   * SQLite's synchronous setting. FULL: a send acknowledged has reached the disk and survives a power
   * loss. NORMAL (WAL): survives a crash of the process, but a power loss may roll back the last sends
   * acknowledged before it; only for storage that does not lose acknowledged writes.
   */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /**
   * LIENTHONG_DIRECTORY_SEARCH_CACHE_CODES (250000): how many agency codes each documents instance keeps
   * of recent directory searches' results (agency/search-cache.ts), ~55 bytes each, reused and brought up
   * to date as the directory changes; 0 turns it off (every search then scans the directory held in memory).
   */
  directorySearchCacheCodes: number;
}

export interface OperationLimits {
  /** LIENTHONG_MAX_DEPTH (12): nesting of fields. */
  maxDepth: number;
  /** LIENTHONG_MAX_ALIASES (20): aliases in one operation. */
  maxAliases: number;
  /** LIENTHONG_MAX_DIRECTIVES (10): directives in one operation. */
  maxDirectives: number;
  /** LIENTHONG_MAX_TOKENS (3000): lexical tokens in one document. */
  maxTokens: number;
  /** LIENTHONG_MAX_COST (20000): estimated cost (src/gateway/cost.ts: lists cost by `first`). */
  maxCost: number;
  /** LIENTHONG_MAX_BATCH (10): operations in one batched HTTP request. */
  maxBatch: number;
}

export const DEV_JWT_SECRET = 'lienthong-dev-secret-do-not-use-in-production';
const DEV_GATEWAY_SECRET = 'lienthong-dev-gateway-secret-do-not-use-in-production';

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return raw as T;
}

function parseSubgraphUrls(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new ConfigError(`LIENTHONG_SUBGRAPHS entries are name=url, got "${part}"`);
    const name = part.slice(0, eq);
    const url = part.slice(eq + 1);
    try {
      new URL(url);
    } catch {
      throw new ConfigError(`LIENTHONG_SUBGRAPHS: "${url}" is not a URL`);
    }
    out[name] = url;
  }
  return out;
}

/** An optional URL of an outside service; empty when unset. */
function serviceUrl(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string {
  const raw = env[name]?.trim() ?? '';
  if (!raw) return '';
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!protocols.includes(protocol)) throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const jwtSecret = env.LIENTHONG_JWT_SECRET ?? '';
  if (production && !jwtSecret) throw new ConfigError('LIENTHONG_JWT_SECRET must be set when NODE_ENV=production');
  const gatewaySecret = env.LIENTHONG_GATEWAY_SECRET ?? '';
  if (production && !gatewaySecret) throw new ConfigError('LIENTHONG_GATEWAY_SECRET must be set when NODE_ENV=production');
  return Object.freeze({
    nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 4000),
    dataDir: path.resolve(env.LIENTHONG_DATA_DIR || './data'),
    jwtSecret: jwtSecret || DEV_JWT_SECRET,
    jwtSecretIsDevDefault: !jwtSecret,
    gatewaySecret: gatewaySecret || DEV_GATEWAY_SECRET,
    jwtPreviousSecret: env.LIENTHONG_JWT_PREVIOUS_SECRET || null,
    jwtClockSkewSeconds: int(env, 'LIENTHONG_JWT_CLOCK_SKEW_SECONDS', 30),
    subgraphHost: env.LIENTHONG_SUBGRAPH_HOST || '127.0.0.1',
    limits: {
      maxDepth: int(env, 'LIENTHONG_MAX_DEPTH', 12, 1),
      maxAliases: int(env, 'LIENTHONG_MAX_ALIASES', 20),
      maxDirectives: int(env, 'LIENTHONG_MAX_DIRECTIVES', 10),
      maxTokens: int(env, 'LIENTHONG_MAX_TOKENS', 3000, 10),
      maxCost: int(env, 'LIENTHONG_MAX_COST', 20_000, 1),
      maxBatch: int(env, 'LIENTHONG_MAX_BATCH', 10, 1),
    },
    rateLimit: { perSecond: int(env, 'LIENTHONG_RATE_LIMIT_PER_SECOND', 50), burst: int(env, 'LIENTHONG_RATE_LIMIT_BURST', 500) },
    maxSubscriptionsPerAgency: int(env, 'LIENTHONG_MAX_SUBSCRIPTIONS_PER_AGENCY', 20, 1),
    agencyStatusTtlMs: int(env, 'LIENTHONG_AGENCY_STATUS_TTL_MS', 5000),
    corsOrigins: (env.LIENTHONG_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    maxAttachmentBytes: int(env, 'LIENTHONG_MAX_ATTACHMENT_BYTES', 25 * 1024 * 1024, 1),
    maxRequestBytes: int(env, 'LIENTHONG_MAX_REQUEST_BYTES', 100 * 1024 * 1024, 1024),
    requireSignature: bool(env, 'LIENTHONG_REQUIRE_SIGNATURE', false),
    subgraphPorts: {
      documents: int(env, 'LIENTHONG_DOCUMENTS_PORT', 4001),
      population: int(env, 'LIENTHONG_POPULATION_PORT', 4002),
      land: int(env, 'LIENTHONG_LAND_PORT', 4003),
    },
    subgraphUrls: parseSubgraphUrls(env.LIENTHONG_SUBGRAPHS),
    populationScale: int(env, 'LIENTHONG_POPULATION_SCALE', 100_000, 1),
    logLevel: env.LIENTHONG_LOG_LEVEL || 'info',
    databaseUrl: serviceUrl(env, 'LIENTHONG_DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: serviceUrl(env, 'LIENTHONG_REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: env.LIENTHONG_REDIS_PREFIX || 'lienthong',
    eventSweepMs: int(env, 'LIENTHONG_EVENT_SWEEP_MS', 1000),
    sqliteSynchronous: oneOf(env, 'LIENTHONG_SQLITE_SYNCHRONOUS', ['FULL', 'NORMAL'] as const, 'FULL'),
    directorySearchCacheCodes: int(env, 'LIENTHONG_DIRECTORY_SEARCH_CACHE_CODES', 250_000),
  });
}
