/**
 * One document: every field, the attachments, and then either the recipient's actions and timeline,
 * or, for its sender, every recipient's status, patched live from deliveryStatusChanged. The
 * citizens and land parcels it concerns come last, from the other two databases.
 */
import { Anchor, Grid, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ApiError } from '../api/graphql';
import { PageHeading } from '../app/PageHeading';
import { followLink, href } from '../app/router';
import { Attachments } from '../components/Attachments';
import { UrgencyBadge } from '../components/Badges';
import { DeliveryActions } from '../components/DeliveryActions';
import { ErrorNote } from '../components/ErrorNote';
import { Recipients } from '../components/Recipients';
import { RelatedRecords } from '../components/RelatedRecords';
import { StatusTimeline } from '../components/StatusTimeline';
import { DocumentViewDocument, type DeliveryDetailFragment, type DocumentViewQuery } from '../generated/graphql';
import { useI18n } from '../i18n';
import { useSession } from '../session/Session';

type Doc = NonNullable<DocumentViewQuery['document']>;
type Linked = Doc['inReplyTo'];

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="gray.7">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}

function DocumentLink({ doc }: { doc: Linked }) {
  const { t } = useI18n();
  if (!doc) return <>{t('none')}</>;
  const path = `/documents/${doc.id}`;
  return (
    <Anchor href={href(path)} onClick={followLink(path)}>
      {doc.codeNumber}/{doc.codeNotation} — {doc.subject}
    </Anchor>
  );
}

export function DocumentView({ id }: { id: string }) {
  const { execute, store, live, me } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const reconnects = useSyncExternalStore(live.onChange, live.reconnects);
  const [doc, setDoc] = useState<Doc | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const refetch = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let cancelled = false;
    execute(DocumentViewDocument, { id }).then(
      ({ document }) => {
        if (cancelled) return;
        setDoc(document);
        setError(null);
      },
      (e: unknown) => {
        if (cancelled) return;
        setError(e instanceof ApiError && e.code === 'FORBIDDEN' ? t('errorForbidden') : String(e instanceof Error ? e.message : e));
      },
    );
    return () => {
      cancelled = true;
    };
    // t only words the error; a language switch must not refetch.
  }, [execute, id, version, reconnects]);

  const replaceDeliveries = useCallback((updated: DeliveryDetailFragment[]) => {
    setDoc((current) => current && { ...current, deliveries: current.deliveries.map((d) => updated.find((u) => u.id === d.id) ?? d) });
  }, []);

  // The sender's live view: every status change on this document replaces that recipient's copy.
  useEffect(
    () =>
      store.onStatusChange((change) => {
        if (change.document.id === id) replaceDeliveries([change]);
      }),
    [store, id, replaceDeliveries],
  );

  const isSender = doc?.sender.code === me.code;
  const mine = doc && !isSender ? doc.deliveries.find((d) => d.recipient.code === me.code) : undefined;
  useEffect(() => {
    if (mine) store.markSeen(mine.id);
  }, [store, mine]);

  const back = isSender ? { path: '/sent', label: t('backToSent') } : { path: '/inbox', label: t('backToInbox') };

  if (error) {
    return (
      <Stack>
        <PageHeading>
          {t('documentTitle', { number: id })}
        </PageHeading>
        <ErrorNote message={error} />
      </Stack>
    );
  }
  if (doc === undefined) return <Loader aria-label={t('loading')} />;
  if (doc === null) {
    return (
      <Stack>
        <PageHeading>
          {t('documentNotFound')}
        </PageHeading>
        <Anchor href={href('/inbox')} onClick={followLink('/inbox')}>
          {t('backToInbox')}
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack data-testid="document-view" data-document-id={doc.id}>
      <Anchor href={href(back.path)} onClick={followLink(back.path)} size="sm">
        ← {back.label}
      </Anchor>
      <div>
        <Text c="gray.7" fw={600}>
          {doc.documentType} · {doc.codeNumber}/{doc.codeNotation}
        </Text>
        <PageHeading size="h2">
          {doc.subject}
        </PageHeading>
      </div>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <Paper withBorder p="md" component="section" aria-label={t('documentTitle', { number: `${doc.codeNumber}/${doc.codeNotation}` })}>
              <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0}>
                <Field label={t('fieldDocumentType')}>{doc.documentType}</Field>
                <Field label={t('fieldUrgency')}>
                  <UrgencyBadge urgency={doc.urgency} />
                </Field>
                <Field label={t('fieldCodeNumber')}>{doc.codeNumber}</Field>
                <Field label={t('fieldCodeNotation')}>{doc.codeNotation}</Field>
                <Field label={t('fieldPromulgationPlace')}>{doc.promulgationPlace}</Field>
                <Field label={t('fieldPromulgationDate')}>{i18n.date(doc.promulgationDate)}</Field>
                <Field label={t('fieldSignerName')}>{doc.signerName}</Field>
                <Field label={t('fieldSignerPosition')}>{doc.signerPosition}</Field>
                <Field label={t('fieldSender')}>
                  {doc.sender.name} ({doc.sender.code})
                </Field>
                <Field label={t('fieldSentAt')}>{i18n.dateTime(doc.sentAt)}</Field>
                <Field label={t('fieldDueDate')}>{doc.dueDate ? i18n.date(doc.dueDate) : t('none')}</Field>
                <Field label={t('fieldInReplyTo')}>
                  <DocumentLink doc={doc.inReplyTo} />
                </Field>
                {doc.supersedes && (
                  <Field label={t('fieldSupersedes')}>
                    <DocumentLink doc={doc.supersedes} />
                  </Field>
                )}
              </SimpleGrid>
              <Title order={2} size="h3" mt="lg" mb="xs">
                {t('attachmentsTitle')}
              </Title>
              <Attachments documentId={doc.id} attachments={doc.attachments} />
            </Paper>
            <RelatedRecords documentId={doc.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          {isSender ? (
            <Recipients documentId={doc.id} deliveries={doc.deliveries} onUpdated={replaceDeliveries} />
          ) : (
            mine && (
              <Stack>
                <DeliveryActions delivery={mine} onUpdated={(d) => replaceDeliveries([d])} onStale={refetch} />
                <Paper withBorder p="md" component="section" aria-labelledby="timeline-title">
                  <Title order={2} size="h3" id="timeline-title" mb="sm">
                    {t('timelineTitle')}
                  </Title>
                  <StatusTimeline history={mine.history} />
                </Paper>
              </Stack>
            )
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
