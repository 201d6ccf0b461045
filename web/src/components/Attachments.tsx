/**
 * Attachments with their size and SHA-256 digest. Content is fetched only when a file is downloaded
 * (it can be large), and the digest of what arrived is checked in the browser before it is saved.
 */
import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../api/graphql';
import { AttachmentContentDocument, type DocumentViewQuery } from '../generated/graphql';
import { useI18n } from '../i18n';
import { useSession } from '../session/Session';
import { ErrorNote } from './ErrorNote';

type Attachment = NonNullable<DocumentViewQuery['document']>['attachments'][number];
type Check = 'verified' | 'mismatch' | 'unchecked';

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string | null> {
  // crypto.subtle exists only in secure contexts (https, or loopback).
  if (!globalThis.crypto?.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function saveFile(bytes: Uint8Array<ArrayBuffer>, fileName: string, contentType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Attachments({ documentId, attachments }: { documentId: string; attachments: Attachment[] }) {
  const { execute } = useSession();
  const { t } = useI18n();
  const [checks, setChecks] = useState<Record<string, Check>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async (attachment: Attachment) => {
    setBusy(attachment.id);
    setError(null);
    try {
      const { document } = await execute(AttachmentContentDocument, { id: documentId });
      const content = document?.attachments.find((a) => a.id === attachment.id)?.contentBase64 ?? '';
      const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
      const digest = await sha256Hex(bytes);
      const check: Check = digest === null ? 'unchecked' : digest === attachment.sha256 ? 'verified' : 'mismatch';
      setChecks((c) => ({ ...c, [attachment.id]: check }));
      if (check !== 'mismatch') saveFile(bytes, attachment.fileName, attachment.contentType);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  if (!attachments.length) return <Text c="gray.7">{t('none')}</Text>;
  return (
    <Stack gap="sm">
      <ErrorNote message={error && t('errorGeneric', { message: error })} />
      {attachments.map((a) => (
        <Group key={a.id} justify="space-between" wrap="nowrap" data-attachment={a.fileName}>
          <div style={{ minWidth: 0 }}>
            <Text fw={600}>{a.fileName}</Text>
            <Text size="sm" c="gray.7">
              {a.contentType} · {t('sizeBytes', { size: a.size })}
            </Text>
            <Text size="xs" c="gray.7" style={{ wordBreak: 'break-all' }}>
              {t('digest')}: <Code data-testid="sha256">{a.sha256}</Code>
            </Text>
            {checks[a.id] === 'verified' && (
              <Text size="sm" c="green.9" role="status">
                ✓ {t('digestVerified')}
              </Text>
            )}
            {checks[a.id] === 'mismatch' && (
              <Text size="sm" c="red.9" role="alert">
                {t('digestMismatch')}
              </Text>
            )}
          </div>
          <Button variant="default" onClick={() => download(a)} loading={busy === a.id} aria-label={t('download', { name: a.fileName })}>
            {t('download', { name: '' }).trim()}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}
