/**
 * The gateway's cache of verified client tokens (auth.ts): a token is answered only with what verifying
 * that very string gave, until its exp; a tampered, expired or differently signed token is still refused.
 * And the signatures the gateway puts on its shared subgraph socket and on each subscription over it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config';
import { authenticate, identityExtension, VerifiedTokens } from '../../src/gateway/auth';
import {
  GATEWAY_CONNECTION_PARAM,
  IDENTITY_HEADER,
  OPERATION_IDENTITY,
  SIGNATURE_HEADER,
  signGatewayConnection,
  signIdentity,
  signToken,
  verifyGatewayConnection,
  verifySignedIdentity,
} from '../../src/shared/identity';

const config = loadConfig({ LIENTHONG_LOG_LEVEL: 'silent', NODE_ENV: 'test', LIENTHONG_JWT_SECRET: 'unit-secret', LIENTHONG_JWT_CLOCK_SKEW_SECONDS: '0' });
const H41 = { sub: '000.00.00.H41', role: 'AGENCY' } as const;
const G22 = { sub: '000.00.00.G22', role: 'AGENCY' } as const;

test('VerifiedTokens answers a token with its own identity, until it expires', () => {
  const cache = new VerifiedTokens();
  cache.set('token-a', H41, 2_000);
  cache.set('token-b', G22, 2_000);
  assert.deepEqual(cache.get('token-a', 1_000), H41);
  assert.deepEqual(cache.get('token-b', 1_000), G22);
  assert.equal(cache.get('token-a ', 1_000), undefined);
  assert.equal(cache.get('token-a', 2_000), undefined);
});

test('VerifiedTokens drops the oldest entry when full', () => {
  const cache = new VerifiedTokens(2);
  cache.set('a', H41, Infinity);
  cache.set('b', G22, Infinity);
  cache.set('c', H41, Infinity);
  assert.equal(cache.get('a'), undefined);
  assert.deepEqual(cache.get('b'), G22);
  assert.deepEqual(cache.get('c'), H41);
});

test('authenticate: a remembered token still refuses its tampered copy and tokens of another secret', async () => {
  const token = await signToken(config.jwtSecret, H41, 600);
  assert.deepEqual(await authenticate(config, `Bearer ${token}`), H41);
  assert.deepEqual(await authenticate(config, `Bearer ${token}`), H41);
  const [header, , signature] = token.split('.');
  const forgedPayload = Buffer.from(JSON.stringify({ role: 'AGENCY', sub: G22.sub, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
  await assert.rejects(authenticate(config, `Bearer ${header}.${forgedPayload}.${signature}`), { extensions: { code: 'UNAUTHENTICATED' } });
  const other = await signToken('another-secret', H41, 600);
  await assert.rejects(authenticate(config, `Bearer ${other}`), { extensions: { code: 'UNAUTHENTICATED' } });
});

test('authenticate: an expired token is refused even though it was accepted before', async () => {
  const token = await signToken(config.jwtSecret, H41, 1);
  assert.deepEqual(await authenticate(config, `Bearer ${token}`), H41);
  await new Promise((resolve) => setTimeout(resolve, (config.jwtClockSkewSeconds + 2) * 1000));
  await assert.rejects(authenticate(config, `Bearer ${token}`), { extensions: { code: 'UNAUTHENTICATED' } });
});

test("a subscription's identity is signed each time it is sent, so one sent again after the signature's minute is accepted", (t) => {
  const extension = JSON.stringify(identityExtension(config.gatewaySecret, H41));
  const verify = (sent: string, now: number) => {
    const headers = (JSON.parse(sent) as Record<string, Record<string, string>>)[OPERATION_IDENTITY];
    return verifySignedIdentity(config.gatewaySecret, headers[IDENTITY_HEADER], headers[SIGNATURE_HEADER], now);
  };
  const later = Date.now() + 120_000;
  assert.deepEqual(verify(extension, Date.now()), H41);
  assert.throws(() => verify(extension, later), /stale/);
  t.mock.method(Date, 'now', () => later);
  assert.deepEqual(verify(JSON.stringify(identityExtension(config.gatewaySecret, H41)), later), H41);
});

test("the gateway's connection signature and an identity's signature are not taken for each other", () => {
  const identity = signIdentity(config.gatewaySecret, H41);
  const connection = signGatewayConnection(config.gatewaySecret);
  assert.doesNotThrow(() => verifyGatewayConnection(config.gatewaySecret, connection[GATEWAY_CONNECTION_PARAM], connection[SIGNATURE_HEADER]));
  assert.throws(() => verifyGatewayConnection(config.gatewaySecret, identity[IDENTITY_HEADER], identity[SIGNATURE_HEADER]), /not signed by the gateway/);
  assert.throws(() => verifySignedIdentity(config.gatewaySecret, connection[GATEWAY_CONNECTION_PARAM], connection[SIGNATURE_HEADER]), /not signed by the gateway/);
  assert.throws(() => verifyGatewayConnection('another secret', connection[GATEWAY_CONNECTION_PARAM], connection[SIGNATURE_HEADER]), /not signed by the gateway/);
  const old = signGatewayConnection(config.gatewaySecret, Date.now() - 61_000);
  assert.throws(() => verifyGatewayConnection(config.gatewaySecret, old[GATEWAY_CONNECTION_PARAM], old[SIGNATURE_HEADER]), /stale/);
});
