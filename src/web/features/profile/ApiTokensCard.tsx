import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Link,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import Add from '@mui/icons-material/Add';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import OpenInNew from '@mui/icons-material/OpenInNew';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type ItemOf } from '../../app/api';
import { useFormat } from '../../ui/format';
import { EmptyState, QueryView, errorMessage } from '../../ui/states';
import { API_DOCS_URL } from './api-docs';
import { CreatedTokenDialog } from './CreatedTokenDialog';
import { NewTokenDialog, type CreatedToken } from './NewTokenDialog';
import { isolate } from '../../ui/UserText';
import { visuallyHidden } from '../../ui/visually-hidden';

type Token = ItemOf<'listApiTokens'>;
const TOKENS_KEY = ['api-tokens'] as const;
/** A person has at most 50 tokens (the server's limit), so one page holds them all. */
const PAGE_SIZE = 100;

/** Staff's API tokens: the list, a new one (its secret shown once), revoking one. */
export function ApiTokensCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [revoked, setRevoked] = useState(false);
  const list = useQuery({
    queryKey: TOKENS_KEY,
    queryFn: ({ signal }) => call('listApiTokens', { query: { pageSize: PAGE_SIZE }, signal }),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: TOKENS_KEY });
  const newButton = (
    <Button
      variant="contained"
      startIcon={<Add />}
      onClick={() => (setRevoked(false), setCreating(true))}
      data-testid="api-token-new"
    >
      {t('profile.tokens.new')}
    </Button>
  );

  return (
    <Card variant="outlined" data-testid="api-tokens-card">
      <CardContent>
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', mb: 1 }}
        >
          <Typography variant="h6" component="h2">
            {t('profile.tokens.title')}
          </Typography>
          {!!list.data?.items.length && newButton}
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {t('profile.tokens.intro')}
        </Typography>
        <Link
          href={API_DOCS_URL}
          target="_blank"
          rel="noopener"
          variant="body2"
          sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, mt: 1, mb: 2 }}
          data-testid="api-docs-link"
        >
          {t('profile.tokens.docs')}
          <OpenInNew sx={{ fontSize: 16 }} aria-hidden />
          <Box component="span" sx={visuallyHidden}>
            {t('profile.tokens.newTab')}
          </Box>
        </Link>
        {revoked && (
          <Alert severity="success" role="status" onClose={() => setRevoked(false)} sx={{ mb: 2 }}>
            {t('profile.tokens.revoked')}
          </Alert>
        )}
        <QueryView query={list} rows={2}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title={t('profile.tokens.empty')} hint={t('profile.tokens.emptyHint')} action={newButton} />
            ) : (
              <Stack component="ul" aria-label={t('profile.tokens.list')} spacing={1.5} sx={{ p: 0, m: 0 }}>
                {data.items.map((token) => (
                  <TokenRow key={token.id} token={token} onRevoke={() => (setRevoked(false), setRevoking(token))} />
                ))}
              </Stack>
            )
          }
        </QueryView>
      </CardContent>
      {creating && (
        <NewTokenDialog
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
            refresh();
          }}
        />
      )}
      {created && <CreatedTokenDialog name={created.name} token={created.token} onClose={() => setCreated(null)} />}
      {revoking && (
        <RevokeDialog
          token={revoking}
          onClose={() => setRevoking(null)}
          onDone={() => {
            setRevoking(null);
            setRevoked(true);
            refresh();
          }}
        />
      )}
    </Card>
  );
}

/** One token: its name, the start of its secret, scopes and dates, and the revoke button. */
function TokenRow({ token, onRevoke }: { token: Token; onRevoke: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const expired = !!token.expiresAt && Date.parse(token.expiresAt) <= Date.now();
  const dates: Array<[string, string]> = [
    [t('profile.tokens.created'), f.date(token.createdAt)],
    [t('profile.tokens.lastUsed'), token.lastUsedAt ? f.date(token.lastUsedAt) : t('profile.tokens.neverUsed')],
    [t('profile.tokens.expires'), token.expiresAt ? f.date(token.expiresAt) : t('profile.tokens.noExpiry')],
  ];
  return (
    <Box
      component="li"
      data-testid="api-token-row"
      data-id={token.id}
      sx={{ listStyle: 'none', border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            <Typography
              component="h3"
              variant="subtitle1"
              dir="auto"
              sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}
            >
              {token.name}
            </Typography>
            {expired && <Chip size="small" color="warning" label={t('profile.tokens.expired')} />}
          </Stack>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mt: 0.5 }}>
            <Typography variant="body2" color="text.secondary" component="span">
              {t('profile.tokens.prefix')}
            </Typography>
            <Typography
              component="code"
              dir="ltr"
              variant="body2"
              sx={{ fontFamily: 'monospace', bgcolor: 'action.hover', px: 0.75, borderRadius: 0.5 }}
            >
              {`${token.prefix}…`}
            </Typography>
            <Box component="span" sx={visuallyHidden}>
              {t('profile.tokens.scopes')}
            </Box>
            {token.scopes.map((s) => (
              <Chip key={s} size="small" variant="outlined" label={t(`profile.tokens.scope_${s}`)} />
            ))}
          </Stack>
        </Box>
        <Tooltip title={t('profile.tokens.revokeItem', { name: isolate(token.name) })}>
          <IconButton
            onClick={onRevoke}
            aria-label={t('profile.tokens.revokeItem', { name: token.name })}
            color="error"
            data-testid={`api-token-revoke-${token.id}`}
          >
            <DeleteOutline />
          </IconButton>
        </Tooltip>
      </Stack>
      <Box
        component="dl"
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: 'auto 1fr', sm: 'repeat(3, auto 1fr)' },
          columnGap: 1,
          rowGap: 0.25,
          m: 0,
          mt: 1,
          typography: 'body2',
        }}
      >
        {dates.map(([label, value]) => (
          <Box key={label} sx={{ display: 'contents' }}>
            <Box component="dt" sx={{ color: 'text.secondary' }}>
              {label}
            </Box>
            <Box component="dd" sx={{ m: 0 }}>
              {value}
            </Box>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** Asks before revoking: programs using the token stop working at once. */
function RevokeDialog({ token, onClose, onDone }: { token: Token; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const revoke = useMutation({
    mutationFn: () => call('deleteApiToken', { path: { id: token.id } }),
    onSuccess: onDone,
  });
  return (
    <Dialog
      open
      onClose={revoke.isPending ? undefined : onClose}
      aria-labelledby="revoke-token-title"
      maxWidth="xs"
      fullWidth
    >
      <DialogTitle id="revoke-token-title">{t('profile.tokens.revokeTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ overflowWrap: 'anywhere' }}>
          {t('profile.tokens.revokeText', { name: isolate(token.name) })}
        </DialogContentText>
        {revoke.isError && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {errorMessage(revoke.error, t('errors.generic'))}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={revoke.isPending}>
          {t('common.cancel')}
        </Button>
        <Button
          color="error"
          variant="contained"
          loading={revoke.isPending}
          onClick={() => revoke.mutate()}
          data-testid="api-token-confirm-revoke"
        >
          {t('profile.tokens.revoke')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
