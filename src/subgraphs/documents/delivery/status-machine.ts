/**
 * The delivery state machine: which moves are allowed, who makes them, and the edXML status code each
 * one carries. Pure functions; the services apply the result and write it.
 */
import { registerEnumType } from 'type-graphql';
import { badInput, invalidTransition } from '../../../shared/errors';

/** Where one delivery of a document stands at its recipient (trạng thái xử lý văn bản). */
export enum DeliveryStatus {
  PENDING = 'PENDING',
  ARRIVED = 'ARRIVED',
  REJECTED = 'REJECTED',
  ACCEPTED = 'ACCEPTED',
  ASSIGNED = 'ASSIGNED',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
  RECALL_REQUESTED = 'RECALL_REQUESTED',
  RECALLED = 'RECALLED',
}
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });

/** edXML status codes (QCVN 102:2016 status messages); PENDING has none. */
export const STATUS_CODE: Record<DeliveryStatus, string | null> = {
  PENDING: null,
  ARRIVED: '01',
  REJECTED: '02',
  ACCEPTED: '03',
  ASSIGNED: '04',
  PROCESSING: '05',
  COMPLETED: '06',
  RECALL_REQUESTED: '13',
  RECALLED: '15',
};

/** Code 16: the recipient refused a recall; the event carries the restored status with this code. */
export const RECALL_REFUSED_CODE = '16';

const S = DeliveryStatus;

/** The recipient's moves with updateDeliveryStatus, and nothing else. */
const RECIPIENT_MOVES: ReadonlyMap<DeliveryStatus, readonly DeliveryStatus[]> = new Map([
  [S.PENDING, [S.ARRIVED]],
  [S.ARRIVED, [S.ACCEPTED, S.REJECTED]],
  [S.ACCEPTED, [S.ASSIGNED, S.PROCESSING, S.COMPLETED]],
  [S.ASSIGNED, [S.PROCESSING, S.COMPLETED]],
  [S.PROCESSING, [S.COMPLETED]],
]);

export const FINAL_STATUSES: ReadonlySet<DeliveryStatus> = new Set([S.REJECTED, S.COMPLETED, S.RECALLED]);

/** Where the recipient may move a delivery from `from` with updateDeliveryStatus (none when final). */
export function recipientMovesFrom(from: DeliveryStatus): readonly DeliveryStatus[] {
  return RECIPIENT_MOVES.get(from) ?? [];
}

export interface Move {
  status: DeliveryStatus;
  statusCode: string | null;
  /** Set when the move starts a recall: the status to restore if the recipient refuses. */
  statusBeforeRecall?: DeliveryStatus | null;
}

/** A recipient's status update; throws INVALID_STATUS_TRANSITION or BAD_USER_INPUT (REJECTED without reason). */
export function recipientMove(from: DeliveryStatus, to: DeliveryStatus, note: string | null | undefined): Move {
  if (!RECIPIENT_MOVES.get(from)?.includes(to)) {
    const allowed = RECIPIENT_MOVES.get(from);
    const hint = allowed ? `From ${from} it can move to ${allowed.join(' or ')}.` : describeStuck(from);
    throw invalidTransition(`A delivery cannot move from ${from} to ${to}. ${hint}`);
  }
  if (to === S.REJECTED && !note?.trim()) {
    throw badInput([{ field: 'note', message: 'a reason is required to reject a document' }]);
  }
  return { status: to, statusCode: STATUS_CODE[to] };
}

function describeStuck(from: DeliveryStatus): string {
  if (FINAL_STATUSES.has(from)) return `${from} is final.`;
  if (from === S.RECALL_REQUESTED) return 'The sender asked to recall it: answer the recall first (answerRecall).';
  return '';
}

/**
 * What a sender's recall does to one delivery: PENDING is taken back at once, a delivery the recipient
 * already has becomes RECALL_REQUESTED, and the rest stay as they are (null).
 */
export function recallMove(from: DeliveryStatus): Move | null {
  if (from === S.PENDING) return { status: S.RECALLED, statusCode: STATUS_CODE.RECALLED };
  if (from === S.ARRIVED || from === S.ACCEPTED || from === S.ASSIGNED || from === S.PROCESSING) {
    return { status: S.RECALL_REQUESTED, statusCode: STATUS_CODE.RECALL_REQUESTED, statusBeforeRecall: from };
  }
  return null;
}

/** The recipient's answer to a recall: agree (RECALLED, 15) or refuse (back to where it was, code 16). */
export function answerRecallMove(from: DeliveryStatus, before: DeliveryStatus | null, agree: boolean): Move {
  if (from !== S.RECALL_REQUESTED || before === null) {
    throw invalidTransition(`Only a delivery in RECALL_REQUESTED can answer a recall; this one is ${from}.`);
  }
  if (agree) return { status: S.RECALLED, statusCode: STATUS_CODE.RECALLED, statusBeforeRecall: null };
  return { status: before, statusCode: RECALL_REFUSED_CODE, statusBeforeRecall: null };
}
