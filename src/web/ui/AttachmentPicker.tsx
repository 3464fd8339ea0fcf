import { useRef, useState } from 'react';
import { Alert, Box, Button, IconButton, LinearProgress, Stack, Typography } from '@mui/material';
import AttachFile from '@mui/icons-material/AttachFile';
import Close from '@mui/icons-material/Close';
import { useTranslation } from 'react-i18next';
import { uploadFile, type ResponseOf } from '../app/api';
import { errorMessage } from './states';
import { useFormat } from './format';
import { isolate, UserText } from './UserText';

/** C6: the kinds of file the server accepts (it checks the bytes; this checks the name first). */
export const ALLOWED_EXTENSIONS = [
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'png',
  'jpg',
  'jpeg',
  'webp',
  'gif',
  'zip',
  'rar',
  'txt',
];

export function checkFile(file: File, maxBytes: number): 'type' | 'size' | null {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  if (!ALLOWED_EXTENSIONS.includes(ext)) return 'type';
  if (file.size > maxBytes) return 'size';
  return null;
}

/** A file uploaded and waiting to be attached to a message. */
export type Upload = ResponseOf<'uploadFile'>;

interface Pending {
  key: number;
  name: string;
  progress: number;
}

interface Props {
  value: Upload[];
  onChange: (uploads: Upload[]) => void;
  /** At most this many files (3 per message). */
  max?: number;
  maxMb: number;
  /** `uploadFile` for signed-in people, `uploadGuestFile` for guests. */
  uploadOperation?: 'uploadFile' | 'uploadGuestFile';
  onBusyChange?: (busy: boolean) => void;
  error?: string;
}

/** Attachments of a message: checked for type, size and count before upload, with a progress bar each. */
export function AttachmentPicker({
  value,
  onChange,
  max = 3,
  maxMb,
  uploadOperation = 'uploadFile',
  onBusyChange,
  error,
}: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<Pending[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const latest = useRef(value);
  latest.current = value;
  const maxBytes = maxMb * 1024 * 1024;

  async function pick(files: FileList | null) {
    if (!files?.length) return;
    const issues: string[] = [];
    const room = max - latest.current.length - pending.length;
    const chosen = [...files];
    if (chosen.length > room) issues.push(t('attachments.tooMany', { max: f.number(max) }));
    const ok: File[] = [];
    for (const file of chosen.slice(0, Math.max(0, room))) {
      const why = checkFile(file, maxBytes);
      if (why === 'type') issues.push(t('attachments.badType', { name: isolate(file.name) }));
      else if (why === 'size') issues.push(t('attachments.tooBig', { name: isolate(file.name), max: f.number(maxMb) }));
      else ok.push(file);
    }
    setProblems(issues);
    if (input.current) input.current.value = '';
    if (!ok.length) return;
    onBusyChange?.(true);
    const started = ok.map((file, i) => ({ file, key: Date.now() + i }));
    setPending((p) => [...p, ...started.map(({ file, key }) => ({ key, name: file.name, progress: 0 }))]);
    await Promise.all(
      started.map(async ({ file, key }) => {
        try {
          const up = await uploadFile(
            file,
            (progress) => setPending((p) => p.map((x) => (x.key === key ? { ...x, progress } : x))),
            uploadOperation,
          );
          latest.current = [...latest.current, up];
          onChange(latest.current);
        } catch (err) {
          setProblems((p) => [...p, `${isolate(file.name)}: ${errorMessage(err, t('errors.generic'))}`]);
        } finally {
          setPending((p) => p.filter((x) => x.key !== key));
        }
      }),
    );
    onBusyChange?.(false);
  }

  return (
    <Box>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',')}
        onChange={(e) => void pick(e.target.files)}
        data-testid="attachment-input"
      />
      <Button
        startIcon={<AttachFile />}
        variant="outlined"
        size="small"
        disabled={value.length + pending.length >= max}
        onClick={() => input.current?.click()}
      >
        {t('attachments.add', { max: f.number(max), size: f.number(maxMb) })}
      </Button>
      <Stack spacing={1} sx={{ mt: 1 }}>
        {value.map((u) => (
          <Stack key={u.id} direction="row" alignItems="center" spacing={1}>
            <AttachFile fontSize="small" aria-hidden />
            <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
              <UserText>{u.name}</UserText> ({f.bytes(u.size)})
            </Typography>
            <IconButton
              size="small"
              aria-label={t('attachments.remove', { name: u.name })}
              onClick={() => onChange(value.filter((x) => x.id !== u.id))}
            >
              <Close fontSize="small" />
            </IconButton>
          </Stack>
        ))}
        {pending.map((p) => (
          <Box key={p.key}>
            <Typography variant="body2">{t('attachments.uploading', { name: isolate(p.name) })}</Typography>
            <LinearProgress
              variant="determinate"
              value={Math.round(p.progress * 100)}
              aria-label={t('attachments.uploading', { name: p.name })}
            />
          </Box>
        ))}
        {[...problems, ...(error ? [error] : [])].map((msg, i) => (
          <Alert key={i} severity="warning" onClose={() => setProblems((p) => p.filter((_, j) => j !== i))}>
            {msg}
          </Alert>
        ))}
      </Stack>
    </Box>
  );
}
