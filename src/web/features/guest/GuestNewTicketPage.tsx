import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Alert, Box, Button, Link as MuiLink, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import Send from '@mui/icons-material/Send';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { usePublicSettings } from '../../app/session';
import { AttachmentPicker, type Upload } from '../../ui/AttachmentPicker';
import { fieldErrors, FormError } from '../../ui/form';
import { RichEditor } from '../../ui/RichEditor';
import { ErrorState, Loading } from '../../ui/states';
import { autoDirInput, UserText } from '../../ui/UserText';
import { KbSuggestions } from '../kb/public/KbSuggestions';
import { useKbSuggestions } from '../kb/public/useKbSuggestions';
import { GuestCreated } from './GuestCreated';

const SHOWN = ['name', 'email', 'departmentId', 'subject', 'body', 'attachmentIds'];

/** F4: a ticket without an account; the answer is a number and a tracking code. */
export default function GuestNewTicketPage() {
  const { t } = useTranslation();
  const settings = usePublicSettings();
  const open = !!settings.data && settings.data.forms.guestTickets && !settings.data.suspended;
  const departments = useQuery({
    queryKey: ['departments', 'public'],
    queryFn: () => call('listPublicDepartments'),
    enabled: open,
  });
  // "Still need help?" in the help centre opens this form with the article's title as the subject.
  const [params] = useSearchParams();
  const [form, setForm] = useState({
    name: '',
    email: '',
    departmentId: '',
    subject: (params.get('subject') ?? '').slice(0, 250),
  });
  const kb = useKbSuggestions(form.subject);
  const [body, setBody] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [busy, setBusy] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      call('createGuestTicket', {
        body: {
          ...form,
          body,
          attachmentIds: uploads.map((u) => u.id),
          ...(kb.kbSession ? { kbSession: kb.kbSession } : {}),
        },
      }),
  });
  const errs = fieldErrors(create.error);
  const set = (k: keyof typeof form) => (e: ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const s = settings.data;
  if (!open)
    return (
      <Box>
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
          {t('guest.new.title')}
        </Typography>
        <Alert
          severity="info"
          data-testid="guest-form-closed"
          action={
            <Button component={Link} to="/login" color="inherit" size="small">
              {t('guest.new.signIn')}
            </Button>
          }
        >
          {s.suspended ? t('guest.new.suspended') : t('guest.new.closed')}
        </Alert>
      </Box>
    );
  if (create.data)
    return <GuestCreated number={create.data.number} code={create.data.trackingCode} email={form.email.trim()} />;

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  const deps = departments.data?.items ?? [];
  const selected = deps.find((d) => d.id === form.departmentId);

  return (
    <Box>
      <Typography variant="h5" component="h1">
        {t('guest.new.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 0.5 }}>
        {t('guest.new.intro')}{' '}
        <MuiLink component={Link} to="/guest/track">
          {t('guest.new.trackLink')}
        </MuiLink>
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('kbPublic.guestHint')}{' '}
        <MuiLink component={Link} to="/help" data-testid="guest-help-link">
          {t('kbPublic.guestHintLink')}
        </MuiLink>
      </Typography>
      <Paper variant="outlined" component="form" onSubmit={submit} noValidate sx={{ p: { xs: 1.5, sm: 3 } }}>
        <FormError error={create.error} shown={SHOWN} />
        {departments.isError && <ErrorState error={departments.error} onRetry={() => void departments.refetch()} />}
        <Stack spacing={2.5}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              required
              fullWidth
              label={t('guest.new.name')}
              value={form.name}
              onChange={set('name')}
              autoComplete="name"
              slotProps={{ htmlInput: { ...autoDirInput, maxLength: 120 } }}
              {...errs.field('name')}
            />
            <TextField
              required
              fullWidth
              type="email"
              label={t('guest.new.email')}
              value={form.email}
              onChange={set('email')}
              autoComplete="email"
              slotProps={{ htmlInput: { dir: 'ltr' } }}
              {...errs.field('email')}
            />
          </Stack>
          <TextField
            select
            required
            fullWidth
            label={t('guest.new.department')}
            value={form.departmentId}
            onChange={set('departmentId')}
            disabled={departments.isPending}
            {...errs.field('departmentId')}
            helperText={
              errs.fields.departmentId ??
              (selected?.description ? <UserText>{selected.description}</UserText> : undefined)
            }
          >
            {deps.map((d) => (
              <MenuItem key={d.id} value={d.id}>
                <UserText>{d.name}</UserText>
              </MenuItem>
            ))}
          </TextField>
          <TextField
            required
            fullWidth
            label={t('guest.new.subject')}
            value={form.subject}
            onChange={set('subject')}
            slotProps={{ htmlInput: { ...autoDirInput, maxLength: 250 } }}
            {...errs.field('subject')}
          />
          <KbSuggestions items={kb.items} session={kb.session} />
          <RichEditor label={t('guest.new.body')} value={body} onChange={setBody} {...errs.field('body')} />
          {s.forms.guestAttachments && (
            <AttachmentPicker
              value={uploads}
              onChange={setUploads}
              max={s.limits.attachmentsPerMessage}
              maxMb={s.limits.guestMaxUploadMb}
              uploadOperation="uploadGuestFile"
              onBusyChange={setBusy}
              error={errs.fields.attachmentIds}
            />
          )}
          <Box>
            <Button
              type="submit"
              variant="contained"
              size="large"
              startIcon={<Send />}
              disabled={create.isPending || busy}
              data-testid="guest-submit"
            >
              {create.isPending ? t('guest.new.sending') : t('guest.new.submit')}
            </Button>
          </Box>
        </Stack>
      </Paper>
    </Box>
  );
}
