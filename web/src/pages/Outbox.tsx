/**
 * Văn bản đi: what the agency sent, newest first, paged by cursor, with each recipient's status,
 * patched live as status changes arrive.
 */
import { Anchor, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../api/graphql';
import { PageHeading } from '../app/PageHeading';
import { followLink, href } from '../app/router';
import { StatusBadge, UrgencyBadge } from '../components/Badges';
import { ErrorNote } from '../components/ErrorNote';
import { OutboxPageDocument, type OutboxPageQuery } from '../generated/graphql';
import { useI18n } from '../i18n';
import { useSession } from '../session/Session';

type Row = OutboxPageQuery['outbox']['edges'][number]['node'];

const PAGE_SIZE = 20;

export function Outbox() {
  const { execute, store, live } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const reconnects = useSyncExternalStore(live.onChange, live.reconnects);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [pageInfo, setPageInfo] = useState<{ total: number; hasNextPage: boolean; endCursor: string | null }>({ total: 0, hasNextPage: false, endCursor: null });
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  // The first page, again after a reconnect (changes before the first one seen cannot be replayed).
  useEffect(() => {
    let cancelled = false;
    execute(OutboxPageDocument, { first: PAGE_SIZE }).then(
      ({ outbox }) => {
        if (cancelled) return;
        setRows(outbox.edges.map((e) => e.node));
        setPageInfo({ total: outbox.totalCount, ...outbox.pageInfo });
      },
      (e: unknown) => !cancelled && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [execute, reconnects]);

  // Each live status change patches the one delivery it is about.
  useEffect(
    () =>
      store.onStatusChange((change) =>
        setRows((current) =>
          current?.map((doc) =>
            doc.id !== change.document.id ? doc : { ...doc, deliveries: doc.deliveries.map((d) => (d.id === change.id ? { ...d, status: change.status } : d)) },
          ) ?? null,
        ),
      ),
    [store],
  );

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const { outbox } = await execute(OutboxPageDocument, { first: PAGE_SIZE, after: pageInfo.endCursor });
      setRows((current) => [...(current ?? []), ...outbox.edges.map((e) => e.node)]);
      setPageInfo({ total: outbox.totalCount, ...outbox.pageInfo });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Stack>
      <PageHeading>
        {t('sentTitle')}
      </PageHeading>
      <ErrorNote message={error && t('errorGeneric', { message: error })} />
      {!rows && !error && <Loader aria-label={t('loading')} />}
      {rows && rows.length === 0 && <Text>{t('sentEmpty')}</Text>}
      {rows && rows.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing="xs" aria-label={t('sentTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('colUrgency')}</Table.Th>
                <Table.Th>{t('colNumber')}</Table.Th>
                <Table.Th>{t('colSubject')}</Table.Th>
                <Table.Th>{t('colSentAt')}</Table.Th>
                <Table.Th>{t('colRecipients')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((doc) => {
                const path = `/documents/${doc.id}`;
                return (
                  <Table.Tr key={doc.id} data-document-id={doc.id}>
                    <Table.Td>
                      <UrgencyBadge urgency={doc.urgency} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {doc.codeNumber}/{doc.codeNotation}
                    </Table.Td>
                    <Table.Td>
                      <Anchor href={href(path)} onClick={followLink(path)} fw={500}>
                        {doc.subject}
                      </Anchor>
                      <Text size="xs" c="gray.7">
                        {doc.documentType}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{i18n.dateTime(doc.sentAt)}</Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        {doc.deliveries.map((d) => (
                          <Group key={d.id} gap="xs" wrap="nowrap">
                            <StatusBadge status={d.status} />
                            <Text size="sm">{d.recipient.name}</Text>
                          </Group>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {rows && (
        <Group>
          <Text size="sm" c="gray.7">
            {t('shownOf', { shown: rows.length, total: pageInfo.total })}
          </Text>
          {pageInfo.hasNextPage && (
            <Button variant="default" onClick={loadMore} loading={loadingMore}>
              {t('loadMore')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
