/**
 * Who may do what in the documents subgraph — decided here and nowhere else. Pure functions over the
 * caller's identity (signed by the gateway) and the records concerned; services and resolvers call them.
 *
 * The matrix (README, Security):
 *  - AGENCY: the documents it sent or received; as a recipient, only its own delivery and its history;
 *    moves only its own deliveries, recalls only its own documents; its inbox, outbox and live events.
 *  - OPERATOR (hub support): the directory (create, update, deactivate, merge) and every document's
 *    envelope and deliveries for support, never what a document carries (attachment bytes, the citizens
 *    and parcels it concerns); sends, moves and recalls nothing.
 *  - ANALYST: aggregate statistics only — never a document, its subject or its attachments.
 *  - Every role reads the directory (agency codes and names are public in QĐ 20/2020).
 */
import type { Identity } from '../../shared/identity';

/** How the caller stands to a document: its sender, one of its recipients, hub support, or nothing. */
export type DocumentAccess = 'SENDER' | 'RECIPIENT' | 'SUPPORT' | null;

export function documentAccess(identity: Identity, senderCode: string, recipientCodes: readonly string[]): DocumentAccess {
  switch (identity.role) {
    case 'AGENCY':
      if (identity.sub === senderCode) return 'SENDER';
      return recipientCodes.includes(identity.sub) ? 'RECIPIENT' : null;
    case 'OPERATOR':
      return 'SUPPORT';
    default:
      return null;
  }
}

/** The sender and hub support see every delivery; a recipient sees only its own. */
export function visibleDeliveries<D extends { recipientCode: string }>(identity: Identity, access: DocumentAccess, deliveries: D[]): D[] {
  if (access === 'SENDER' || access === 'SUPPORT') return deliveries;
  if (access === 'RECIPIENT') return deliveries.filter((d) => d.recipientCode === identity.sub);
  return [];
}

/**
 * What a document carries — attachment bytes, the citizens and land parcels it concerns — is for its
 * sender and recipients only; support sees the envelope (numbers, parties, statuses), never the content.
 */
export function mayReadContent(access: DocumentAccess): boolean {
  return access === 'SENDER' || access === 'RECIPIENT';
}

/** Which documents a caller may find by the records they concern: all (support), one agency's, or none. */
export type DocumentScope = { kind: 'ALL' } | { kind: 'AGENCY'; code: string } | null;

export function documentScope(identity: Identity): DocumentScope {
  if (identity.role === 'OPERATOR') return { kind: 'ALL' };
  if (identity.role === 'AGENCY') return { kind: 'AGENCY', code: identity.sub };
  return null;
}

/** Inbox, outbox, sending, live events: acting as an agency, which only an AGENCY caller does. */
export function actsAsAgency(identity: Identity): boolean {
  return identity.role === 'AGENCY';
}

/** A delivery's status is moved (and a recall answered) by its recipient agency only. */
export function mayMoveDelivery(identity: Identity, recipientCode: string): boolean {
  return identity.role === 'AGENCY' && identity.sub === recipientCode;
}

/** A document is recalled by its sender only. */
export function mayRecall(identity: Identity, senderCode: string): boolean {
  return identity.role === 'AGENCY' && identity.sub === senderCode;
}

/** Creating, updating, deactivating and merging agencies: hub operators only. */
export function mayChangeDirectory(identity: Identity): boolean {
  return identity.role === 'OPERATOR';
}

/** Counts by type, urgency, status, agency and month: analysts, and operators who run the hub. */
export function mayReadStatistics(identity: Identity): boolean {
  return identity.role === 'ANALYST' || identity.role === 'OPERATOR';
}
