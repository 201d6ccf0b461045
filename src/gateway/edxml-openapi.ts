/**
 * The REST part of the hub for existing document-management systems (hệ thống quản lý văn bản), as
 * OpenAPI 3.1: the operations edxml-rest.ts serves are the ones listed here — it routes by this table,
 * and the compiler makes it handle each — so the document served at /edxml/openapi.json cannot drift
 * from what the server does.
 */
import { DeliveryStatus } from '../subgraphs/documents/delivery/status-machine';

export type EdxmlOperationId = 'sendEdxml' | 'listReceived' | 'listSent' | 'getEdxml' | 'sendStatus' | 'openApi';

export interface EdxmlOperation {
  method: 'GET' | 'POST';
  /** OpenAPI path; `{id}` is a path parameter. */
  path: string;
  /** Whether the caller must send `Authorization: Bearer <JWT>`, as for GraphQL. */
  authenticated: boolean;
  doc: Record<string, unknown>;
}

const json = (schema: string) => ({ content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } });
const failures = {
  400: { description: 'BAD_USER_INPUT: not edXML, or invalid (every problem, with the XPath of the element at fault)', ...json('Failure') },
  401: { description: 'UNAUTHENTICATED: no valid access token', ...json('Failure') },
  403: { description: 'FORBIDDEN: e.g. a message whose From is not the calling agency', ...json('Failure') },
  409: { description: 'CONFLICT or INVALID_STATUS_TRANSITION', ...json('Failure') },
  413: { description: 'The body is larger than LIENTHONG_MAX_REQUEST_BYTES', ...json('Failure') },
  429: { description: 'RATE_LIMITED', ...json('Failure') },
  503: { description: 'SERVICE_UNAVAILABLE: a part of the hub cannot be reached; try again', ...json('Failure') },
};
const edxmlBody = (what: string) => ({
  required: true,
  description: `${what} (QCVN 102:2016, namespace http://www.mic.gov.vn/TBT/QCVN_102_2016), UTF-8.`,
  content: { 'application/xml': { schema: { type: 'string' } }, 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
});
const paging = [
  { name: 'first', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 100, default: 20 } },
  { name: 'after', in: 'query', description: 'nextCursor of the previous page', schema: { type: 'string' } },
];

export const EDXML_OPERATIONS: Record<EdxmlOperationId, EdxmlOperation> = {
  sendEdxml: {
    method: 'POST',
    path: '/edxml/send',
    authenticated: true,
    doc: {
      summary: 'Send a document (sendEdoc)',
      description: 'A new document, or with BussinessDocType 1 the revoke of an earlier one (a recall), 2 or 3 its update or replacement. '
        + 'Idempotent: the same DocumentId from the same sender is the same send. A signed message is checked (XML-DSig); '
        + 'with LIENTHONG_REQUIRE_SIGNATURE=true an unsigned or badly signed one is refused.',
      requestBody: edxmlBody('The edXML document message'),
      responses: { 200: { description: 'Accepted (or already accepted)', ...json('Sent') }, ...failures },
    },
  },
  listReceived: {
    method: 'GET',
    path: '/edxml/received',
    authenticated: true,
    doc: {
      summary: 'Documents addressed to the calling agency, newest first (getReceivedEdocList)',
      parameters: [
        { name: 'status', in: 'query', description: 'Only these statuses (repeat the parameter for several); e.g. PENDING for what is not fetched yet',
          schema: { type: 'array', items: { $ref: '#/components/schemas/DeliveryStatus' } }, style: 'form', explode: true },
        ...paging,
      ],
      responses: { 200: { description: 'One page', ...json('ReceivedPage') }, ...failures },
    },
  },
  listSent: {
    method: 'GET',
    path: '/edxml/sent',
    authenticated: true,
    doc: {
      summary: 'Documents the calling agency sent, newest first, with each recipient\'s status and its status message (getSentEdocList)',
      parameters: paging,
      responses: { 200: { description: 'One page', ...json('SentPage') }, ...failures },
    },
  },
  getEdxml: {
    method: 'GET',
    path: '/edxml/documents/{id}',
    authenticated: true,
    doc: {
      summary: 'A document as edXML (getEdoc): as received when it came as edXML, signature intact; else written from the hub\'s record',
      parameters: [{ name: 'id', in: 'path', required: true, description: 'docId from a list', schema: { type: 'string' } }],
      responses: {
        200: { description: 'The edXML document message', content: { 'application/xml': { schema: { type: 'string' } } } },
        404: { description: 'NOT_FOUND', ...json('Failure') },
        ...failures,
      },
    },
  },
  sendStatus: {
    method: 'POST',
    path: '/edxml/status',
    authenticated: true,
    doc: {
      summary: 'Send a status message (updateStatus)',
      description: '01 arrived, 02 rejected (Description = the reason), 03 accepted, 04 assigned, 05 processing, 06 completed — by the recipient; '
        + '13 by the sender to ask for the document back; 15 / 16 by the recipient to agree / refuse. The same message sent again changes nothing.',
      requestBody: edxmlBody('The edXML status message'),
      responses: { 200: { description: 'Applied (or already applied)', ...json('Sent') }, 404: { description: 'NOT_FOUND: no such document for the caller', ...json('Failure') }, ...failures },
    },
  },
  openApi: {
    method: 'GET',
    path: '/edxml/openapi.json',
    authenticated: false,
    doc: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } },
  },
};

