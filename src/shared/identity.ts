/**
 * Who is calling. Client tokens are HS256 JWTs (jose: a maintained, audited JOSE implementation);
 * the gateway verifies them once and forwards the identity to subgraphs, signed with an HMAC so a
 * subgraph can tell a gateway request from a forged one. Subgraphs accept nothing else: a client JWT
 * sent straight to a subgraph is ignored, so the gateway's limits and rate limits cannot be bypassed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { unauthenticated } from './errors';

export const ROLES = ['AGENCY', 'OPERATOR', 'ANALYST'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

export interface Identity {
  /** The agency code for role AGENCY, a user id otherwise. */
  sub: string;
  role: Role;
}

const encoder = new TextEncoder();

export async function signToken(secret: string, identity: Identity, ttlSeconds: number): Promise<string> {
  return new SignJWT({ role: identity.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(identity.sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(encoder.encode(secret));
}

/** What verifying a client JWT needs (a Config has it). */
export interface JwtKeys {
  jwtSecret: string;
  /** The secret being rotated out: still accepted, never signed with. */
  jwtPreviousSecret: string | null;
  /** Clock skew tolerated on exp/nbf/iat, in seconds. */
  jwtClockSkewSeconds: number;
}

/**
 * Verifies a client JWT: HS256 only (`none`, HS512, RS256… are refused before any signature check, so
 * no algorithm confusion), `exp` and `sub` required. During a key rotation a token signed with the
 * previous secret still verifies. Every failure is UNAUTHENTICATED with a reason a caller can act on.
 */
export async function verifyToken(keys: JwtKeys, token: string): Promise<Identity> {
  try {
    const secrets = keys.jwtPreviousSecret ? [keys.jwtSecret, keys.jwtPreviousSecret] : [keys.jwtSecret];
    const options = { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'], clockTolerance: keys.jwtClockSkewSeconds };
    // The next secret is tried only when the signature did not match; an expired token stays expired.
    const withSecret = (i: number): ReturnType<typeof jwtVerify> =>
      jwtVerify(token, encoder.encode(secrets[i]), options).catch((e: unknown) => {
        if (e instanceof joseErrors.JWSSignatureVerificationFailed && i + 1 < secrets.length) return withSecret(i + 1);
        throw e;
      });
    const { payload } = await withSecret(0);
    if (!isRole(payload.role)) throw unauthenticated(`The token's role must be one of ${ROLES.join(', ')}.`);
    return { sub: payload.sub as string, role: payload.role };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw unauthenticated('The access token has expired.');
    if (e instanceof joseErrors.JOSEError) throw unauthenticated(`The access token is not valid (${e.code}).`);
    throw e;
  }
}

/** Reads "Bearer <token>" from a header value; undefined when absent. */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw unauthenticated('The Authorization header must be "Bearer <JWT>".');
  return m[1];
}

export const IDENTITY_HEADER = 'x-lienthong-identity';
export const SIGNATURE_HEADER = 'x-lienthong-signature';
/** How old a gateway signature may be before a subgraph refuses it. */
const SIGNATURE_MAX_AGE_MS = 60_000;

function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

/** The two headers the gateway adds to every subgraph request. */
export function signIdentity(secret: string, identity: Identity, now = Date.now()): Record<string, string> {
  const value = Buffer.from(JSON.stringify({ sub: identity.sub, role: identity.role, ts: now })).toString('base64url');
  return { [IDENTITY_HEADER]: value, [SIGNATURE_HEADER]: hmac(secret, value) };
}

function checkSignature(secret: string, signed: string, signature: string, refusal: string): void {
  const expected = Buffer.from(hmac(secret, signed));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthenticated(refusal);
}

function checkFresh(ts: unknown, now: number, refusal: string): void {
  if (typeof ts !== 'number' || Math.abs(now - ts) > SIGNATURE_MAX_AGE_MS) throw unauthenticated(refusal);
}

/** Checks a gateway-signed identity; throws UNAUTHENTICATED if forged, stale or malformed. */
export function verifySignedIdentity(secret: string, value: string, signature: string, now = Date.now()): Identity {
  checkSignature(secret, value, signature, 'The forwarded identity is not signed by the gateway.');
  let parsed: { sub?: unknown; role?: unknown; ts?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw unauthenticated('The forwarded identity is malformed.');
  }
  checkFresh(parsed.ts, now, 'The forwarded identity is stale.');
  if (typeof parsed.sub !== 'string' || !isRole(parsed.role)) throw unauthenticated('The forwarded identity is malformed.');
  return { sub: parsed.sub, role: parsed.role };
}

/**
 * The connectionParams key of the one WebSocket the gateway opens to a subgraph for every caller's
 * subscriptions; each subscription then carries its caller's identity under OPERATION_IDENTITY.
 */
export const GATEWAY_CONNECTION_PARAM = 'x-lienthong-gateway';
/** The subscribe message's `extensions` key holding the caller's signed identity (the two headers). */
export const OPERATION_IDENTITY = 'lienthongIdentity';
/** Signed apart from identities (no base64url value holds a colon), so neither passes for the other. */
const CONNECTION_PREFIX = 'connection:';

/** The connectionParams of the gateway's shared subgraph WebSocket: who opened it, not who calls. */
export function signGatewayConnection(secret: string, now = Date.now()): Record<string, string> {
  const value = String(now);
  return { [GATEWAY_CONNECTION_PARAM]: value, [SIGNATURE_HEADER]: hmac(secret, CONNECTION_PREFIX + value) };
}

/** Checks signGatewayConnection's params; throws UNAUTHENTICATED if forged or stale. */
export function verifyGatewayConnection(secret: string, value: string, signature: string, now = Date.now()): void {
  checkSignature(secret, CONNECTION_PREFIX + value, signature, 'The connection is not signed by the gateway.');
  checkFresh(/^\d+$/.test(value) ? Number(value) : undefined, now, 'The connection signature is stale.');
}

/**
 * The identity the gateway signed into a request's headers (or a WebSocket's connectionParams).
 * Undefined when there is none; a client's own Authorization header is deliberately not looked at.
 */
export function identityFromHeaders(gatewaySecret: string, get: (name: string) => string | undefined): Identity | undefined {
  const signed = get(IDENTITY_HEADER);
  return signed === undefined ? undefined : verifySignedIdentity(gatewaySecret, signed, get(SIGNATURE_HEADER) ?? '');
}
