/**
 * REST for document-management systems that speak edXML, not GraphQL, on the gateway's port: the calls of
 * the national platform's hub (sendEdoc, getReceivedEdocList, getEdoc, updateStatus, getSentEdocList)
 * over the GraphQL API. Each call runs as a GraphQL operation through the gateway's own runtime, in
 * process, with the caller's Authorization header — so it is authenticated, limited and authorized
 * exactly like GraphQL, and the documents subgraph does the work (sendEdxml, sendEdxmlStatus, …).
 */
import type http from 'node:http';
import type { Config } from '../config';
import { HubError, unauthenticated } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { DeliveryStatus } from '../subgraphs/documents/delivery/status-machine';
import { EDXML_OPERATIONS, edxmlOpenApi, type EdxmlOperationId } from './edxml-openapi';

/** What this needs of the gateway runtime: its fetch, which runs a request through it in process. */
export interface InProcessFetch {
  fetch(url: string, init: RequestInit): Promise<Response> | Response;
}

interface GraphQLResult {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

interface Call {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The body, decoded as UTF-8 (POST only). */
  body: string;
  graphql(query: string, variables?: Record<string, unknown>): Promise<Record<string, any>>;
}

interface Reply {
  status?: number;
  /** JSON, or the text of an XML body. */
  body: unknown;
  xml?: boolean;
}

const PREFIX = '/edxml/';

/** A body over the request limit, refused while it is read (a chunked body declares no length up front). */
class BodyTooLarge extends Error {}

const HTTP_STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, QUERY_TOO_COMPLEX: 400,
  INVALID_STATUS_TRANSITION: 409, CONFLICT: 409, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503,
};
const DELIVERY = 'id status statusCode updatedAt recipient { code }';
const SENT_RESULT = `id deliveries { ${DELIVERY} }`;
const STATUSES = new Set<string>(Object.values(DeliveryStatus));

const delivery = (d: Record<string, any>) => ({ deliveryId: d.id, recipient: d.recipient.code, status: d.status, statusCode: d.statusCode, updatedAt: d.updatedAt });
const page = (connection: Record<string, any>) => ({ total: connection.totalCount, nextCursor: connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null });

function firstParam(query: URLSearchParams): number | undefined {
  const raw = query.get('first');
  if (raw === null) return undefined;
  if (!/^\d{1,6}$/.test(raw)) throw new HubError('BAD_USER_INPUT', 'first must be a whole number', { problems: [{ field: 'first', message: 'must be a whole number' }] });
  return Number(raw);
}

/** One handler per documented operation (edxml-openapi.ts); the compiler holds the two lists together. */
const HANDLERS: Record<EdxmlOperationId, (call: Call) => Promise<Reply>> = {
  async sendEdxml(call) {
    const { sendEdxml: doc } = await call.graphql(
      `mutation($message: String!) { sendEdxml(message: $message) { ${SENT_RESULT} edxmlSignature { verdict signerSubject problem } } }`,
      { message: call.body },
    );
    return { body: { status: 'OK', docId: doc.id, deliveries: doc.deliveries.map(delivery), signature: doc.edxmlSignature } };
  },
  async sendStatus(call) {
    const { sendEdxmlStatus: doc } = await call.graphql(`mutation($message: String!) { sendEdxmlStatus(message: $message) { ${SENT_RESULT} } }`, { message: call.body });
    return { body: { status: 'OK', docId: doc.id, deliveries: doc.deliveries.map(delivery) } };
  },
  async listReceived(call) {
    const status = call.query.getAll('status');
    const unknown = status.filter((s) => !STATUSES.has(s));
    if (unknown.length) {
      throw new HubError('BAD_USER_INPUT', `status must be one of ${[...STATUSES].join(', ')}`, {
        problems: unknown.map((s) => ({ field: 'status', message: `${s.slice(0, 30)} is not a delivery status` })),
      });
    }
    const { inbox } = await call.graphql(
      `query($status: [DeliveryStatus!], $first: Int, $after: String) {
        inbox(status: $status, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { node { ${DELIVERY} document { id codeNumber codeNotation documentType subject urgency promulgationDate sentAt sender { code name } } } }
        }
      }`,
      { status: status.length ? status : null, first: firstParam(call.query), after: call.query.get('after') },
    );
    const items = inbox.edges.map(({ node }: Record<string, any>) => {
      const { document: doc } = node;
      return {
        deliveryId: node.id, docId: doc.id, from: doc.sender.code, fromName: doc.sender.name, codeNumber: doc.codeNumber,
        codeNotation: doc.codeNotation, documentType: doc.documentType, subject: doc.subject, urgency: doc.urgency,
        promulgationDate: doc.promulgationDate, sentAt: doc.sentAt, status: node.status, statusCode: node.statusCode, updatedAt: node.updatedAt,
      };
    });
    return { body: { status: 'OK', ...page(inbox), items } };
  },
  async listSent(call) {
    const { outbox } = await call.graphql(
      `query($first: Int, $after: String) {
        outbox(first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { node { id codeNumber codeNotation subject sentAt deliveries { ${DELIVERY} statusEdxml } } }
        }
      }`,
      { first: firstParam(call.query), after: call.query.get('after') },
    );
    const items = outbox.edges.map(({ node }: Record<string, any>) => ({
      docId: node.id, codeNumber: node.codeNumber, codeNotation: node.codeNotation, subject: node.subject, sentAt: node.sentAt,
      deliveries: node.deliveries.map((d: Record<string, any>) => ({ ...delivery(d), statusEdxml: d.statusEdxml })),
    }));
    return { body: { status: 'OK', ...page(outbox), items } };
  },
  async getEdxml(call) {
    const { document } = await call.graphql(`query($id: ID!) { document(id: $id) { edxml } }`, { id: call.params.id });
    if (!document) throw new HubError('NOT_FOUND', `Document ${call.params.id} does not exist.`);
    return { body: document.edxml, xml: true };
  },
  async openApi() {
    return { body: edxmlOpenApi() };
  },
};

