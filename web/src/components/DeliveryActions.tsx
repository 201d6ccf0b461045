/**
 * The recipient's actions on its copy: one button per move the hub says is allowed now
 * (Delivery.nextStatuses), with a note that is the reason when rejecting; or, when the sender asked
 * for a recall, agree or refuse. Problems come from the hub and are shown on the note field.
 */
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../api/graphql';
import { AnswerRecallRequestDocument, MoveDeliveryDocument, type DeliveryDetailFragment, type DeliveryStatus } from '../generated/graphql';
import { useI18n } from '../i18n';
import { useSession } from '../session/Session';
import { ErrorNote } from './ErrorNote';

interface Props {
  delivery: DeliveryDetailFragment;
  onUpdated(delivery: DeliveryDetailFragment): void;
  /** The hub refused a move the page offered: the page is stale and must be fetched again. */
  onStale(): void;
}

export function DeliveryActions({ delivery, onUpdated, onStale }: Props) {
  const { execute, store } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (key: string, action: () => Promise<DeliveryDetailFragment>) => {
    setBusy(key);
    setError(null);
    setNoteError(null);
    setDone(null);
    try {
      const updated = await action();
      setNote('');
      setDone(t('actionDone', { status: i18n.status(updated.status) }));
      onUpdated(updated);
      store.refreshUnhandled();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const onNote = i18n.problemsOn(e.problems, 'note');
      if (onNote) setNoteError(onNote);
      else if (e.code === 'INVALID_STATUS_TRANSITION') {
        setError(t('errorTransition'));
        onStale();
      } else setError(e.code === 'FORBIDDEN' ? t('errorForbidden') : t('errorGeneric', { message: e.message }));
    } finally {
      setBusy(null);
    }
  };

  const move = (status: DeliveryStatus) =>
    run(status, async () => (await execute(MoveDeliveryDocument, { deliveryId: delivery.id, status, note: note.trim() || null })).updateDeliveryStatus);
  const answer = (agree: boolean) =>
    run(agree ? 'agree' : 'refuse', async () => (await execute(AnswerRecallRequestDocument, { deliveryId: delivery.id, agree, note: note.trim() || null })).answerRecall);

  const recallRequested = delivery.status === 'RECALL_REQUESTED';
  const recallReason = recallRequested ? [...delivery.history].reverse().find((h) => h.status === 'RECALL_REQUESTED')?.note : null;
  const canAct = recallRequested || delivery.nextStatuses.length > 0;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="actions-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="actions-title">
          {t('actionsTitle')}
        </Title>
        {recallRequested && (
          <Alert color="orange" variant="outline" role="alert">
            <Text c="dark.9">{t('recallAsked', { reason: recallReason ?? '' })}</Text>
          </Alert>
        )}
        {!canAct && <Text c="gray.7">{t('actionsNone')}</Text>}
        {canAct && (
          <Textarea
            label={t('noteLabel')}
            description={recallRequested ? undefined : t('noteHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={noteError}
            autosize
            minRows={2}
          />
        )}
        {recallRequested ? (
          <Group>
            <Button color="orange.9" onClick={() => answer(true)} loading={busy === 'agree'} disabled={busy !== null}>
              {t('recallAgree')}
            </Button>
            <Button variant="default" onClick={() => answer(false)} loading={busy === 'refuse'} disabled={busy !== null}>
              {t('recallRefuse')}
            </Button>
          </Group>
        ) : (
          <Group>
            {delivery.nextStatuses.map((status) => (
              <Button
                key={status}
                color={status === 'REJECTED' ? 'red.9' : undefined}
                variant={status === 'REJECTED' ? 'outline' : 'filled'}
                onClick={() => move(status)}
                loading={busy === status}
                disabled={busy !== null}
                data-move={status}
              >
                {i18n.action(status)}
              </Button>
            ))}
          </Group>
        )}
        <ErrorNote message={error} />
        {done && (
          <Text role="status" c="green.9" fw={600}>
            {done}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
