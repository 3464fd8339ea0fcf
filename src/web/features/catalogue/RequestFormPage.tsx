import { useEffect, useState, type FormEvent } from 'react';
import { Box, Button, Link as MuiLink, Paper, Stack, TextField, Typography } from '@mui/material';
import Send from '@mui/icons-material/Send';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../app/api';
import { usePublicSettings } from '../../app/session';
import { AttachmentPicker, type Upload } from '../../ui/AttachmentPicker';
import { fieldErrors, FormError } from '../../ui/form';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { autoDirInput, UserText } from '../../ui/UserText';
import { emptyDraft, valuesToSend, type Draft } from './field-values';
import { useDesks, useOrgUnits, useRequestType, type RequestType } from './queries';
import { RequestField } from './RequestField';

/** E1–E3: the form of one request type — its fields, an optional summary and up to 3 files. */
export default function RequestFormPage() {
  const { t } = useTranslation();
  const { deskId = '', id = '' } = useParams();
  const type = useRequestType(id);
  const desks = useDesks();

  if (type.error instanceof ApiError && (type.error.status === 404 || type.error.status === 403))
    return (
      <Box>
        <Typography variant="h5" component="h1">
          {t('catalogue.form.notFound')}
        </Typography>
        <EmptyState
          title={t('catalogue.form.notFoundHint')}
          action={
            <Button component={Link} to="/portal/desks" variant="contained">
              {t('catalogue.toCatalogue')}
            </Button>
          }
        />
      </Box>
    );
  if (type.isPending) return <Loading />;
  if (type.isError) return <ErrorState error={type.error} onRetry={() => void type.refetch()} />;
  const desk = desks.data?.items.find((d) => d.id === (type.data.deskId || deskId));
  return <RequestForm key={type.data.id} type={type.data} deskName={desk?.name} />;
}

function RequestForm({ type, deskName }: { type: RequestType; deskName?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const settings = usePublicSettings();
  const hasUnits = type.fields.some((f) => f.kind === 'orgUnit');
  const units = useOrgUnits(hasUnits);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(type.fields, type.defaultPriority));
  const [subject, setSubject] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [busy, setBusy] = useState(false);

  const send = useMutation({
    mutationFn: () =>
      call('createRequest', {
        body: {
          requestTypeId: type.id,
          values: valuesToSend(type.fields, draft),
          subject: subject.trim() || undefined,
          attachmentIds: uploads.map((u) => u.id),
        },
      }),
    onSuccess: (ticket) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      void navigate(`/portal/tickets/${ticket.key ?? ticket.number}`);
    },
  });
  const fields = send.error instanceof ApiError ? send.error.fields : {};
  const shown = [...type.fields.map((f) => `values.${f.key}`), 'subject', 'attachmentIds'];

  // After a refusal, the first field with an error gets the focus (and is scrolled to).
  useEffect(() => {
    const first = type.fields.find((f) => fields[`values.${f.key}`]);
    if (first && fields[`values.${first.key}`]) document.getElementById(`field-${first.key}`)?.focus();
  }, [send.error, type.fields]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!send.isPending && !busy) send.mutate();
  }

  const limits = settings.data?.limits;
  return (
    <Box sx={{ maxWidth: 820, mx: 'auto' }}>
      <MuiLink component={Link} to="/portal/desks" variant="body2" underline="hover" data-testid="back-to-catalogue">
        {t('catalogue.toCatalogue')}
      </MuiLink>
      <Typography variant="h5" component="h1" dir="auto" sx={{ mt: 1, overflowWrap: 'anywhere' }}>
        {type.name}
      </Typography>
      {deskName && (
        <Typography variant="body2" color="text.secondary">
          <UserText>{deskName}</UserText>
        </Typography>
      )}
      {type.description && (
        <Typography color="text.secondary" dir="auto" sx={{ mt: 1, whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
          {type.description}
        </Typography>
      )}
      <Paper
        variant="outlined"
        component="form"
        onSubmit={submit}
        noValidate
        aria-label={type.name}
        sx={{ p: { xs: 1.5, sm: 3 }, mt: 2 }}
        data-testid="request-form"
      >
        <FormError error={send.error} shown={shown} />
        <Stack spacing={2.5}>
          {type.fields.some((f) => f.required) && (
            <Typography variant="body2" color="text.secondary">
              {t('catalogue.form.requiredNote')}
            </Typography>
          )}
          {type.fields.map((f) => (
            <RequestField
              key={f.key}
              field={f}
              value={draft[f.key] ?? ''}
              onChange={(v) => setDraft((d) => ({ ...d, [f.key]: v }))}
              error={fields[`values.${f.key}`]}
              units={units.data ?? []}
            />
          ))}
          <TextField
            fullWidth
            label={t('catalogue.form.summary')}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            {...fieldErrors(send.error).field('subject', t('catalogue.form.summaryHint'))}
            slotProps={{ htmlInput: { ...autoDirInput, maxLength: 250, 'data-testid': 'request-subject' } }}
          />
          <AttachmentPicker
            value={uploads}
            onChange={setUploads}
            max={Math.min(3, limits?.attachmentsPerMessage ?? 3)}
            maxMb={limits?.memberMaxUploadMb ?? 5}
            onBusyChange={setBusy}
            error={fields.attachmentIds}
          />
          <Stack direction="row" spacing={1} justifyContent="flex-end">
            <Button component={Link} to="/portal/desks">
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              variant="contained"
              startIcon={<Send />}
              disabled={send.isPending || busy}
              data-testid="request-submit"
            >
              {send.isPending ? t('catalogue.form.sending') : t('catalogue.form.submit')}
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </Box>
  );
}
