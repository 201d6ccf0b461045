/** Sign-in with an agency token, pasted; in development, the command that mints one. */
import { Button, Code, Container, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n';

export function SignIn({ error, onSubmit }: { error: string | null; onSubmit(token: string): void }) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A token copied from a terminal may carry the "Bearer " prefix or line breaks.
    const cleaned = token.replace(/^\s*Bearer\s+/i, '').replace(/\s+/g, '');
    if (cleaned) onSubmit(cleaned);
  };
  return (
    <Container size={560} py={48} component="main">
      <Group justify="space-between" mb="lg">
        <div>
          <Title order={1}>{t('appName')}</Title>
          <Text c="gray.7">{t('appTagline')}</Text>
        </div>
        <LanguageSwitch />
      </Group>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2} size="h3">
              {t('signInTitle')}
            </Title>
            <Text>{t('signInIntro')}</Text>
            <ErrorNote message={error} />
            <Textarea
              label={t('tokenLabel')}
              value={token}
              onChange={(e) => setToken(e.currentTarget.value)}
              autosize
              minRows={3}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
              autoFocus
              styles={{ input: { fontFamily: 'monospace', wordBreak: 'break-all' } }}
              onKeyDown={(e) => {
                // Enter signs in (a token has no line breaks); Shift+Enter is left alone.
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  e.currentTarget.form?.requestSubmit();
                }
              }}
            />
            <Button type="submit" disabled={!token.trim()}>
              {t('signIn')}
            </Button>
            <Text size="sm">
              {t('signInDevHint')} <Code>npm run -s token -- 000.00.00.H41</Code>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