/** Each documented operation as a matcher of method and path. */
const ROUTES = Object.entries(EDXML_OPERATIONS).map(([id, op]) => ({
  id: id as EdxmlOperationId,
  ...op,
  pattern: new RegExp(`^${op.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
}));

function send(res: http.ServerResponse, reply: Reply, headers: Record<string, string> = {}): void {
  const xml = reply.xml === true;
  const text = xml ? String(reply.body) : JSON.stringify(reply.body);
  res.writeHead(reply.status ?? 200, { 'content-type': xml ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

function failure(res: http.ServerResponse, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  const status = HTTP_STATUS[code] ?? 500;
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
  const problems = Array.isArray(extensions.problems) ? { problems: extensions.problems } : {};
  send(res, { status, body: { status: 'FAIL', code, message, ...problems } }, headers);
}

/** The body, up to `limit` bytes whatever the request declared, decoded as UTF-8. */
async function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(`The request is larger than the limit of ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HubError('BAD_USER_INPUT', 'The body is not UTF-8 text.', { problems: [{ field: '/', message: 'is not valid UTF-8' }] });
  }
}

/** The request listener for /edxml/…; returns false for any other path. `graphqlPath` is the runtime's GraphQL endpoint. */
export function edxmlRest(runtime: InProcessFetch, config: Config, graphqlPath: string, logger: Logger) {
  const graphql = (authorization: string | undefined) => async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await runtime.fetch(`http://gateway${graphqlPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const result = (await response.json()) as GraphQLResult;
    const error = result.errors?.[0];
    if (error) throw new HubError((error.extensions?.code as never) ?? 'INTERNAL_SERVER_ERROR', error.message, error.extensions ?? {});
    return result.data as Record<string, any>;
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const matching = ROUTES.filter((r) => r.pattern.test(url.pathname));
    const route = matching.find((r) => r.method === req.method);
    if (!route) {
      if (matching.length) return send(res, { status: 405, body: { status: 'FAIL', code: 'METHOD_NOT_ALLOWED', message: `Use ${matching.map((r) => r.method).join(' or ')}.` } }, { allow: matching.map((r) => r.method).join(', ') });
      return failure(res, 'NOT_FOUND', `No edXML operation at ${url.pathname}; see ${PREFIX}openapi.json.`);
    }
    // Refused before a large body is read; a token that is sent is verified by the GraphQL operation.
    if (route.authenticated && !req.headers.authorization) return failure(res, 'UNAUTHENTICATED', unauthenticated().message);
    const call: Call = {
      params: Object.fromEntries(Object.entries(route.pattern.exec(url.pathname)?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])),
      query: url.searchParams,
      body: req.method === 'POST' ? await readBody(req, config.maxRequestBytes) : '',
      graphql: graphql(req.headers.authorization),
    };
    send(res, await HANDLERS[route.id](call));
  }

  return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    if (!url.pathname.startsWith(PREFIX)) return false;
    handle(req, res, url).catch((e: unknown) => {
      if (res.headersSent) return res.destroy();
      if (e instanceof BodyTooLarge) {
        return send(res, { status: 413, body: { status: 'FAIL', code: 'BAD_USER_INPUT', message: e.message } }, { connection: 'close' });
      }
      if (e instanceof HubError) return failure(res, e.code, e.message, e.extensions);
      logger.error({ err: e, path: url.pathname }, 'edXML REST call failed');
      failure(res, 'INTERNAL_SERVER_ERROR', 'The hub could not complete this request; it has been logged.');
    });
    return true;
  };
}
