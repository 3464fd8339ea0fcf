import { useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type BodyOf, type ResponseOf } from '../../app/api';
import { DateField } from '../../ui/DateField';
import { FormError, fieldErrors } from '../../ui/form';
import { addDays, useFormat } from '../../ui/format';
import { useDiscardGuard } from '../../ui/useDiscardGuard';
import {
  EXPIRY_CHOICES,
  TOKEN_DEFAULT,
  TOKEN_MAX,
  TOKEN_SCOPE_LIST,
  expiryInDays,
  expiryOfDay,
  type TokenScope,
} from './api-token-options';

type Expiry = number | 'date';
export type CreatedToken = ResponseOf<'createApiToken'>;

/** The form for a new API token: a name, how long it lives, and its scopes. */
export function NewTokenDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (token: CreatedToken) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<Expiry>(TOKEN_DEFAULT);
  const [day, setDay] = useState<string | null>(null);
  const [scopes, setScopes] = useState<TokenScope[]>(['api']);
  const create = useMutation({
    mutationFn: () => {
      const body: BodyOf<'createApiToken'> = { name, scopes };
      if (expiry === 'date') body.expiresAt = (day && expiryOfDay(day)) ?? '';
      else body.expiresInDays = expiry;
      return call('createApiToken', { body });
    },
    onSuccess: onCreated,
  });
  const errs = fieldErrors(create.error);
  const toggle = (scope: TokenScope, on: boolean) =>
    setScopes((list) => (on ? [...list, scope] : list.filter((s) => s !== scope)));

  // Esc, a click outside and Cancel ask before throwing away what was filled in.
  const guard = useDiscardGuard(onClose);
  return (
    <Dialog
      open
      onClose={create.isPending ? undefined : guard.requestClose}
      aria-labelledby="new-token-title"
      maxWidth="sm"
      fullWidth
    >
      <form
        {...guard.watch}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <DialogTitle id="new-token-title">{t('profile.tokens.createTitle')}</DialogTitle>
        <DialogContent>
          <FormError error={create.error} shown={['name', 'expiresInDays', 'expiresAt', 'scopes']} />
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <TextField
              label={t('profile.tokens.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              autoFocus
              slotProps={{ htmlInput: { dir: 'auto', maxLength: 80, 'data-testid': 'api-token-name' } }}
              {...errs.field('name', t('profile.tokens.nameHint'))}
            />
            <TextField
              select
              label={t('profile.tokens.expiry')}
              value={expiry}
              onChange={(e) => setExpiry(e.target.value === 'date' ? 'date' : Number(e.target.value))}
              data-testid="api-token-expiry"
              {...errs.field(
                'expiresInDays',
                expiry === 'date'
                  ? t('profile.tokens.expiryMax', { n: f.number(TOKEN_MAX) })
                  : t('profile.tokens.expiresOn', { date: f.date(expiryInDays(expiry)) }),
              )}
            >
              {EXPIRY_CHOICES.map((d) => (
                <MenuItem key={d} value={d}>
                  {t('profile.tokens.days', { n: f.number(d) })}
                </MenuItem>
              ))}
              <MenuItem value="date">{t('profile.tokens.customDate')}</MenuItem>
            </TextField>
            {expiry === 'date' && (
              <DateField
                label={t('profile.tokens.expiryDate')}
                value={day}
                onChange={setDay}
                size="medium"
                min={addDays(f.today(), 1)}
                max={addDays(f.today(), TOKEN_MAX)}
                {...errs.field('expiresAt')}
              />
            )}
            {TOKEN_SCOPE_LIST.length > 1 && (
              <FormControl component="fieldset" error={errs.has('scopes')}>
                <FormLabel component="legend">{t('profile.tokens.scopes')}</FormLabel>
                <FormGroup>
                  {TOKEN_SCOPE_LIST.map((s) => (
                    <FormControlLabel
                      key={s}
                      sx={{ alignItems: 'flex-start', mt: 0.5 }}
                      control={
                        <Checkbox
                          checked={scopes.includes(s)}
                          // `api` comes with every token.
                          disabled={s === 'api'}
                          onChange={(e) => toggle(s, e.target.checked)}
                          sx={{ pt: 0.25 }}
                          slotProps={{ input: { 'aria-describedby': `scope-hint-${s}` } }}
                          data-testid={`api-token-scope-${s}`}
                        />
                      }
                      label={
                        <>
                          <Typography variant="body2">{t(`profile.tokens.scope_${s}`)}</Typography>
                          <Typography variant="caption" color="text.secondary" id={`scope-hint-${s}`}>
                            {t(`profile.tokens.scopeHint_${s}`)}
                          </Typography>
                        </>
                      }
                    />
                  ))}
                </FormGroup>
                {errs.has('scopes') && <FormHelperText>{errs.fields.scopes}</FormHelperText>}
              </FormControl>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={guard.requestClose} disabled={create.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="contained" loading={create.isPending} data-testid="api-token-create">
            {t('profile.tokens.create')}
          </Button>
        </DialogActions>
      </form>
      {guard.confirm}
    </Dialog>
  );
}
