/**
 * Hostile and malformed input, table-driven, through the real gateway and the three real subgraphs:
 * each row gets its clear error code, the hub stays up, and afterwards the database is exactly as before
 * (row counts, stored content included, the head of the audit chain, which still verifies). The table is
 * printed, so the run is also the record of what each attack got back (docs/security.md lists it).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { signToken } from '../../src/shared/identity';
import { AUDIT_TABLE } from '../../src/subgraphs/documents/audit/audit-log';
import { verifyAuditLog } from '../../src/subgraphs/documents/audit/verify';
import { BLOB_TABLE } from '../../src/subgraphs/documents/document/blob-store';
import type { DocumentsServer } from '../../src/subgraphs/documents/server';
import { gql } from '../helpers/graphql';
import { tokenFor } from '../helpers/env';
import { startHub, type TestHub } from '../helpers/hub';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';
const THIRD = '000.00.00.G12';
const MAX_REQUEST_BYTES = 1024 * 1024;
const MAX_ATTACHMENT_BYTES = 256 * 1024;

let hub: TestHub;
let sender: string;
let recipient: string;
let operator: string;
/** Made in set-up, before the "before" snapshot: a delivery to move, a document of two other agencies. */
let ownDeliveryId: string;
let foreignDocumentId: string;

const SEND = `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id deliveries { id recipient { code } } } }`;
const valid = (over: Record<string, unknown> = {}) => ({
  clientRequestId: `hostile-${Math.random()}`,
  codeNumber: '15',
  codeNotation: 'VPCP-KSTT',
  documentType: 'Công văn',
  subject: 'Về việc kiểm thử an ninh',
  promulgationPlace: 'Hà Nội',
  promulgationDate: '2026-11-20',
  signerName: 'Trần Văn Sơn',
  signerPosition: 'Bộ trưởng',
  recipients: [RECIPIENT],
  ...over,
});

interface Reply {
  status: number;
  codes: string[];
  message: string;
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: { errors?: { message: string; extensions?: { code?: string } }[] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: no codes */
  }
  return { status: res.status, codes: [...new Set((body.errors ?? []).map((e) => String(e.extensions?.code)))], message: body.errors?.[0]?.message ?? text.slice(0, 120) };
}

/** A POST to the gateway with whatever headers and body the attack needs. */
async function post(body: unknown, headers: Record<string, string> = {}, bearer: string | null = sender): Promise<Reply> {
  return reply(
    await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

const op = (query: string, variables: Record<string, unknown> = {}, bearer: string | null = sender) => post({ query, variables }, {}, bearer);
const send = (over: Record<string, unknown>) => op(SEND, { input: valid(over) });

/** A graphql-transport-ws connection_init: the close code it ends with, or the first error code of a subscribe. */
function overWebSocket(params: Record<string, unknown> | undefined, query?: string): Promise<Reply> {
  const socket = new WebSocket(hub.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: params })));
  return new Promise((resolve) => {
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw));
      if (message.type === 'connection_ack' && query) socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
      // graphql-ws refuses an operation with `error`, or answers it with a `next` carrying the errors.
      const errors = message.type === 'error' ? message.payload : message.type === 'next' ? message.payload.errors : undefined;
      if (errors) {
        resolve({ status: 0, codes: [...new Set<string>(errors.map((e: any) => e.extensions?.code))], message: errors[0].message });
        socket.close();
      }
    });
    socket.on('close', (code) => resolve({ status: code, codes: [], message: `closed ${code}` }));
  });
}

