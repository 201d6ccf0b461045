/**
 * Nơi nhận: pick recipients from the whole national directory. The hub searches (agency names folded
 * without diacritics, and code prefixes), so "nghe an" finds "UBND tỉnh Nghệ An" among any number of
 * units; the picker only shows what it answers.
 */
import { MultiSelect } from '@mantine/core';
import { useEffect, useState } from 'react';
import { AgencySearchDocument } from '../generated/graphql';
import { useI18n } from '../i18n';
import { useSession } from '../session/Session';

const SEARCH_DELAY_MS = 200;

interface Props {
  value: string[];
  onChange(codes: string[]): void;
  error?: string | null;
}

export function AgencyPicker({ value, onChange, error }: Props) {
  const { execute, me } = useSession();
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  // Labels of the chosen agencies, which later searches may not return.
  const [labels, setLabels] = useState<Record<string, string>>({});

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      execute(AgencySearchDocument, { search: search.trim() || null, first: 20 }).then(
        ({ agencies }) => {
          if (cancelled) return;
          const found = agencies.edges
            .map((e) => e.node)
            .filter((a) => a.code !== me.code)
            .map((a) => ({ value: a.code, label: `${a.name} — ${a.code}${a.active ? '' : ` (${t('inactiveAgency')})`}` }));
          setOptions(found);
          setLabels((known) => ({ ...known, ...Object.fromEntries(found.map((o) => [o.value, o.label])) }));
        },
        () => undefined, // the list stays as it was; typing again searches again
      );
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [execute, me.code, search, t]);

  const chosen = value.filter((code) => !options.some((o) => o.value === code)).map((code) => ({ value: code, label: labels[code] ?? code }));

  return (
    <MultiSelect
      label={t('fieldRecipients')}
      description={t('recipientsSearch')}
      withAsterisk
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      data={[...options, ...chosen]}
      // The hub already filtered; filtering again here would drop matches written without diacritics.
      filter={({ options: all }) => all}
      value={value}
      onChange={onChange}
      nothingFoundMessage={t('recipientsNothing')}
      hidePickedOptions
      error={error}
      data-testid="agency-picker"
    />
  );
}
