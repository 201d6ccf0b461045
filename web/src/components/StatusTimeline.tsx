/** A delivery's status history, oldest first: status, edXML code, when, by whom, and the note. */
import { Text, Timeline } from '@mantine/core';
import type { DeliveryDetailFragment } from '../generated/graphql';
import { useI18n } from '../i18n';

export function StatusTimeline({ history }: { history: DeliveryDetailFragment['history'] }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!history.length) return <Text c="gray.7">{t('timelineEmpty')}</Text>;
  return (
    <Timeline active={history.length - 1} bulletSize={14} lineWidth={2} data-testid="status-timeline">
      {history.map((event, i) => (
        <Timeline.Item key={i} title={i18n.status(event.status)} data-status={event.status}>
          <Text size="sm" c="gray.7">
            {i18n.dateTime(event.at)} · {t('byAgency', { agency: event.byAgency.name })}
            {event.statusCode ? ` · ${t('statusCodeLabel', { code: event.statusCode })}` : ''}
          </Text>
          {event.note && <Text size="sm">“{event.note}”</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
