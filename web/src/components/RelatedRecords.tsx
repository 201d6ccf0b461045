/**
 * Hồ sơ liên quan: the citizens (population subgraph) and land parcels (land subgraph) the document
 * concerns. Fetched on its own, so the document shows even when those databases are slow or down.
 */
import { Alert, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/graphql';
import { RelatedRecordsDocument, type RelatedRecordsQuery } from '../generated/graphql';
import { useI18n } from '../i18n';
import { useSession } from '../session/Session';

type Records = NonNullable<RelatedRecordsQuery['document']>;

export function RelatedRecords({ documentId }: { documentId: string }) {
  const { execute } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const [records, setRecords] = useState<Records | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    execute(RelatedRecordsDocument, { id: documentId }).then(
      ({ document }) => !cancelled && setRecords(document),
      (e: unknown) => !cancelled && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [execute, documentId]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="related-title" data-testid="related-records">
      <Stack gap="sm">
        <Title order={2} size="h3" id="related-title">
          {t('relatedTitle')}
        </Title>
        {error && (
          <Alert color="orange" variant="outline">
            <Text c="dark.9">{t('relatedUnavailable', { reason: error })}</Text>
          </Alert>
        )}
        {!records && !error && <Loader size="sm" aria-label={t('loading')} />}
        {records && !records.citizens.length && !records.landParcels.length && <Text c="gray.7">{t('relatedNone')}</Text>}
        {records && records.citizens.length > 0 && (
          <>
            <Title order={3} size="h4">
              {t('citizensTitle')}
            </Title>
            <Table.ScrollContainer minWidth={600}>
              <Table aria-label={t('citizensTitle')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('colPersonalId')}</Table.Th>
                    <Table.Th>{t('colFullName')}</Table.Th>
                    <Table.Th>{t('colBirthDate')}</Table.Th>
                    <Table.Th>{t('colGender')}</Table.Th>
                    <Table.Th>{t('colResidence')}</Table.Th>
                    <Table.Th>{t('colParcelCount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {records.citizens.map((c) => (
                    <Table.Tr key={c.personalId} data-citizen={c.personalId}>
                      <Table.Td>{c.personalId}</Table.Td>
                      <Table.Td>{c.fullName}</Table.Td>
                      <Table.Td>{i18n.date(c.birthDate)}</Table.Td>
                      <Table.Td>{c.gender}</Table.Td>
                      <Table.Td>{c.residence}</Table.Td>
                      <Table.Td>{c.landParcels.length}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
        {records && records.landParcels.length > 0 && (
          <>
            <Title order={3} size="h4">
              {t('parcelsTitle')}
            </Title>
            <Table.ScrollContainer minWidth={600}>
              <Table aria-label={t('parcelsTitle')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('colParcel')}</Table.Th>
                    <Table.Th>{t('colMapSheet')}</Table.Th>
                    <Table.Th>{t('colArea')}</Table.Th>
                    <Table.Th>{t('colLandUse')}</Table.Th>
                    <Table.Th>{t('colAddress')}</Table.Th>
                    <Table.Th>{t('colOwners')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {records.landParcels.map((p) => (
                    <Table.Tr key={p.parcelId} data-parcel={p.parcelId}>
                      <Table.Td>{p.parcelId}</Table.Td>
                      <Table.Td>
                        {p.mapSheet} / {p.parcelNumber}
                      </Table.Td>
                      <Table.Td>{i18n.number(p.areaM2)}</Table.Td>
                      <Table.Td>{p.landUse}</Table.Td>
                      <Table.Td>{p.address}</Table.Td>
                      <Table.Td>{p.owners.map((o) => o.fullName).join(', ')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
