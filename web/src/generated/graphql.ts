/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AttachmentInput = {
  contentBase64: string;
  contentType: string;
  fileName: string;
  /** Hex SHA-256 of the content as the sender computed it: if given, the hub refuses content that does not match (corrupted or changed on the way). */
  sha256?: string | null | undefined;
};

export type DeliveryStatus =
  | 'ACCEPTED'
  | 'ARRIVED'
  | 'ASSIGNED'
  | 'COMPLETED'
  | 'PENDING'
  | 'PROCESSING'
  | 'RECALLED'
  | 'RECALL_REQUESTED'
  | 'REJECTED';

export type SendDocumentInput = {
  attachments?: Array<AttachmentInput> | null | undefined;
  /** Personal identification numbers of the citizens this document concerns (population database). */
  citizenIds?: Array<string | number> | null | undefined;
  /** Idempotency key chosen by the sender's system: a repeat with the same key returns the same Document and creates nothing. */
  clientRequestId: string | number;
  codeNotation: string;
  codeNumber: string;
  documentType: string;
  dueDate?: string | null | undefined;
  inReplyTo?: string | number | null | undefined;
  /** Identifiers of the land parcels this document concerns (land database). */
  parcelIds?: Array<string | number> | null | undefined;
  promulgationDate: string;
  promulgationPlace: string;
  /** Agency codes: at least one, no duplicates, each active, never the sender. */
  recipients: Array<string | number>;
  signerName: string;
  signerPosition: string;
  subject: string;
  /** Set to send an update or replacement of an earlier document of the same sender. */
  supersedes?: string | number | null | undefined;
  urgency?: Urgency | null | undefined;
};

export type Urgency =
  | 'FLASH'
  | 'FLASH_TIMED'
  | 'NORMAL'
  | 'URGENT'
  | 'VERY_URGENT';

export type DocumentViewQueryVariables = Exact<{
  id: string | number;
}>;


export type DocumentViewQuery = { document: { id: string, codeNumber: string, codeNotation: string, documentType: string, subject: string, promulgationPlace: string, promulgationDate: string, signerName: string, signerPosition: string, urgency: Urgency, dueDate: string | null, sentAt: string, sender: { code: string, name: string }, attachments: Array<{ id: string, fileName: string, contentType: string, size: number, sha256: string }>, inReplyTo: { id: string, codeNumber: string, codeNotation: string, subject: string } | null, supersedes: { id: string, codeNumber: string, codeNotation: string, subject: string } | null, deliveries: Array<{ id: string, status: DeliveryStatus, statusCode: string | null, updatedAt: string, nextStatuses: Array<DeliveryStatus>, recipient: { code: string, name: string }, history: Array<{ status: DeliveryStatus, statusCode: string | null, at: string, note: string | null, byAgency: { code: string, name: string } }> }> } | null };

export type AttachmentContentQueryVariables = Exact<{
  id: string | number;
}>;


export type AttachmentContentQuery = { document: { attachments: Array<{ id: string, contentBase64: string }> } | null };

export type RelatedRecordsQueryVariables = Exact<{
  id: string | number;
}>;


export type RelatedRecordsQuery = { document: { id: string, citizens: Array<{ personalId: string, fullName: string, birthDate: string, gender: string, residence: string, landParcels: Array<{ parcelId: string }> }>, landParcels: Array<{ parcelId: string, mapSheet: number, parcelNumber: number, areaM2: number, landUse: string, address: string, owners: Array<{ personalId: string, fullName: string }> }> } | null };

export type MoveDeliveryMutationVariables = Exact<{
  deliveryId: string | number;
  status: DeliveryStatus;
  note?: string | null | undefined;
}>;


export type MoveDeliveryMutation = { updateDeliveryStatus: { id: string, status: DeliveryStatus, statusCode: string | null, updatedAt: string, nextStatuses: Array<DeliveryStatus>, recipient: { code: string, name: string }, history: Array<{ status: DeliveryStatus, statusCode: string | null, at: string, note: string | null, byAgency: { code: string, name: string } }> } };

export type AnswerRecallRequestMutationVariables = Exact<{
  deliveryId: string | number;
  agree: boolean;
  note?: string | null | undefined;
}>;


export type AnswerRecallRequestMutation = { answerRecall: { id: string, status: DeliveryStatus, statusCode: string | null, updatedAt: string, nextStatuses: Array<DeliveryStatus>, recipient: { code: string, name: string }, history: Array<{ status: DeliveryStatus, statusCode: string | null, at: string, note: string | null, byAgency: { code: string, name: string } }> } };