function tamper(jwt: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  change(claims);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
/** Every scalar of Agency, each under a directive. */
const FIELDS = ['code', 'name', 'email', 'phone', 'address', 'website', 'active'].map((f) => `${f} @include(if: true)`).join(' ');
const nested = (depth: number) => `{ me { ${'parent { '.repeat(depth)}code${' }'.repeat(depth)} } }`;

interface Attack {
  name: string;
  run: () => Promise<Reply>;
  /** The one error code expected, or null when the input must simply be treated as data (no error, no effect). */
  code: string | null;
  status?: number;
}

const ATTACKS: Attack[] = [
  // — credentials —
  { name: 'no Authorization header', run: () => op('{ me { code } }', {}, null), code: 'UNAUTHENTICATED', status: 401 },
  { name: 'Authorization: Bearer garbage', run: () => op('{ me { code } }', {}, 'garbage'), code: 'UNAUTHENTICATED', status: 401 },
  { name: 'Authorization: Basic (wrong scheme)', run: () => post({ query: '{ me { code } }' }, { authorization: 'Basic dXNlcjpwYXNz' }, null), code: 'UNAUTHENTICATED', status: 401 },
  { name: 'token with sub changed to another agency', run: async () => op('{ me { code } }', {}, tamper(sender, (c) => (c.sub = THIRD))), code: 'UNAUTHENTICATED', status: 401 },
  { name: 'token with role raised to OPERATOR', run: async () => op('{ agencies(first: 1) { totalCount } }', {}, tamper(sender, (c) => (c.role = 'OPERATOR'))), code: 'UNAUTHENTICATED', status: 401 },
  { name: 'token with exp pushed a year ahead', run: async () => op('{ me { code } }', {}, tamper(sender, (c) => (c.exp = Number(c.exp) + 31_536_000))), code: 'UNAUTHENTICATED', status: 401 },
  { name: 'token with alg none and no signature', run: async () => op('{ me { code } }', {}, `${Buffer.from('{"alg":"none"}').toString('base64url')}.${sender.split('.')[1]}.`), code: 'UNAUTHENTICATED', status: 401 },
  { name: 'token signed with another secret', run: async () => op('{ me { code } }', {}, await signToken('guessed-secret', { sub: SENDER, role: 'AGENCY' }, 600)), code: 'UNAUTHENTICATED', status: 401 },
  { name: 'expired token', run: async () => op('{ me { code } }', {}, await tokenFor(hub.config, SENDER, 'AGENCY', -600)), code: 'UNAUTHENTICATED', status: 401 },
  { name: 'token of an agency not in the directory', run: async () => op('{ me { code } }', {}, await tokenFor(hub.config, '000.00.00.X99')), code: 'UNAUTHENTICATED', status: 401 },
  { name: 'WebSocket without connectionParams', run: () => overWebSocket(undefined), code: null, status: 4401 },
  { name: 'WebSocket with a tampered token', run: () => overWebSocket({ authorization: `Bearer ${tamper(sender, (c) => (c.sub = THIRD))}` }), code: null, status: 4403 },
  // — the request itself —
  { name: 'malformed JSON body', run: () => post('{"query": "{ me { code } }"'), code: 'BAD_USER_INPUT' },
  { name: 'JSON body that is a string', run: () => post('"{ me { code } }"'), code: 'BAD_USER_INPUT' },
  { name: 'JSON body without a query', run: () => post({ variables: {} }), code: 'BAD_USER_INPUT' },
  { name: 'query that is a number', run: () => post({ query: 42 }), code: 'BAD_USER_INPUT' },
  { name: 'variables that are a string', run: () => post({ query: '{ me { code } }', variables: 'x' }), code: 'BAD_USER_INPUT' },
  { name: 'Content-Type text/plain (a CSRF-able simple request)', run: () => post(JSON.stringify({ query: '{ me { code } }' }), { 'content-type': 'text/plain' }), code: 'BAD_USER_INPUT', status: 415 },
  { name: 'Content-Type application/x-www-form-urlencoded', run: () => post('query=%7B%20me%20%7B%20code%20%7D%20%7D', { 'content-type': 'application/x-www-form-urlencoded' }), code: 'BAD_USER_INPUT', status: 415 },
  { name: 'Content-Type multipart/form-data', run: () => post('--x\r\n\r\n--x--', { 'content-type': 'multipart/form-data; boundary=x' }), code: 'BAD_USER_INPUT', status: 415 },
  { name: 'GET with neither Authorization nor a CSRF header', run: async () => reply(await fetch(`${hub.url}?query=${encodeURIComponent('{ me { code } }')}`)), code: 'FORBIDDEN', status: 403 },
  { name: 'mutation over GET', run: async () => reply(await fetch(`${hub.url}?query=${encodeURIComponent('mutation { recallDocument(documentId: "1", reason: "x") { id } }')}`, { headers: { authorization: `Bearer ${sender}` } })), code: 'BAD_USER_INPUT' },
  { name: 'body over the request size limit', run: () => post({ query: '{ me { code } }', variables: { pad: 'x'.repeat(MAX_REQUEST_BYTES + 10) } }), code: 'BAD_USER_INPUT', status: 413 },
  {
    name: 'chunked body that declares no length',
    run: async () =>
      reply(
        await fetch(hub.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${sender}` },
          body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('{"query":"{ me { code } }"}')), c.close()) }),
          duplex: 'half',
        } as RequestInit),
      ),
    code: 'BAD_USER_INPUT',
    status: 411,
  },
  { name: 'batch of 50 operations', run: () => post(Array.from({ length: 50 }, () => ({ query: '{ me { code } }' }))), code: 'QUERY_TOO_COMPLEX', status: 413 },
  // — the GraphQL document —
  { name: 'syntax error', run: () => op('{ me { code '), code: 'BAD_USER_INPUT' },
  { name: 'unknown field', run: () => op('{ deleteEverything }'), code: 'BAD_USER_INPUT' },
  { name: 'unknown operationName', run: () => post({ query: 'query A { me { code } }', operationName: 'B' }), code: 'BAD_USER_INPUT' },
  { name: 'two operations and no operationName', run: () => op('query A { me { code } } query B { me { name } }'), code: 'BAD_USER_INPUT' },
  { name: 'fragment cycle', run: () => op('query { me { ...A } } fragment A on Agency { parent { ...B } } fragment B on Agency { parent { ...A } }'), code: 'BAD_USER_INPUT' },
  { name: 'query nested 30 deep', run: () => op(nested(30)), code: 'QUERY_TOO_COMPLEX' },
  { name: 'alias bomb: 200 aliases', run: () => op(`{ ${Array.from({ length: 200 }, (_, i) => `a${i}: me { code }`).join(' ')} }`), code: 'QUERY_TOO_COMPLEX' },
  { name: 'directive flood: 14 directives', run: () => op(`{ me { ${FIELDS} parent { ${FIELDS} } } }`), code: 'QUERY_TOO_COMPLEX' },
  { name: 'token flood: 20,000 tokens', run: () => op(`{ ${'me { code } '.repeat(5000)} }`), code: 'QUERY_TOO_COMPLEX' },
  {
    name: 'nested connections, 100 × 100 × 100',
    run: () => op('{ agencies(first: 100) { edges { node { children(first: 100) { edges { node { children(first: 100) { edges { node { code } } } } } } } } } }'),
    code: 'QUERY_TOO_COMPLEX',
  },
  { name: 'first: 1000 through a variable', run: () => op('query($n: Int) { agencies(first: $n) { totalCount } }', { n: 1000 }), code: 'BAD_USER_INPUT' },
  { name: 'first: -1', run: () => op('{ inbox(first: -1) { totalCount } }'), code: 'BAD_USER_INPUT' },
  { name: 'a cursor the hub never gave out', run: () => op('{ inbox(after: "JyBPUiAxPTEgLS0") { totalCount } }'), code: 'BAD_USER_INPUT' },
  { name: 'SQL in a search string', run: () => op(`{ agencies(search: "'; DROP TABLE agency; --") { totalCount } }`), code: null },
  { name: 'LIKE wildcards in a search string', run: () => op(`{ agencies(search: "%_%") { totalCount } }`), code: null },
  // — sendDocument input —
  { name: 'urgency not in the enum', run: () => send({ urgency: 'SUPER_URGENT' }), code: 'BAD_USER_INPUT' },
  { name: 'codeNumber as a number, not a string', run: () => send({ codeNumber: 15 }), code: 'BAD_USER_INPUT' },
  { name: 'subject missing', run: () => op(SEND, { input: { ...valid(), subject: undefined } }), code: 'BAD_USER_INPUT' },
  { name: 'subject of 600,000 characters', run: () => send({ subject: 'Đ'.repeat(300_000) }), code: 'BAD_USER_INPUT' },
  { name: 'clientRequestId of 10,000 characters', run: () => send({ clientRequestId: 'k'.repeat(10_000) }), code: 'BAD_USER_INPUT' },
  { name: 'recipient code with spaces and quotes', run: () => send({ recipients: ["000.00.00.H41' OR '1'='1"] }), code: 'BAD_USER_INPUT' },
  { name: 'recipient not in the directory', run: () => send({ recipients: ['000.00.00.Z99'] }), code: 'BAD_USER_INPUT' },
  { name: 'duplicate recipients', run: () => send({ recipients: [RECIPIENT, RECIPIENT] }), code: 'BAD_USER_INPUT' },
  { name: 'the sender as its own recipient', run: () => send({ recipients: [SENDER] }), code: 'BAD_USER_INPUT' },
  { name: 'no recipients', run: () => send({ recipients: [] }), code: 'BAD_USER_INPUT' },
  { name: 'attachment that is not base64', run: () => send({ attachments: [{ fileName: 'a.pdf', contentType: 'application/pdf', contentBase64: '%%%not base64%%%' }] }), code: 'BAD_USER_INPUT' },
  {
    name: 'attachment whose SHA-256 is wrong',
    run: () => send({ attachments: [{ fileName: 'a.txt', contentType: 'text/plain', contentBase64: b64('nội dung'), sha256: 'ab'.repeat(32) }] }),
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'attachment over the per-file limit',
    run: () => send({ attachments: [{ fileName: 'big.bin', contentType: 'application/octet-stream', contentBase64: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1).toString('base64') }] }),
    code: 'BAD_USER_INPUT',
  },
  { name: 'attachment named ../../etc/passwd', run: () => send({ attachments: [{ fileName: '../../etc/passwd', contentType: 'text/plain', contentBase64: b64('x') }] }), code: 'BAD_USER_INPUT' },
  { name: 'attachment content type with a newline', run: () => send({ attachments: [{ fileName: 'a.txt', contentType: 'text/plain\r\nX-Evil: 1', contentBase64: b64('x') }] }), code: 'BAD_USER_INPUT' },
  { name: 'promulgation date in the future', run: () => send({ promulgationDate: '2099-01-01' }), code: 'BAD_USER_INPUT' },
  { name: 'promulgation date that does not exist (30 February)', run: () => send({ promulgationDate: '2026-02-30' }), code: 'BAD_USER_INPUT' },
  { name: 'due date that is not a date', run: () => send({ dueDate: 'tomorrow' }), code: 'BAD_USER_INPUT' },
  { name: 'citizen id that is not 12 digits', run: () => send({ citizenIds: ['12ab'] }), code: 'BAD_USER_INPUT' },
  { name: 'a reply to a document of two other agencies', run: () => send({ inReplyTo: foreignDocumentId }), code: 'FORBIDDEN' },
  { name: "superseding another sender's document", run: () => send({ supersedes: foreignDocumentId }), code: 'BAD_USER_INPUT' },
  // — status moves, recall, directory —
  { name: 'PENDING straight to COMPLETED', run: () => op(`mutation { updateDeliveryStatus(deliveryId: "${ownDeliveryId}", status: COMPLETED) { id } }`, {}, recipient), code: 'INVALID_STATUS_TRANSITION' },
  { name: 'status not in the enum', run: () => op(`mutation { updateDeliveryStatus(deliveryId: "${ownDeliveryId}", status: DELETED) { id } }`, {}, recipient), code: 'BAD_USER_INPUT' },
  { name: 'delivery id "1 OR 1=1"', run: () => op(`mutation { updateDeliveryStatus(deliveryId: "1 OR 1=1", status: ARRIVED) { id } }`, {}, recipient), code: 'NOT_FOUND' },
  { name: "moving another agency's delivery", run: () => op(`mutation { updateDeliveryStatus(deliveryId: "${ownDeliveryId}", status: ARRIVED) { id } }`, {}, sender), code: 'FORBIDDEN' },
  { name: 'a note of 10,000 characters', run: () => op(`mutation($n: String) { updateDeliveryStatus(deliveryId: "${ownDeliveryId}", status: ARRIVED, note: $n) { id } }`, { n: 'n'.repeat(10_000) }, recipient), code: 'BAD_USER_INPUT' },
  { name: 'recall with a blank reason', run: () => op(`mutation { recallDocument(documentId: "${foreignDocumentId}", reason: "   ") { id } }`, {}, recipient), code: 'BAD_USER_INPUT' },
  { name: "recalling another sender's document", run: () => op(`mutation { recallDocument(documentId: "${foreignDocumentId}", reason: "x") { id } }`), code: 'FORBIDDEN' },
  { name: 'answering a recall nobody asked for', run: () => op(`mutation { answerRecall(deliveryId: "${ownDeliveryId}", agree: true) { id } }`, {}, recipient), code: 'INVALID_STATUS_TRANSITION' },
  { name: 'an agency creating an agency', run: () => op(`mutation { createAgency(input: { code: "000.00.99.G22", name: "x" }) { code } }`), code: 'FORBIDDEN' },
  { name: 'an operator creating a unit with an SQL code', run: () => op(`mutation { createAgency(input: { code: "x'); DROP TABLE agency;--", name: "x" }) { code } }`, {}, operator), code: 'BAD_USER_INPUT' },
  { name: 'an operator merging a unit into itself', run: () => op(`mutation { mergeAgency(code: "${THIRD}", successorCode: "${THIRD}") { code } }`, {}, operator), code: 'BAD_USER_INPUT' },
  { name: 'subscribing to a field that does not exist, over WebSocket', run: async () => overWebSocket({ authorization: `Bearer ${sender}` }, 'subscription { everything }'), code: 'BAD_USER_INPUT' },
];

const TABLES = ['agency', 'document', 'delivery', 'attachment', BLOB_TABLE, 'status_event', 'document_citizen', 'document_parcel', AUDIT_TABLE];

async function snapshot() {
  const documents = hub.subgraphs.documents as DocumentsServer;
  const knex = documents.orm.em.getKnex();
  const rows: Record<string, number> = {};
  for (const table of TABLES) rows[table] = Number((await knex(table).count({ n: '*' }))[0].n);
  const head = await knex(AUDIT_TABLE).select('seq', 'hash').orderBy('seq', 'desc').first();
  return { rows, head };
}

before(async () => {
  hub = await startHub({
    LIENTHONG_MAX_REQUEST_BYTES: String(MAX_REQUEST_BYTES),
    LIENTHONG_MAX_ATTACHMENT_BYTES: String(MAX_ATTACHMENT_BYTES),
    // This file fires many operations in a row as one agency; the rate limit has its own test.
    LIENTHONG_RATE_LIMIT_PER_SECOND: '0',
  });
  [sender, recipient, operator] = await Promise.all([tokenFor(hub.config, SENDER), tokenFor(hub.config, RECIPIENT), tokenFor(hub.config, 'operator-1', 'OPERATOR')]);
  const mine = await gql(hub.url, SEND, { input: valid({ clientRequestId: 'hostile-setup-1' }) }, sender);
  assert.equal(mine.errors, undefined, JSON.stringify(mine.errors));
  ownDeliveryId = mine.data!.sendDocument.deliveries[0].id;
  const foreign = await gql(hub.url, SEND, { input: valid({ clientRequestId: 'hostile-setup-2', recipients: [THIRD] }) }, recipient);
  assert.equal(foreign.errors, undefined, JSON.stringify(foreign.errors));
  foreignDocumentId = foreign.data!.sendDocument.id;
});

after(() => hub?.close());

test(`${ATTACKS.length} hostile inputs: each refused with its code, nothing written, the hub still up`, async () => {
  assert.ok(ATTACKS.length >= 40);
  const before = await snapshot();
  const lines: string[] = [];
  const wrong: string[] = [];
  for (const attack of ATTACKS) {
    // A hub that never answers is a failure of the row, not a test that hangs.
    let timer: NodeJS.Timeout | undefined;
    const got = await Promise.race([
      attack.run(),
      new Promise<Reply>((resolve) => (timer = setTimeout(() => resolve({ status: -1, codes: ['NO ANSWER'], message: 'no answer within 15 s' }), 15_000))),
    ]).finally(() => clearTimeout(timer));
    const expected = attack.code === null ? [] : [attack.code];
    const statusOk = attack.status === undefined || attack.status === got.status;
    lines.push(`| ${attack.name} | ${got.status} | ${got.codes.join(', ') || '—'} | ${got.message.replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 110)} |`);
    if (JSON.stringify(got.codes) !== JSON.stringify(expected) || !statusOk) {
      wrong.push(`${attack.name}: expected ${attack.status ?? ''} ${expected.join(',') || 'no error'}, got ${got.status} ${got.codes.join(',') || 'no error'} (${got.message})`);
    }
  }
  console.log(['| attack | HTTP / close | code | message |', '|---|---|---|---|', ...lines].join('\n'));
  assert.deepEqual(wrong, []);

  assert.deepEqual(await snapshot(), before, 'the database changed');
  const audit = await verifyAuditLog((hub.subgraphs.documents as DocumentsServer).orm);
  assert.deepEqual(audit.problems, []);
  const health = await fetch(hub.url.replace('/graphql', '/healthz'));
  assert.equal(health.status, 200);
  const still = await gql(hub.url, '{ me { code } }', {}, sender);
  assert.equal(still.data?.me.code, SENDER);
});
