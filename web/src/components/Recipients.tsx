/**
 * The sender's view of a document: every recipient's status (kept live by the page), each with its
 * timeline, and the recall form while some copy is not yet final.
 */
import { Accordion, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../api/graphql';
import { RecallDocument, type DeliveryDetailFragment } from '../generated/graphql';
import { useI18n } from '../i18n';
import { OPEN_STATUSES } from '../session/live-store';
import { useSession } from '../session/Session';
import { StatusBadge } from './Badges';
import { ErrorNote } from './ErrorNote';
import { StatusTimeline } from './StatusTimeline';

interface Props {
  documentId: string;
  deliveries: DeliveryDetailFragment[];
  onUpdated(deliveries: DeliveryDetailFragment[]): void;
}

function RecallForm({ documentId, onUpdated }: Omit<Props, 'deliveries'>) {
  const { execute } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const recall = async () => {
    setBusy(true);
    setError(null);
    setReasonError(null);
    try {
      const { recallDocument } = await execute(RecallDocument, { documentId, reason });
      setDone(true);
      setReason('');
      onUpdated(recallDocument.deliveries);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const onReason = i18n.problemsOn(e.problems, 'reason');
      if (onReason) setReasonError(onReason);
      else setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('recallTitle')}
      </Title>
      <Textarea label={t('recallReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} autosize minRows={2} />
      <Group>
        <Button color="red.9" variant="outline" onClick={recall} loading={busy}>
          {t('recallButton')}
        </Button>
      </Group>
      <ErrorNote message={error && t('errorGeneric', { message: error })} />
      {done && (
        <Text role="status" c="green.9">
          {t('recallDone')}
        </Text>
      )}
    </Stack>
  );
}

export function Recipients({ documentId, deliveries, onUpdated }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="recipients-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="recipients-title">
          {t('recipientsTitle')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('senderLiveNote')}
        </Text>
        <Accordion multiple variant="contained">
          {deliveries.map((d) => (
            <Accordion.Item key={d.id} value={d.id} data-recipient={d.recipient.code}>
              <Accordion.Control>
                <Group justify="space-between" wrap="nowrap" pr="sm">
                  <div>
                    <Text fw={600}>{d.recipient.name}</Text>
                    <Text size="xs" c="gray.7">
                      {d.recipient.code} · {i18n.dateTime(d.updatedAt)}
                    </Text>
                  </div>
                  <StatusBadge status={d.status} />
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <StatusTimeline history={d.history} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
        {deliveries.some((d) => OPEN_STATUSES.includes(d.status)) && <RecallForm documentId={documentId} onUpdated={onUpdated} />}
      </Stack>
    </Paper>
  );
}
