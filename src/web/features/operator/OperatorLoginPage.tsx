import { useState } from 'react';
import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { call, setCsrfToken } from '../../app/api';
import { errorMessage, Loading } from '../../ui/states';
import { OperatorFrame } from './OperatorFrame';
import { SESSION_KEY, isUnavailable, useOperatorSession } from './operator-api';

/** Where the console goes after signing in: a console page named by `next`, else the workspaces. */
function nextOf(params: URLSearchParams) {
  const next = params.get('next') ?? '';
  return /^\/operator\/[a-z]/.test(next) ? next : '/operator/workspaces';
}

/** The operator's own sign-in (username and password of OPERATOR_USERNAME/OPERATOR_PASSWORD). */
export default function OperatorLoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const session = useOperatorSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => call('operatorLogin', { body: { username: username.trim(), password } }),
    onSuccess: (s) => {
      setCsrfToken(s.csrfToken);
      qc.setQueryData(SESSION_KEY, s);
      void navigate(nextOf(params), { replace: true });
    },
  });

  if (session.isPending)
    return (
      <OperatorFrame>
        <Loading />
      </OperatorFrame>
    );
  if (session.data) return <Navigate to={nextOf(params)} replace />;

  return (
    <OperatorFrame>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, maxWidth: 440, mx: 'auto' }}>
        <Typography variant="h5" component="h1" gutterBottom>
          {t('operator.login.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('operator.login.hint')}
        </Typography>
        {isUnavailable(session.error) ? (
          <Alert severity="info">{t('operator.unavailable')}</Alert>
        ) : (
          <Stack
            component="form"
            noValidate
            spacing={2}
            onSubmit={(e) => {
              e.preventDefault();
              if (username.trim() && password && !login.isPending) login.mutate();
            }}
          >
            {login.error && (
              <Alert severity="error" role="alert">
                {errorMessage(login.error, t('errors.generic'))}
              </Alert>
            )}
            <TextField
              label={t('common.username')}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoComplete="username"
              required
              autoFocus
              slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'operator-username' } }}
            />
            <TextField
              label={t('common.password')}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              required
              slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'operator-password' } }}
            />
            <Button
              type="submit"
              variant="contained"
              loading={login.isPending}
              disabled={!username.trim() || !password}
              data-testid="operator-sign-in"
            >
              {t('auth.signIn')}
            </Button>
          </Stack>
        )}
      </Paper>
    </OperatorFrame>
  );
}
