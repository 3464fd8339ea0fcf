import { useState, type FormEvent } from 'react';
import {
  Box,
  Button,
  FormControlLabel,
  FormLabel,
  Grid,
  MenuItem,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call, type BodyOf, type ItemOf, type ResponseOf } from '../../app/api';
import { can, useMe, usePublicSettings } from '../../app/session';
import { AttachmentPicker } from '../../ui/AttachmentPicker';
import { FormError, fieldErrors } from '../../ui/form';
import { RichEditor } from '../../ui/RichEditor';
import { NewTicketOptions, type TicketOptions } from './center/NewTicketOptions';
import { UserPicker } from './center/UserPicker';
import { autoDirInput, UserText } from '../../ui/UserText';

type Mode = 'customer' | 'group' | 'internal';

/** C15, C17, C18: an agent opens a ticket for a customer, a customer group, or inside the team. */
export default function AgentNewTicketPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const settings = usePublicSettings();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const canGroups = can(me, 'groups.manage');
  const [mode, setMode] = useState<Mode>('customer');
  const [requester, setRequester] = useState<ItemOf<'listUsers'> | null>(null);
  const [groupId, setGroupId] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [uploads, setUploads] = useState<ResponseOf<'uploadFile'>[]>([]);
  const [uploading, setUploading] = useState(false);
  const [options, setOptions] = useState<TicketOptions>({
    departmentId: '',
    typeId: '',
    priority: 'medium',
    status: '',
    tags: [],
    cc: [],
    bcc: [],
    assignees: [],
    pinned: false,
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const groups = useQuery({
    queryKey: ['groups', 'customer'],
    queryFn: () => call('listGroups', { query: { kind: 'customer', pageSize: 100 } }),
    enabled: canGroups && mode === 'group',
  });

  const create = useMutation({
    mutationFn: () => {
      const input: BodyOf<'createTicket'> = {
        subject,
        body,
        departmentId: options.departmentId,
        typeId: options.typeId || null,
        priority: options.priority,
        status: options.status || undefined,
        tags: options.tags,
        cc: options.cc,
        bcc: options.bcc,
        pinned: options.pinned,
        assigneeIds: options.assignees.map((a) => a.id),
        attachmentIds: uploads.map((u) => u.id),
        requesterId: mode === 'customer' ? requester?.id : undefined,
        requesterGroupId: mode === 'group' ? groupId : undefined,
        internal: mode === 'internal',
      };
      return call('createTicket', { body: input });
    },
    onSuccess: (res) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      void navigate(`/agent/tickets/${res.number}`);
    },
  });

  const server = fieldErrors(create.error);
  // Array fields come back as "cc.0"; show them on the field itself.
  const field = (name: string) => {
    const msg = local[name] ?? Object.entries(server.fields).find(([k]) => k === name || k.startsWith(`${name}.`))?.[1];
    return { error: !!msg, helperText: msg };
  };
  const shownFields = [
    'subject',
    'body',
    'departmentId',
    'typeId',
    'priority',
    'status',
    'tags',
    'cc',
    'bcc',
    'assigneeIds',
    'attachmentIds',
    'requesterId',
    'requesterGroupId',
    'pinned',
    'internal',
  ];
  const shown = Object.keys(server.fields).filter((k) => shownFields.includes(k.split('.')[0]));

  function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    const required = t('common.required');
    if (!subject.trim()) missing.subject = required;
    if (!body.replace(/<[^>]*>/g, '').trim() && !/<img/i.test(body)) missing.body = required;
    if (!options.departmentId) missing.departmentId = required;
    if (mode === 'customer' && !requester) missing.requesterId = required;
    if (mode === 'group' && !groupId) missing.requesterGroupId = required;
    setLocal(missing);
    if (Object.keys(missing).length === 0) create.mutate();
  }

  const maxMb = settings.data?.limits.memberMaxUploadMb ?? 10;
  return (
    <Box component="form" onSubmit={submit} noValidate>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('agentNew.title')}
      </Typography>
      <FormError error={create.error} shown={shown} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Stack spacing={2}>
              <Box>
                <FormLabel id="new-mode-label">{t('agentNew.forWhom')}</FormLabel>
                <RadioGroup
                  row
                  aria-labelledby="new-mode-label"
                  value={mode}
                  onChange={(e) => setMode(e.target.value as Mode)}
                >
                  <FormControlLabel value="customer" control={<Radio />} label={t('agentNew.mode.customer')} />
                  {canGroups && <FormControlLabel value="group" control={<Radio />} label={t('agentNew.mode.group')} />}
                  <FormControlLabel value="internal" control={<Radio />} label={t('agentNew.mode.internal')} />
                </RadioGroup>
              </Box>
              {mode === 'customer' && (
                <UserPicker
                  role="customer"
                  label={t('agentNew.requester')}
                  value={requester}
                  onChange={setRequester}
                  required
                  testId="new-requester"
                  {...field('requesterId')}
                />
              )}
              {mode === 'group' && (
                <TextField
                  select
                  label={t('agentNew.group')}
                  value={groupId}
                  onChange={(e) => setGroupId(e.target.value)}
                  required
                  {...field('requesterGroupId')}
                >
                  {(groups.data?.items ?? []).map((g) => (
                    <MenuItem key={g.id} value={g.id}>
                      <UserText>{g.name}</UserText>
                    </MenuItem>
                  ))}
                </TextField>
              )}
              {mode === 'internal' && (
                <Typography variant="body2" color="text.secondary">
                  {t('agentNew.internalHint')}
                </Typography>
              )}
              <TextField
                label={t('agentNew.subject')}
                value={subject}
                onChange={(e) => setSubject(e.target.value)}
                required
                slotProps={{ htmlInput: { ...autoDirInput, maxLength: 250, 'data-testid': 'new-subject' } }}
                {...field('subject')}
              />
              <RichEditor
                label={t('agentNew.body')}
                value={body}
                onChange={setBody}
                {...field('body')}
                minHeight={200}
              />
              <AttachmentPicker
                value={uploads}
                onChange={setUploads}
                maxMb={maxMb}
                max={settings.data?.limits.attachmentsPerMessage ?? 3}
                onBusyChange={setUploading}
                error={field('attachmentIds').helperText}
              />
            </Stack>
          </Paper>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <NewTicketOptions value={options} onChange={setOptions} field={field} />
          </Paper>
        </Grid>
      </Grid>
      <Stack direction="row" spacing={1} sx={{ mt: 2, justifyContent: 'flex-end' }}>
        <Button component={Link} to="/agent/tickets">
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="contained" disabled={create.isPending || uploading} data-testid="new-submit">
          {create.isPending ? t('agentNew.creating') : t('agentNew.submit')}
        </Button>
      </Stack>
    </Box>
  );
}