export type RecallMutationVariables = Exact<{
  documentId: string | number;
  reason: string;
}>;


export type RecallMutation = { recallDocument: { id: string, deliveries: Array<{ id: string, status: DeliveryStatus, statusCode: string | null, updatedAt: string, nextStatuses: Array<DeliveryStatus>, recipient: { code: string, name: string }, history: Array<{ status: DeliveryStatus, statusCode: string | null, at: string, note: string | null, byAgency: { code: string, name: string } }> }> } };

export type InboxRowFragment = { id: string, status: DeliveryStatus, statusCode: string | null, updatedAt: string, document: { id: string, codeNumber: string, codeNotation: string, documentType: string, subject: string, urgency: Urgency, sentAt: string, dueDate: string | null, sender: { code: string, name: string } } };

export type InboxPageFieldsFragment = { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, status: DeliveryStatus, statusCode: string | null, updatedAt: string, document: { id: string, codeNumber: string, codeNotation: string, documentType: string, subject: string, urgency: Urgency, sentAt: string, dueDate: string | null, sender: { code: string, name: string } } } }> };

export type DeliveryDetailFragment = { id: string, status: DeliveryStatus, statusCode: string | null, updatedAt: string, nextStatuses: Array<DeliveryStatus>, recipient: { code: string, name: string }, history: Array<{ status: DeliveryStatus, statusCode: string | null, at: string, note: string | null, byAgency: { code: string, name: string } }> };

export type InboxPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: Array<DeliveryStatus> | DeliveryStatus | null | undefined;
  urgency?: Array<Urgency> | Urgency | null | undefined;
}>;


export type InboxPageQuery = { inbox: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, status: DeliveryStatus, statusCode: string | null, updatedAt: string, document: { id: string, codeNumber: string, codeNotation: string, documentType: string, subject: string, urgency: Urgency, sentAt: string, dueDate: string | null, sender: { code: string, name: string } } } }> } };

export type OutboxPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OutboxPageQuery = { outbox: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, codeNumber: string, codeNotation: string, documentType: string, subject: string, urgency: Urgency, sentAt: string, deliveries: Array<{ id: string, status: DeliveryStatus, recipient: { code: string, name: string } }> } }> } };

export type AgencySearchQueryVariables = Exact<{
  search?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type AgencySearchQuery = { agencies: { edges: Array<{ node: { code: string, name: string, active: boolean } }> } };

export type SendMutationVariables = Exact<{
  input: SendDocumentInput;
}>;


export type SendMutation = { sendDocument: { id: string } };

export type SessionQueryVariables = Exact<{
  open: Array<DeliveryStatus> | DeliveryStatus;
  first?: number | null | undefined;
}>;


export type SessionQuery = { me: { code: string, name: string }, unhandled: { totalCount: number }, inbox: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, status: DeliveryStatus, statusCode: string | null, updatedAt: string, document: { id: string, codeNumber: string, codeNotation: string, documentType: string, subject: string, urgency: Urgency, sentAt: string, dueDate: string | null, sender: { code: string, name: string } } } }> } };

export type UnhandledCountQueryVariables = Exact<{
  open: Array<DeliveryStatus> | DeliveryStatus;
}>;


export type UnhandledCountQuery = { inbox: { totalCount: number } };

export type ArrivalsSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ArrivalsSubscription = { documentArrived: { cursor: string, delivery: { id: string, status: DeliveryStatus, statusCode: string | null, updatedAt: string, document: { id: string, codeNumber: string, codeNotation: string, documentType: string, subject: string, urgency: Urgency, sentAt: string, dueDate: string | null, sender: { code: string, name: string } } } } };

