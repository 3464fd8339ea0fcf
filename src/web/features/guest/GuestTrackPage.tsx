import { useState, type FormEvent } from 'react';
import { Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import Search from '@mui/icons-material/Search';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { displayCode, guestTicketPath } from './tracking-code';

/** Persian and Arabic digits typed into the number field count as digits. */
const asciiDigits = (s: string) =>
  s
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));

/** F4: a guest finds its ticket again with the number and the tracking code. */
export default function GuestTrackPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const [number, setNumber] = useState('');
  const [code, setCode] = useState('');
  const [touched, setTouched] = useState(false);
  const n = asciiDigits(number.trim()).replace(/^#/, '');
  const numberOk = /^[1-9]\d{0,9}$/.test(n);
  const codeOk = code.trim().length > 0;

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (numberOk && codeOk) void navigate(guestTicketPath(Number(n), displayCode(code)));
  }

  return (
    <Box sx={{ maxWidth: 520, mx: 'auto' }}>
      <Typography variant="h5" component="h1">
        {t('guest.track.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('guest.track.intro')}
      </Typography>
      <Paper variant="outlined" component="form" onSubmit={submit} noValidate sx={{ p: { xs: 1.5, sm: 3 } }}>
        <Stack spacing={2}>
          <TextField
            required
            label={t('guest.track.number')}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            error={touched && !numberOk}
            helperText={touched && !numberOk ? t('guest.track.numberInvalid') : undefined}
            slotProps={{ htmlInput: { inputMode: 'numeric', dir: 'ltr' } }}
            data-testid="track-number"
          />
          <TextField
            required
            label={t('guest.track.code')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={touched && !codeOk}
            helperText={
              touched && !codeOk ? t('guest.track.codeRequired') : t('guest.track.codeHint', { n: f.digits(12) })
            }
            autoComplete="off"
            slotProps={{
              htmlInput: { dir: 'ltr', spellCheck: false, autoCapitalize: 'characters', autoCorrect: 'off' },
            }}
            data-testid="track-code"
          />
          <Box>
            <Button type="submit" variant="contained" startIcon={<Search />} data-testid="track-submit">
              {t('guest.track.submit')}
            </Button>
          </Box>
        </Stack>
      </Paper>
    </Box>
  );
}
