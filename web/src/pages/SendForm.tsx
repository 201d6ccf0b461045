/**
 * Gửi văn bản. The hub is the only validator: on BAD_USER_INPUT every problem it lists is shown on
 * its field and in a summary that takes the focus, so the form and the hub never disagree. Each
 * submission carries an idempotency key (clientRequestId) kept across retries of the same attempt,
 * so a send retried after a lost answer cannot create a second document; a new key follows success.
 */
import { Alert, Autocomplete, Button, FileInput, Grid, Group, List, Paper, Select, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, type FieldProblem } from '../api/graphql';
import { PageHeading } from '../app/PageHeading';
import { navigate } from '../app/router';
import { AgencyPicker } from '../components/AgencyPicker';
import { ErrorNote } from '../components/ErrorNote';
import { SendDocument, type Urgency } from '../generated/graphql';
import { useI18n } from '../i18n';
import { URGENCY_LABELS, type MessageKey } from '../i18n/messages';
import { formField } from '../i18n/problems';
import { useSession } from '../session/Session';

const DOCUMENT_TYPES = ['Công văn', 'Quyết định', 'Thông báo', 'Tờ trình', 'Báo cáo', 'Kế hoạch', 'Chỉ thị', 'Nghị quyết', 'Hướng dẫn', 'Giấy mời', 'Công điện', 'Biên bản'];

/** The form's fields, named as SendDocumentInput names them so the hub's problems land on them. */
const FIELD_LABELS: Record<string, MessageKey> = {
  codeNumber: 'fieldCodeNumber',
  codeNotation: 'fieldCodeNotation',
  documentType: 'fieldDocumentType',
  subject: 'fieldSubject',
  promulgationPlace: 'fieldPromulgationPlace',
  promulgationDate: 'fieldPromulgationDate',
  signerName: 'fieldSignerName',
  signerPosition: 'fieldSignerPosition',
  urgency: 'fieldUrgency',
  dueDate: 'fieldDueDate',
  recipients: 'fieldRecipients',
  attachments: 'fieldAttachments',
  citizenIds: 'fieldCitizenIds',
  parcelIds: 'fieldParcelIds',
};

type TextField = 'codeNumber' | 'codeNotation' | 'documentType' | 'subject' | 'promulgationPlace' | 'promulgationDate' | 'signerName' | 'signerPosition' | 'dueDate';

/** A random key; crypto.randomUUID needs a secure context, getRandomValues does not. */
function newRequestKey(): string {
  return `web-${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Today in Vietnam (UTC+7), the calendar documents are dated in. */
function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function SendForm() {
  const { execute } = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const [text, setText] = useState<Record<TextField, string>>({
    codeNumber: '',
    codeNotation: '',
    documentType: 'Công văn',
    subject: '',
    promulgationPlace: '',
    promulgationDate: todayInVietnam(),
    signerName: '',
    signerPosition: '',
    dueDate: '',
  });
  const [urgency, setUrgency] = useState<Urgency>('NORMAL');
  const [recipients, setRecipients] = useState<string[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [citizenIds, setCitizenIds] = useState<string[]>([]);
  const [parcelIds, setParcelIds] = useState<string[]>([]);
  const [requestKey, setRequestKey] = useState(newRequestKey);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  // Bumped on each refused submission: the summary takes the focus once it is on screen.
  const [focusSummary, setFocusSummary] = useState(0);
  useEffect(() => {
    if (focusSummary) summary.current?.focus();
  }, [focusSummary]);

  const errorOf = (field: string) => i18n.problemsOn(problems, field);
  const textInput = (field: TextField) => ({
    label: t(FIELD_LABELS[field]),
    value: text[field],
    onChange: (e: { currentTarget: { value: string } }) => {
      // Read now: React clears currentTarget before a functional update runs.
      const value = e.currentTarget.value;
      setText((s) => ({ ...s, [field]: value }));
    },
    error: errorOf(field),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const attachments = await Promise.all(
        files.map(async (f) => ({ fileName: f.name, contentType: f.type || 'application/octet-stream', contentBase64: await readBase64(f) })),
      );
      const { sendDocument } = await execute(SendDocument, {
        input: {
          clientRequestId: requestKey,
          ...text,
          dueDate: text.dueDate || null,
          urgency,
          recipients,
          attachments,
          citizenIds,
          parcelIds,
        },
      });
      setProblems([]);
      setRequestKey(newRequestKey());
      navigate(`/documents/${sendDocument.id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.code === 'BAD_USER_INPUT' && e.problems.length) {
        setProblems(e.problems);
        setFocusSummary((n) => n + 1);
      } else if (e.code === 'CONFLICT') {
        setRequestKey(newRequestKey());
        setError(t('sendConflict'));
      } else setError(e.code === 'NETWORK' ? t('errorNetwork') : t('errorGeneric', { message: e.message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={1000}>
        <PageHeading>
          {t('sendTitle')}
        </PageHeading>
        {problems.length > 0 && (
          <Alert color="red" role="alert" ref={summary} tabIndex={-1} title={t('sendProblems')} data-testid="send-problems">
            <List size="sm">
              {problems.map((p, i) => (
                <List.Item key={i} data-field={p.field}>
                  {FIELD_LABELS[formField(p.field)] ? t(FIELD_LABELS[formField(p.field)]) : p.field}: {i18n.problem(p.message)}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <ErrorNote message={error} />
        <Paper withBorder p="md">
          <Grid>
            <Grid.Col span={{ base: 12, sm: 3 }}>
              <TextInput {...textInput('codeNumber')} withAsterisk />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput {...textInput('codeNotation')} withAsterisk placeholder="UBND-VP" />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <Autocomplete
                label={t('fieldDocumentType')}
                withAsterisk
                data={DOCUMENT_TYPES}
                value={text.documentType}
                onChange={(documentType) => setText((s) => ({ ...s, documentType }))}
                error={errorOf('documentType')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea {...textInput('subject')} withAsterisk autosize minRows={2} />
            </Grid.Col>
            <Grid.Col span={12}>
              <AgencyPicker value={recipients} onChange={setRecipients} error={errorOf('recipients')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                label={t('fieldUrgency')}
                data={(Object.keys(URGENCY_LABELS.vi) as Urgency[]).map((u) => ({ value: u, label: i18n.urgency(u) }))}
                value={urgency}
                onChange={(u) => u && setUrgency(u as Urgency)}
                allowDeselect={false}
                error={errorOf('urgency')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput {...textInput('promulgationDate')} type="date" withAsterisk />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput {...textInput('dueDate')} type="date" />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput {...textInput('promulgationPlace')} withAsterisk />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput {...textInput('signerName')} withAsterisk />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput {...textInput('signerPosition')} withAsterisk />
            </Grid.Col>
            <Grid.Col span={12}>
              <FileInput label={t('fieldAttachments')} placeholder={t('attachmentsPick')} multiple clearable value={files} onChange={setFiles} error={errorOf('attachments')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TagsInput label={t('fieldCitizenIds')} description={t('idsHint')} value={citizenIds} onChange={setCitizenIds} error={errorOf('citizenIds')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TagsInput label={t('fieldParcelIds')} description={t('idsHint')} value={parcelIds} onChange={setParcelIds} error={errorOf('parcelIds')} />
            </Grid.Col>
          </Grid>
        </Paper>
        <Group justify="space-between">
          <Text size="xs" c="gray.7" data-testid="request-key">
            {t('requestKey', { key: requestKey })}
          </Text>
          <Button type="submit" loading={busy} size="md">
            {busy ? t('sending') : t('sendButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
