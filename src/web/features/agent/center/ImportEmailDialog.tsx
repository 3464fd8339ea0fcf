import { useId, useRef, useState, type FormEvent } from 'react';
import {
  Autocomplete,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormHelperText,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import UploadFile from '@mui/icons-material/UploadFile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, upload } from '../../../app/api';
import { can, useMe } from '../../../app/session';
import { FormError, fieldErrors } from '../../../ui/form';
import { useFormat } from '../../../ui/format';
import { useDiscardGuard } from '../../../ui/useDiscardGuard';
import { useDepartments, useStaff, type Named } from './lookups';
import { UserText } from '../../../ui/UserText';

const SHOWN = ['file', 'departmentId', 'assigneeId'];
/** What the file picker offers; the server reads the bytes and refuses what is not a mail. */
const ACCEPT = '.eml,message/rfc822';
/** The local (not yet sent) errors without the one of `field`, once it has been filled. */
const without = (errors: Record<string, string>, field: string) =>
  Object.fromEntries(Object.entries(errors).filter(([k]) => k !== field));
const isEml = (file: File) => /\.eml$/i.test(file.name) || file.type === 'message/rfc822';

/**
 * C19: a saved e-mail (.eml) becomes a ticket of a department the agent works in, optionally
 * assigned at once. The form goes as multipart — the fields first, then the file — and on
 * success the new ticket opens.
 */
export function ImportEmailDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMe().data;
  const departments = useDepartments();
  const staff = useStaff();
  const input = useRef<HTMLInputElement>(null);
  const fileHelpId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [departmentId, setDepartmentId] = useState('');
  const [assignee, setAssignee] = useState<Named | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState(0);

  // The server accepts only the agent's own departments unless they see all of them.
  const everywhere = !!me && (me.user.role === 'admin' || can(me, 'tickets.view_all'));
  const choices = (departments.data?.items ?? []).filter(
    (d) => d.active && (everywhere || me?.user.departmentIds.includes(d.id)),
  );

  const send = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.append('departmentId', departmentId);
      if (assignee) form.append('assigneeId', assignee.id);
      form.append('file', file!, file!.name);
      setProgress(0);
      return upload('importTicketEmail', form, { onProgress: setProgress });
    },
    onSuccess: (ticket) => {
      void qc.invalidateQueries({ queryKey: ['tickets'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      void navigate(`/agent/tickets/${ticket.number}`);
    },
  });

  const server = fieldErrors(send.error);
  const tooLarge = send.error instanceof ApiError && send.error.status === 413 ? send.error.message : undefined;
  const field = (name: string) => {
    const msg = local[name] ?? server.fields[name];
    return { error: !!msg, helperText: msg };
  };
  const fileMessage = local.file ?? server.fields.file ?? tooLarge;
  // 409: the same message (by Message-ID) was imported before; its message names the ticket.
  const existing =
    send.error instanceof ApiError && send.error.status === 409
      ? /#\s*([0-9۰-۹]+)/.exec(send.error.message)?.[1]
      : undefined;
  const existingNumber = existing ? Number(existing.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)))) : null;

  function pick(files: FileList | null) {
    const chosen = files?.[0];
    if (input.current) input.current.value = '';
    if (!chosen) return;
    send.reset();
    if (!isEml(chosen)) {
      setFile(null);
      setLocal((l) => ({ ...l, file: t('center.import.badType', { name: chosen.name }) }));
      return;
    }
    setFile(chosen);
    setLocal((l) => without(l, 'file'));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (send.isPending) return;
    const missing: Record<string, string> = {};
    if (!file) missing.file = local.file ?? t('center.import.fileRequired');
    if (!departmentId) missing.departmentId = t('common.required');
    setLocal(missing);
    if (Object.keys(missing).length === 0) send.mutate();
  }

  // Closing without importing asks first once something was chosen, and forgets the choices.
  const guard = useDiscardGuard(
    () => {
      setFile(null);
      setDepartmentId('');
      setAssignee(null);
      setLocal({});
      send.reset();
      onClose();
    },
    { dirty: !!file || departmentId !== '' || assignee !== null },
  );
  const close = () => {
    if (send.isPending) return;
    guard.requestClose();
  };

  return (
    <>
      <Dialog
        open={open}
        onClose={close}
        fullScreen={phone}
        fullWidth
        maxWidth="sm"
        aria-labelledby="import-email-title"
        data-testid="import-dialog"
      >
        <form onSubmit={submit} noValidate style={{ display: 'contents' }}>
          <DialogTitle id="import-email-title">{t('center.import.title')}</DialogTitle>
          <DialogContent dividers>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {t('center.import.intro')}
            </Typography>
            <FormError error={tooLarge ? null : send.error} shown={SHOWN} />
            {existingNumber !== null && (
              <Box sx={{ mt: -1, mb: 2 }}>
                <Button
                  component={Link}
                  to={`/agent/tickets/${existingNumber}`}
                  size="small"
                  variant="outlined"
                  data-testid="import-existing"
                >
                  {t('center.import.openExisting', { number: f.digits(existingNumber) })}
                </Button>
              </Box>
            )}
            <Stack spacing={2}>
              <Box>
                <Typography
                  component="label"
                  htmlFor="import-email-file"
                  variant="subtitle2"
                  sx={{ display: 'block', mb: 0.5 }}
                >
                  {t('center.import.file')}
                </Typography>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
                  <Button
                    variant="outlined"
                    startIcon={<UploadFile />}
                    onClick={() => input.current?.click()}
                    disabled={send.isPending}
                    aria-describedby={fileHelpId}
                    data-testid="import-choose"
                  >
                    {file ? t('center.import.change') : t('center.import.choose')}
                  </Button>
                  <Typography
                    variant="body2"
                    color={file ? 'text.primary' : 'text.secondary'}
                    sx={{ minWidth: 0, overflowWrap: 'anywhere' }}
                    data-testid="import-file-name"
                  >
                    {file ? (
                      <>
                        <bdi dir="ltr">{file.name}</bdi> ({f.bytes(file.size)})
                      </>
                    ) : (
                      t('center.import.noFile')
                    )}
                  </Typography>
                </Stack>
                {/* The real file input, labelled above; the button opens it. */}
                <input
                  ref={input}
                  id="import-email-file"
                  type="file"
                  accept={ACCEPT}
                  hidden
                  onChange={(e) => pick(e.target.files)}
                  aria-describedby={fileHelpId}
                  aria-invalid={!!fileMessage}
                  data-testid="import-file"
                />
                <FormHelperText id={fileHelpId} error={!!fileMessage}>
                  {fileMessage ?? t('center.import.fileHint')}
                </FormHelperText>
              </Box>
              <TextField
                select
                required
                label={t('center.import.department')}
                value={departmentId}
                onChange={(e) => {
                  setDepartmentId(e.target.value);
                  setLocal((l) => without(l, 'departmentId'));
                }}
                disabled={send.isPending}
                {...field('departmentId')}
                data-testid="import-department"
              >
                {departments.isPending && (
                  <MenuItem value="" disabled>
                    {t('common.loading')}
                  </MenuItem>
                )}
                {!departments.isPending && choices.length === 0 && (
                  <MenuItem value="" disabled>
                    {t('center.import.noDepartments')}
                  </MenuItem>
                )}
                {choices.map((d) => (
                  <MenuItem key={d.id} value={d.id}>
                    <UserText>{d.name}</UserText>
                  </MenuItem>
                ))}
              </TextField>
              <Autocomplete
                options={staff.data ?? []}
                value={assignee}
                onChange={(_, v) => setAssignee(v)}
                getOptionLabel={(o) => o.name}
                isOptionEqualToValue={(a, b) => a.id === b.id}
                loading={staff.isPending}
                loadingText={t('common.loading')}
                noOptionsText={t('agentNew.noPeople')}
                disabled={send.isPending}
                renderInput={(params) => (
                  <TextField
                    {...params}
                    label={t('center.import.assignee')}
                    {...field('assigneeId')}
                    helperText={field('assigneeId').helperText ?? t('center.import.assigneeHint')}
                    slotProps={{ htmlInput: { ...params.inputProps, dir: 'auto', 'data-testid': 'import-assignee' } }}
                  />
                )}
              />
              {send.isPending && (
                <Box>
                  <Typography variant="body2" id="import-progress-label" sx={{ mb: 0.5 }}>
                    {t('center.import.importing')}
                  </Typography>
                  <LinearProgress
                    variant={progress > 0 && progress < 1 ? 'determinate' : 'indeterminate'}
                    value={Math.round(progress * 100)}
                    aria-labelledby="import-progress-label"
                  />
                </Box>
              )}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={close} disabled={send.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="contained" loading={send.isPending} data-testid="import-submit">
              {t('center.import.submit')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
      {guard.confirm}
    </>
  );
}
