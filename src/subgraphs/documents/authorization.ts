/**
 * Who may see what of a document — decided here and nowhere else in the documents subgraph.
 * Pure functions over the caller's identity and the document's sender and recipients.
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

/** Attachment bytes are for the sender and the recipients only; operators support metadata, never content. */
export function mayReadAttachmentContent(access: DocumentAccess): boolean {
  return access === 'SENDER' || access === 'RECIPIENT';
}
