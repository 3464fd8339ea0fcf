import {
  Box,
  Chip,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { UserText } from '../../ui/UserText';
import type { DirectoryTestResult } from './api';

type Sample = DirectoryTestResult['sampleUsers'][number];

/**
 * People the user filter finds, as they would be taken in (the role their groups give them, or
 * none when they would be refused): a table on wide screens, cards on phones.
 */
export function SampleUsers({ users }: { users: Sample[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('sm'));
  const role = (u: Sample) => (u.role ? t(`admin.people.role_${u.role}`) : t('admin.directories.sample.noRole'));
  const state = (u: Sample) =>
    u.disabled ? (
      <Chip size="small" color="warning" variant="outlined" label={t('admin.directories.sample.disabled')} />
    ) : (
      t('admin.directories.sample.enabled')
    );
  const ltr = (v: string | null) => (v ? <bdi dir="ltr">{v}</bdi> : '—');
  // Mobile numbers in the reader's digits, as the people list shows them.
  const mobile = (v: string | null) => ltr(v && f.digits(v));

  return (
    <Box sx={{ mt: 1.5 }} data-testid="directory-samples">
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {t('admin.directories.samples')}
      </Typography>
      {users.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('admin.directories.noSamples')}
        </Typography>
      ) : narrow ? (
        <Paper variant="outlined" component="ul" aria-label={t('admin.directories.samples')} sx={{ m: 0, p: 0 }}>
          {users.map((u) => (
            <Box
              component="li"
              key={u.dn}
              data-testid={`directory-sample-${u.username}`}
              sx={{ listStyle: 'none', p: 1, '&:not(:first-of-type)': { borderTop: 1, borderColor: 'divider' } }}
            >
              <Typography variant="body2" sx={{ fontWeight: 500 }}>
                <UserText>{u.name || u.username}</UserText> · <bdi dir="ltr">{u.username}</bdi>
              </Typography>
              <Typography variant="caption" color="text.secondary" component="p" sx={{ overflowWrap: 'anywhere' }}>
                {ltr(u.email)} · {mobile(u.mobile)}
              </Typography>
              <Typography variant="caption" component="div">
                {role(u)} · {state(u)}
              </Typography>
            </Box>
          ))}
        </Paper>
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label={t('admin.directories.samples')}>
            <TableHead>
              <TableRow>
                {(['username', 'name', 'email', 'mobile', 'role', 'state'] as const).map((c) => (
                  <TableCell key={c} sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                    {t(`admin.directories.sample.${c}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {users.map((u) => (
                <TableRow key={u.dn} data-testid={`directory-sample-${u.username}`}>
                  <TableCell>{ltr(u.username)}</TableCell>
                  <TableCell>
                    <UserText>{u.name}</UserText>
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{ltr(u.email)}</TableCell>
                  <TableCell>{mobile(u.mobile)}</TableCell>
                  <TableCell>{role(u)}</TableCell>
                  <TableCell>{state(u)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Box>
  );
}
