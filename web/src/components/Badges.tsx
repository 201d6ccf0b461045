/**
 * Status and urgency badges. Filled, in dark shades, so white text keeps a contrast of at least 4.5:1;
 * flash and very urgent documents are red, and the inbox also marks their rows.
 */
import { Badge } from '@mantine/core';
import type { DeliveryStatus, Urgency } from '../generated/graphql';
import { useI18n } from '../i18n';

const STATUS_COLORS: Record<DeliveryStatus, string> = {
  PENDING: 'gray.7',
  ARRIVED: 'blue.8',
  ACCEPTED: 'indigo.8',
  ASSIGNED: 'violet.8',
  PROCESSING: 'cyan.9',
  COMPLETED: 'green.9',
  REJECTED: 'red.9',
  RECALL_REQUESTED: 'orange.9',
  RECALLED: 'dark.5',
};

const URGENCY_COLORS: Record<Urgency, string> = {
  NORMAL: 'gray.7',
  URGENT: 'orange.9',
  VERY_URGENT: 'red.8',
  FLASH: 'red.9',
  FLASH_TIMED: 'red.9',
};

/** The urgencies the inbox makes stand out (thượng khẩn, hỏa tốc, hỏa tốc hẹn giờ). */
export function standsOut(urgency: Urgency): boolean {
  return urgency === 'VERY_URGENT' || urgency === 'FLASH' || urgency === 'FLASH_TIMED';
}

export function StatusBadge({ status }: { status: DeliveryStatus }) {
  const i18n = useI18n();
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" radius="sm" data-status={status}>
      {i18n.status(status)}
    </Badge>
  );
}

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const i18n = useI18n();
  if (urgency === 'NORMAL') {
    return (
      <Badge color="gray.7" variant="outline" radius="sm" data-urgency={urgency}>
        {i18n.urgency(urgency)}
      </Badge>
    );
  }
  return (
    <Badge color={URGENCY_COLORS[urgency]} variant="filled" radius="sm" data-urgency={urgency}>
      {standsOut(urgency) ? '⚡ ' : ''}
      {i18n.urgency(urgency)}
    </Badge>
  );
}