export type StatusChangesSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type StatusChangesSubscription = { deliveryStatusChanged: { cursor: string, delivery: { id: string, status: DeliveryStatus, statusCode: string | null, updatedAt: string, nextStatuses: Array<DeliveryStatus>, document: { id: string }, recipient: { code: string, name: string }, history: Array<{ status: DeliveryStatus, statusCode: string | null, at: string, note: string | null, byAgency: { code: string, name: string } }> } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const InboxRowFragmentDoc = new TypedDocumentString(`
    fragment InboxRow on Delivery {
  id
  status
  statusCode
  updatedAt
  document {
    id
    codeNumber
    codeNotation
    documentType
    subject
    urgency
    sentAt
    dueDate
    sender {
      code
      name
    }
  }
}
    `, {"fragmentName":"InboxRow"}) as unknown as TypedDocumentString<InboxRowFragment, unknown>;
export const InboxPageFieldsFragmentDoc = new TypedDocumentString(`
    fragment InboxPageFields on DeliveryConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    cursor
    node {
      ...InboxRow
    }
  }
}
    fragment InboxRow on Delivery {
  id
  status
  statusCode
  updatedAt
  document {
    id
    codeNumber
    codeNotation
    documentType
    subject
    urgency
    sentAt
    dueDate
    sender {
      code
      name
    }
  }
}`, {"fragmentName":"InboxPageFields"}) as unknown as TypedDocumentString<InboxPageFieldsFragment, unknown>;
export const DeliveryDetailFragmentDoc = new TypedDocumentString(`
    fragment DeliveryDetail on Delivery {
  id
  status
  statusCode
  updatedAt
  nextStatuses
  recipient {
    code
    name
  }
  history {
    status
    statusCode
    at
    note
    byAgency {
      code
      name
    }
  }
}
    `, {"fragmentName":"DeliveryDetail"}) as unknown as TypedDocumentString<DeliveryDetailFragment, unknown>;
export const DocumentViewDocument = new TypedDocumentString(`
    query DocumentView($id: ID!) {
  document(id: $id) {
    id
    codeNumber
    codeNotation
    documentType
    subject
    promulgationPlace
    promulgationDate
    signerName
    signerPosition
    urgency
    dueDate
    sentAt
    sender {
      code
      name
    }
    attachments {
      id
      fileName
      contentType
      size
      sha256
    }
    inReplyTo {
      id
      codeNumber
      codeNotation
      subject
    }
    supersedes {
      id
      codeNumber
      codeNotation
      subject
    }
    deliveries {
      ...DeliveryDetail
    }
  }
}
    fragment DeliveryDetail on Delivery {
  id
  status
  statusCode
  updatedAt
  nextStatuses
  recipient {
    code
    name
  }
  history {
    status
    statusCode
    at
    note
    byAgency {
      code
      name
    }
  }
}`) as unknown as TypedDocumentString<DocumentViewQuery, DocumentViewQueryVariables>;
export const AttachmentContentDocument = new TypedDocumentString(`
    query AttachmentContent($id: ID!) {
  document(id: $id) {
    attachments {
      id
      contentBase64
    }
  }
}
    `) as unknown as TypedDocumentString<AttachmentContentQuery, AttachmentContentQueryVariables>;
export const RelatedRecordsDocument = new TypedDocumentString(`
    query RelatedRecords($id: ID!) {
  document(id: $id) {
    id
    citizens {
      personalId
      fullName
      birthDate
      gender
      residence
      landParcels {
        parcelId
      }
    }
    landParcels {
      parcelId
      mapSheet
      parcelNumber
      areaM2
      landUse
      address
      owners {
        personalId
        fullName
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RelatedRecordsQuery, RelatedRecordsQueryVariables>;
export const MoveDeliveryDocument = new TypedDocumentString(`
    mutation MoveDelivery($deliveryId: ID!, $status: DeliveryStatus!, $note: String) {
  updateDeliveryStatus(deliveryId: $deliveryId, status: $status, note: $note) {
    ...DeliveryDetail
  }
}
    fragment DeliveryDetail on Delivery {
  id
  status
  statusCode
  updatedAt
  nextStatuses
  recipient {
    code
    name
  }
  history {
    status
    statusCode
    at
    note
    byAgency {
      code
      name
    }
  }
}`) as unknown as TypedDocumentString<MoveDeliveryMutation, MoveDeliveryMutationVariables>;
export const AnswerRecallRequestDocument = new TypedDocumentString(`
    mutation AnswerRecallRequest($deliveryId: ID!, $agree: Boolean!, $note: String) {
  answerRecall(deliveryId: $deliveryId, agree: $agree, note: $note) {
    ...DeliveryDetail
  }
}
    fragment DeliveryDetail on Delivery {
  id
  status
  statusCode
  updatedAt
  nextStatuses
  recipient {
    code
    name
  }
  history {
    status
    statusCode
    at
    note
    byAgency {
      code
      name
    }
  }
}`) as unknown as TypedDocumentString<AnswerRecallRequestMutation, AnswerRecallRequestMutationVariables>;
export const RecallDocument = new TypedDocumentString(`
    mutation Recall($documentId: ID!, $reason: String!) {
  recallDocument(documentId: $documentId, reason: $reason) {
    id
    deliveries {
      ...DeliveryDetail
    }
  }
}
    fragment DeliveryDetail on Delivery {
  id
  status
  statusCode
  updatedAt
  nextStatuses
  recipient {
    code
    name
  }
  history {
    status
    statusCode
    at
    note
    byAgency {
      code
      name
    }
  }
}`) as unknown as TypedDocumentString<RecallMutation, RecallMutationVariables>;
export const InboxPageDocument = new TypedDocumentString(`
    query InboxPage($first: Int = 20, $after: String, $status: [DeliveryStatus!], $urgency: [Urgency!]) {
  inbox(first: $first, after: $after, status: $status, urgency: $urgency) {
    ...InboxPageFields
  }
}
    fragment InboxRow on Delivery {
  id
  status
  statusCode
  updatedAt
  document {
    id
    codeNumber
    codeNotation
    documentType
    subject
    urgency
    sentAt
    dueDate
    sender {
      code
      name
    }
  }
}
fragment InboxPageFields on DeliveryConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    cursor
    node {
      ...InboxRow
    }
  }
}`) as unknown as TypedDocumentString<InboxPageQuery, InboxPageQueryVariables>;
export const OutboxPageDocument = new TypedDocumentString(`
    query OutboxPage($first: Int = 20, $after: String) {
  outbox(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        codeNumber
        codeNotation
        documentType
        subject
        urgency
        sentAt
        deliveries {
          id
          status
          recipient {
            code
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OutboxPageQuery, OutboxPageQueryVariables>;
export const AgencySearchDocument = new TypedDocumentString(`
    query AgencySearch($search: String, $first: Int = 20) {
  agencies(search: $search, first: $first) {
    edges {
      node {
        code
        name
        active
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AgencySearchQuery, AgencySearchQueryVariables>;
export const SendDocument = new TypedDocumentString(`
    mutation Send($input: SendDocumentInput!) {
  sendDocument(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<SendMutation, SendMutationVariables>;
export const SessionDocument = new TypedDocumentString(`
    query Session($open: [DeliveryStatus!]!, $first: Int = 20) {
  me {
    code
    name
  }
  unhandled: inbox(status: $open, first: 0) {
    totalCount
  }
  inbox(first: $first) {
    ...InboxPageFields
  }
}
    fragment InboxRow on Delivery {
  id
  status
  statusCode
  updatedAt
  document {
    id
    codeNumber
    codeNotation
    documentType
    subject
    urgency
    sentAt
    dueDate
    sender {
      code
      name
    }
  }
}
fragment InboxPageFields on DeliveryConnection {
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    cursor
    node {
      ...InboxRow
    }
  }
}`) as unknown as TypedDocumentString<SessionQuery, SessionQueryVariables>;
export const UnhandledCountDocument = new TypedDocumentString(`
    query UnhandledCount($open: [DeliveryStatus!]!) {
  inbox(status: $open, first: 0) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<UnhandledCountQuery, UnhandledCountQueryVariables>;
export const ArrivalsDocument = new TypedDocumentString(`
    subscription Arrivals($after: String) {
  documentArrived(after: $after) {
    cursor
    delivery {
      ...InboxRow
    }
  }
}
    fragment InboxRow on Delivery {
  id
  status
  statusCode
  updatedAt
  document {
    id
    codeNumber
    codeNotation
    documentType
    subject
    urgency
    sentAt
    dueDate
    sender {
      code
      name
    }
  }
}`) as unknown as TypedDocumentString<ArrivalsSubscription, ArrivalsSubscriptionVariables>;
export const StatusChangesDocument = new TypedDocumentString(`
    subscription StatusChanges($after: String) {
  deliveryStatusChanged(after: $after) {
    cursor
    delivery {
      ...DeliveryDetail
      document {
        id
      }
    }
  }
}
    fragment DeliveryDetail on Delivery {
  id
  status
  statusCode
  updatedAt
  nextStatuses
  recipient {
    code
    name
  }
  history {
    status
    statusCode
    at
    note
    byAgency {
      code
      name
    }
  }
}`) as unknown as TypedDocumentString<StatusChangesSubscription, StatusChangesSubscriptionVariables>;