import type { ReactNode } from 'react';
import { Alert, Box, Stack, Typography } from '@mui/material';
import CheckCircle from '@mui/icons-material/CheckCircle';
import ErrorOutline from '@mui/icons-material/ErrorOutline';
import RadioButtonUnchecked from '@mui/icons-material/RadioButtonUnchecked';
import RemoveCircleOutline from '@mui/icons-material/RemoveCircleOutline';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { visuallyHidden } from '../../ui/visually-hidden';
import type { DirectoryTestResult } from './api';
import { SampleUsers } from './SampleUsers';

const STAGES = ['dns', 'connect', 'tls', 'bind', 'search'] as const;
type Stage = (typeof STAGES)[number];
type State = 'ok' | 'failed' | 'notReached' | 'unused';

/** Each stage of the test as reached: passed, where it failed, not reached; TLS unused on plain LDAP. */
function states(result: DirectoryTestResult, tls: boolean): Record<Stage, State> {
  const failedAt = result.stage === 'done' ? STAGES.length : STAGES.indexOf(result.stage);
  const out = {} as Record<Stage, State>;
  STAGES.forEach((s, i) => {
    out[s] = i < failedAt ? 'ok' : i === failedAt && !result.ok ? 'failed' : 'notReached';
    if (s === 'tls' && !tls && out[s] === 'ok') out[s] = 'unused';
  });
  return out;
}

const ICONS: Record<State, ReactNode> = {
  ok: <CheckCircle color="success" fontSize="small" />,
  failed: <ErrorOutline color="error" fontSize="small" />,
  notReached: <RadioButtonUnchecked color="disabled" fontSize="small" />,
  unused: <RemoveCircleOutline color="disabled" fontSize="small" />,
};

/**
 * The outcome of a connection test: the stages (name lookup, connection, TLS, bind, search) with
 * the one it stopped at, the server's message, and people the user filter finds as they would be taken in.
 */
export function TestResultView({ result, tls }: { result: DirectoryTestResult; tls: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = states(result, tls);
  return (
    <Box data-testid="directory-test-result" data-ok={String(result.ok)} data-stage={result.stage}>
      <Alert severity={result.ok ? 'success' : 'error'} role="status" sx={{ mb: 1 }}>
        {result.ok
          ? t('admin.directories.testOk')
          : t('admin.directories.testFailed', { stage: t(`admin.directories.stage.${result.stage}`) })}
        {result.message && (
          <Typography variant="body2" component="div" sx={{ overflowWrap: 'anywhere' }}>
            <bdi dir="auto">{result.message}</bdi>
          </Typography>
        )}
      </Alert>
      <Stack
        component="ol"
        direction="row"
        aria-label={t('admin.directories.stages')}
        sx={{ listStyle: 'none', m: 0, p: 0, flexWrap: 'wrap', columnGap: 2, rowGap: 0.5 }}
      >
        {STAGES.map((stage) => (
          <Stack
            component="li"
            key={stage}
            direction="row"
            spacing={0.5}
            sx={{ alignItems: 'center' }}
            data-testid={`directory-stage-${stage}`}
            data-state={s[stage]}
          >
            <Box aria-hidden sx={{ display: 'flex' }}>
              {ICONS[s[stage]]}
            </Box>
            <Typography variant="body2" color={s[stage] === 'notReached' ? 'text.secondary' : undefined}>
              {t(`admin.directories.stage.${stage}`)}
              <Box component="span" sx={visuallyHidden}>
                {` (${t(`admin.directories.stageState.${s[stage]}`)})`}
              </Box>
            </Typography>
          </Stack>
        ))}
      </Stack>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
        {t('admin.directories.duration', { ms: f.number(result.durationMs) })}
      </Typography>
      {result.ok && <SampleUsers users={result.sampleUsers} />}
    </Box>
  );
}
