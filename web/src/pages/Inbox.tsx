/**
 * Văn bản đến: the agency's deliveries, newest first, filtered by status and urgency, paged by cursor.
 * Deliveries that arrive while the page is open are put on top at once (from the session's live
 * store), flagged as new until opened; flash and very urgent ones stand out.
 */
import { Anchor, Button, Group, Loader, MultiSelect, Stack, Table, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../api/graphql';
import { PageHeading } from '../app/PageHeading';
import { followLink, href } from '../app/router';
import { standsOut, StatusBadge, UrgencyBadge } from '../components/Badges';
import { ErrorNote } from '../components/ErrorNote';
import { InboxPageDocument, type DeliveryStatus, type InboxPageFieldsFragment, type InboxRowFragment, type Urgency } from '../generated/graphql';
import { useI18n } from '../i18n';
import { STATUS_LABELS, URGENCY_LABELS } from '../i18n/messages';
import { useLiveStore } from '../session/live-store';
import { useSession } from '../session/Session';

const PAGE_SIZE = 20;
const STATUSES = Object.keys(STATUS_LABELS.vi) as DeliveryStatus[];
const URGENCIES = Object.keys(URGENCY_LABELS.vi) as Urgency[];

interface Page {
  rows: InboxRowFragment[];
  total: number;
  endCursor: string | null;
  hasNextPage: boolean;
  /** How many live arrivals the session had when this page was fetched: later ones go on top. */
  arrivalsAtLoad: number;
}

/** Marks the first render of the inbox with data, for the end-to-end test's timing (once per load). */
let firstRenderMarked = false;

function toPage(inbox: InboxPageFieldsFragment, arrivalsAtLoad: number): Page {
  return { rows: inbox.edges.map((e) => e.node), total: inbox.totalCount, ...inbox.pageInfo, arrivalsAtLoad };
}

export function Inbox() {
  const { execute, store, live } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const { arrivals, unseen, unhandled } = useLiveStore(store);
  const reconnects = useSyncExternalStore(live.onChange, live.reconnects);
  const [status, setStatus] = useState<DeliveryStatus[]>([]);
  const [urgency, setUrgency] = useState<Urgency[]>([]);
  // The first page came with the sign-in check: the inbox shows at once, without a round trip.
  const [page, setPage] = useState<Page | null>(() => {
    const initial = store.takeInitialInbox();
    return initial && toPage(initial, 0);
  });
  const haveInitial = useRef(page !== null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const variables = useMemo(
    () => ({ first: PAGE_SIZE, status: status.length ? status : null, urgency: urgency.length ? urgency : null }),
    [status, urgency],
  );

  useEffect(() => {
    if (haveInitial.current) {
      haveInitial.current = false;
      return;
    }
    let cancelled = false;
    const arrivalsAtLoad = store.current.arrivals.length;
    execute(InboxPageDocument, variables).then(
      ({ inbox }) => {
        if (cancelled) return;
        setError(null);
        setPage(toPage(inbox, arrivalsAtLoad));
      },
      (e: unknown) => !cancelled && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
    // reconnects: after a drop, statuses may have moved (a recall request): fetch the page again.
  }, [execute, store, variables, reconnects]);

  useEffect(() => {
    if (page && !firstRenderMarked) {
      firstRenderMarked = true;
      performance.mark('lienthong:inbox-rendered');
    }
  }, [page]);

  const loadMore = async () => {
    if (!page?.endCursor) return;
    setLoadingMore(true);
    try {
      const { inbox } = await execute(InboxPageDocument, { ...variables, after: page.endCursor });
      setPage({ ...page, rows: [...page.rows, ...inbox.edges.map((e) => e.node)], ...inbox.pageInfo });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setLoadingMore(false);
    }
  };

  const matches = (row: InboxRowFragment) =>
    (!status.length || status.includes(row.status)) && (!urgency.length || urgency.includes(row.document.urgency));
  const known = new Set(page?.rows.map((r) => r.id));
  const fresh = page ? arrivals.slice(0, arrivals.length - page.arrivalsAtLoad).filter((a) => matches(a) && !known.has(a.id)) : [];
  const rows = page ? [...fresh, ...page.rows] : [];
  const total = page ? page.total + fresh.length : 0;
  const filtered = status.length > 0 || urgency.length > 0;

  return (
    <Stack>
      <Group justify="space-between" align="baseline">
        <PageHeading>
          {t('inboxTitle')}
        </PageHeading>
        {unhandled != null && (
          <Text fw={600} data-testid="unhandled-summary">
            {t('unhandledCount', { count: i18n.number(unhandled) })}
          </Text>
        )}
      </Group>
      <Group align="flex-end">
        <MultiSelect
          label={t('filterStatus')}
          placeholder={status.length ? undefined : t('filterAny')}
          data={STATUSES.map((s) => ({ value: s, label: i18n.status(s) }))}
          value={status}
          onChange={(v) => setStatus(v as DeliveryStatus[])}
          clearable
          w={320}
        />
        <MultiSelect
          label={t('filterUrgency')}
          placeholder={urgency.length ? undefined : t('filterAny')}
          data={URGENCIES.map((u) => ({ value: u, label: i18n.urgency(u) }))}
          value={urgency}
          onChange={(v) => setUrgency(v as Urgency[])}
          clearable
          w={320}
        />
        {filtered && (
          <Button
            variant="default"
            onClick={() => {
              setStatus([]);
              setUrgency([]);
            }}
          >
            {t('clearFilters')}
          </Button>
        )}
      </Group>
      <ErrorNote message={error && t('errorGeneric', { message: error })} />
      {!page && !error && <Loader aria-label={t('loading')} />}
      {page && rows.length === 0 && <Text>{filtered ? t('inboxNoMatch') : t('inboxEmpty')}</Text>}
      {page && rows.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing="xs" highlightOnHover aria-label={t('inboxTitle')} data-testid="inbox-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('colUrgency')}</Table.Th>
                <Table.Th>{t('colNumber')}</Table.Th>
                <Table.Th>{t('colSubject')}</Table.Th>
                <Table.Th>{t('colSender')}</Table.Th>
                <Table.Th>{t('colSentAt')}</Table.Th>
                <Table.Th>{t('colStatus')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const isNew = unseen.has(row.id);
                const path = `/documents/${row.document.id}`;
                return (
                  <Table.Tr key={row.id} data-delivery-id={row.id} data-stands-out={standsOut(row.document.urgency)} data-unseen={isNew}>
                    <Table.Td>
                      <UrgencyBadge urgency={row.document.urgency} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {row.document.codeNumber}/{row.document.codeNotation}
                    </Table.Td>
                    <Table.Td>
                      <Anchor href={href(path)} onClick={followLink(path)} fw={isNew ? 700 : 500}>
                        {row.document.subject}
                      </Anchor>{' '}
                      {isNew && <Text span size="xs" fw={700} c="red.9">({t('newBadge')})</Text>}
                      <Text size="xs" c="gray.7">
                        {row.document.documentType}
                      </Text>
                    </Table.Td>
                    <Table.Td>{row.document.sender.name}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{i18n.dateTime(row.document.sentAt)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={row.status} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {page && (
        <Group>
          <Text size="sm" c="gray.7">
            {t('shownOf', { shown: rows.length, total })}
          </Text>
          {page.hasNextPage && (
            <Button variant="default" onClick={loadMore} loading={loadingMore}>
              {t('loadMore')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
