/**
 * The frame around every view: a skip link, the header (agency, connection, language, sign-out),
 * the navigation with the count of unhandled documents, and a polite live region that announces
 * arrivals to screen readers. Each view's heading takes the focus after a navigation (PageHeading).
 */
import { Anchor, AppShell, Badge, Box, Button, Group, Loader, NavLink, Text, Title, VisuallyHidden } from '@mantine/core';
import { lazy, Suspense, useSyncExternalStore } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n';
import { Inbox } from '../pages/Inbox';
import { useLiveStore } from '../session/live-store';
import { useSession } from '../session/Session';
import { PageHeading } from './PageHeading';
import { followLink, href, parseRoute, usePath } from './router';

// The inbox is the first screen; the other views load when first opened, so it renders sooner.
const DocumentView = lazy(() => import('../pages/DocumentView').then((m) => ({ default: m.DocumentView })));
const Outbox = lazy(() => import('../pages/Outbox').then((m) => ({ default: m.Outbox })));
const SendForm = lazy(() => import('../pages/SendForm').then((m) => ({ default: m.SendForm })));

function ConnectionBadge() {
  const { live } = useSession();
  const { t } = useI18n();
  const state = useSyncExternalStore(live.onChange, live.state);
  const label = state === 'online' ? t('live') : state === 'offline' ? t('offline') : t('connecting');
  return (
    <Badge
      color={state === 'online' ? 'green.9' : state === 'offline' ? 'red.9' : 'gray.7'}
      variant="filled"
      role="status"
      aria-label={t('liveStatus', { state: label })}
      data-connection={state}
    >
      {label}
    </Badge>
  );
}

function ArrivalAnnouncer() {
  const { store } = useSession();
  const { t } = useI18n();
  const { lastArrival } = useLiveStore(store);
  return (
    <VisuallyHidden aria-live="polite" aria-atomic="true">
      {lastArrival ? t('newArrivalAnnounce', { subject: lastArrival.document.subject, sender: lastArrival.document.sender.name }) : ''}
    </VisuallyHidden>
  );
}

export function Shell() {
  const { me, store, signOut } = useSession();
  const { t } = useI18n();
  const path = usePath();
  const route = parseRoute(path);
  const { unhandled } = useLiveStore(store);

  const nav = [
    { path: '/inbox', label: t('navInbox'), active: route.view === 'inbox', count: unhandled },
    { path: '/sent', label: t('navSent'), active: route.view === 'sent', count: null },
    { path: '/send', label: t('navSend'), active: route.view === 'send', count: null },
  ];

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 230, breakpoint: 'sm' }} padding="md">
      <Anchor href="#main" className="skip-link">
        {t('skipToContent')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={2} size="h4">
              {t('appName')}
            </Title>
            <Text c="gray.7" visibleFrom="md">
              {t('appTagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Box ta="right">
              <Text fw={600} size="sm" data-testid="agency-name">
                {me.name}
              </Text>
              <Text size="xs" c="gray.7">
                {me.code}
              </Text>
            </Box>
            <ConnectionBadge />
            <LanguageSwitch />
            <Button variant="default" size="xs" onClick={signOut}>
              {t('signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('mainNav')}>
        {nav.map((item) => (
          <NavLink
            key={item.path}
            href={href(item.path)}
            onClick={followLink(item.path)}
            label={item.label}
            active={item.active}
            aria-current={item.active ? 'page' : undefined}
            rightSection={
              item.count != null ? (
                <Badge color={item.count ? 'red.9' : 'gray.7'} variant="filled" size="sm" aria-label={t('unhandledCount', { count: item.count })} data-testid="unhandled-count">
                  {item.count}
                </Badge>
              ) : null
            }
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Loader aria-label={t('loading')} />}>
          {route.view === 'inbox' && <Inbox />}
          {route.view === 'sent' && <Outbox />}
          {route.view === 'send' && <SendForm />}
          {route.view === 'document' && <DocumentView key={route.id} id={route.id} />}
          {route.view === 'notFound' && <PageHeading>404</PageHeading>}
        </Suspense>
      </AppShell.Main>
      <ArrivalAnnouncer />
    </AppShell>
  );
}