const nullableString = { type: ['string', 'null'] };

/** A page of a list: its items, the total, and the cursor of the next page (null on the last). */
function pageOf(itemProperties: Record<string, unknown>) {
  return {
    type: 'object',
    properties: {
      status: { const: 'OK' },
      total: { type: 'integer' },
      nextCursor: nullableString,
      items: { type: 'array', items: { type: 'object', properties: itemProperties } },
    },
  };
}

const SCHEMAS = {
  DeliveryStatus: { type: 'string', enum: Object.values(DeliveryStatus) },
  Failure: {
    type: 'object',
    required: ['status', 'code', 'message'],
    properties: {
      status: { const: 'FAIL' },
      code: { type: 'string', description: 'The contract\'s error code (extensions.code)', examples: ['BAD_USER_INPUT'] },
      message: { type: 'string' },
      problems: {
        type: 'array',
        items: { type: 'object', properties: { field: { type: 'string', description: 'XPath of the element at fault', examples: ['/edXML/edXMLEnvelope/edXMLHeader/MessageHeader/Subject'] }, message: { type: 'string' } } },
      },
    },
  },
  Delivery: {
    type: 'object',
    properties: {
      deliveryId: { type: 'string' }, recipient: { type: 'string' }, status: { $ref: '#/components/schemas/DeliveryStatus' },
      statusCode: { ...nullableString, description: 'edXML status code; null while PENDING' }, updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  Sent: {
    type: 'object',
    properties: {
      status: { const: 'OK' },
      docId: { type: 'string', description: 'The hub\'s id of the document' },
      deliveries: { type: 'array', items: { $ref: '#/components/schemas/Delivery' }, description: 'The sender sees every recipient; a recipient its own' },
      signature: {
        type: ['object', 'null'],
        properties: { verdict: { enum: ['UNSIGNED', 'VALID', 'INVALID'] }, signerSubject: nullableString, problem: nullableString },
      },
    },
  },
  ReceivedPage: pageOf({
    deliveryId: { type: 'string' }, docId: { type: 'string' }, from: { type: 'string' }, fromName: { type: 'string' },
    codeNumber: { type: 'string' }, codeNotation: { type: 'string' }, documentType: { type: 'string' }, subject: { type: 'string' },
    urgency: { enum: ['NORMAL', 'URGENT', 'VERY_URGENT', 'FLASH', 'FLASH_TIMED'] }, promulgationDate: { type: 'string', format: 'date' },
    sentAt: { type: 'string', format: 'date-time' }, status: { $ref: '#/components/schemas/DeliveryStatus' }, statusCode: nullableString,
    updatedAt: { type: 'string', format: 'date-time' },
  }),
  SentPage: pageOf({
    docId: { type: 'string' }, codeNumber: { type: 'string' }, codeNotation: { type: 'string' }, subject: { type: 'string' },
    sentAt: { type: 'string', format: 'date-time' },
    deliveries: {
      type: 'array',
      items: { allOf: [{ $ref: '#/components/schemas/Delivery' }, { properties: { statusEdxml: { ...nullableString, description: 'The edXML status message of the latest change' } } }] },
    },
  }),
};

/** The OpenAPI document served at /edxml/openapi.json. */
export function edxmlOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, op] of Object.entries(EDXML_OPERATIONS)) {
    paths[op.path] = { ...paths[op.path], [op.method.toLowerCase()]: { operationId, ...op.doc } };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Liên Thông — edXML REST API',
      version: '1.0.0',
      description: 'For document-management systems that exchange edXML (QCVN 102:2016) rather than GraphQL. '
        + 'Every call but this document needs `Authorization: Bearer <JWT>`, the same token as for GraphQL.',
    },
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas: SCHEMAS },
    paths,
  };
}
