import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import Send from '@mui/icons-material/Send';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { usePublicSettings } from '../../app/session';
import { AttachmentPicker, type Upload } from '../../ui/AttachmentPicker';
import { fieldErrors, FormError } from '../../ui/form';
import { RichEditor } from '../../ui/RichEditor';
import { ErrorState, Loading } from '../../ui/states';
import { PRIORITIES, PriorityFlag, type Priority } from '../../ui/ticket-bits';
import { DirectionToggle, type TextDirection } from '../../ui/thread/DirectionToggle';
import { KbSuggestions } from '../kb/public/KbSuggestions';
import { useKbSuggestions } from '../kb/public/useKbSuggestions';
import { useDepartments, useTicketTypes } from './lookups';
import { autoDirInput, UserText } from '../../ui/UserText';

const SHOWN = ['departmentId', 'typeId', 'priority', 'subject', 'body', 'attachmentIds'];

/** The customer opens a ticket: department, type, priority, subject, rich text, up to 3 files. */
export default function NewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const settings = usePublicSettings();
  const departments = useDepartments();
  const types = useTicketTypes();
  const [departmentId, setDepartmentId] = useState('');
  const [typeId, setTypeId] = useState('');
  const [priority, setPriority] = useState<Priority>('medium');
  // "Still need help?" in the help centre opens this form with the article's title as the subject.
  const [params] = useSearchParams();
  const [subject, setSubject] = useState(() => (params.get('subject') ?? '').slice(0, 250));
  const kb = useKbSuggestions(subject);
  const [body, setBody] = useState('');
  const [direction, setDirection] = useState<TextDirection>('auto');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [busy, setBusy] = useState(false);

  // With a single department there is nothing to choose.
  const deps = departments.data?.items ?? [];
  const onlyId = departments.data?.items.length === 1 ? departments.data.items[0].id : '';
  useEffect(() => {
    if (onlyId) setDepartmentId((cur) => cur || onlyId);
  }, [onlyId]);

  const create = useMutation({
    mutationFn: () =>
      call('createTicket', {
        body: {
          departmentId,
          typeId: typeId || null,
          priority,
          subject,
          body,
          direction,
          attachmentIds: uploads.map((u) => u.id),
          ...(kb.kbSession ? { kbSession: kb.kbSession } : {}),
        },
      }),
    onSuccess: (ticket) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      void navigate(`/portal/tickets/${ticket.number}`);
    },
  });
  const errs = fieldErrors(create.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }

  if (departments.isPending || settings.isPending) return <Loading />;
  if (departments.isError) return <ErrorState error={departments.error} onRetry={() => void departments.refetch()} />;
  const limits = settings.data?.limits;
  const selected = deps.find((d) => d.id === departmentId);

  return (
    <Box sx={{ maxWidth: 820, mx: 'auto' }}>
      <Typography variant="h5" component="h1" sx={{ mb: 0.5 }}>
        {t('portal.new.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('portal.new.intro')}
      </Typography>
      <Paper variant="outlined" component="form" onSubmit={submit} noValidate sx={{ p: { xs: 1.5, sm: 3 } }}>
        <FormError error={create.error} shown={SHOWN} />
        {!deps.length && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {t('portal.new.noDepartments')}
          </Alert>
        )}
        <Stack spacing={2.5}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              select
              required
              fullWidth
              label={t('portal.new.department')}
              value={departmentId}
              onChange={(e) => setDepartmentId(e.target.value)}
              {...errs.field('departmentId')}
              helperText={
                errs.fields.departmentId ??
                (selected?.description ? <UserText>{selected.description}</UserText> : undefined)
              }
              data-testid="new-ticket-department"
            >
              {deps.map((d) => (
                <MenuItem key={d.id} value={d.id}>
                  <UserText>{d.name}</UserText>
                </MenuItem>
              ))}
            </TextField>
            {!!types.data?.items.length && (
              <TextField
                select
                fullWidth
                label={t('portal.new.type')}
                value={typeId}
                onChange={(e) => setTypeId(e.target.value)}
                {...errs.field('typeId')}
              >
                <MenuItem value="">{t('common.none')}</MenuItem>
                {types.data.items.map((ty) => (
                  <MenuItem key={ty.id} value={ty.id}>
                    <UserText>{ty.name}</UserText>
                  </MenuItem>
                ))}
              </TextField>
            )}
            <TextField
              select
              fullWidth
              label={t('portal.new.priority')}
              value={priority}
              onChange={(e) => setPriority(e.target.value as Priority)}
              {...errs.field('priority')}
            >
              {PRIORITIES.map((p) => (
                <MenuItem key={p} value={p}>
                  <Stack direction="row" spacing={1} alignItems="center">
                    <PriorityFlag priority={p} />
                    <span>{t(`priority.${p}`)}</span>
                  </Stack>
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <TextField
            required
            fullWidth
            label={t('portal.new.subject')}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            slotProps={{ htmlInput: { ...autoDirInput, maxLength: 250 } }}
            {...errs.field('subject')}
            data-testid="new-ticket-subject"
          />
          <KbSuggestions items={kb.items} session={kb.session} />
          <RichEditor
            label={t('portal.new.body')}
            value={body}
            onChange={setBody}
            dir={direction}
            {...errs.field('body')}
          />
          <DirectionToggle value={direction} onChange={setDirection} />
          <AttachmentPicker
            value={uploads}
            onChange={setUploads}
            max={limits?.attachmentsPerMessage ?? 3}
            maxMb={limits?.memberMaxUploadMb ?? 5}
            onBusyChange={setBusy}
            error={errs.fields.attachmentIds}
          />
          <Stack direction="row" spacing={1} justifyContent="flex-end">
            <Button component={Link} to="/portal">
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              variant="contained"
              startIcon={<Send />}
              disabled={create.isPending || busy}
              data-testid="new-ticket-submit"
            >
              {create.isPending ? t('portal.new.sending') : t('portal.new.submit')}
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </Box>
  );
}
