import { useRef, useState } from 'react';
import { Alert, Avatar, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, upload } from '../../app/api';
import { ME_KEY, isStaff, type Me } from '../../app/session';
import { FormError, fieldErrors } from '../../ui/form';
import { errorMessage } from '../../ui/states';
import { ContactVerification, type PendingContact } from './ContactVerification';
import { autoDirInput } from '../../ui/UserText';

type User = Me['user'];

/**
 * Name, e-mail, mobile, an agent's signature (A9), and the avatar. A new e-mail or mobile needs
 * the current password and is used once the code sent to it is entered.
 */
export function ProfileCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState({
    name: me.user.name,
    email: me.user.email ?? '',
    mobile: me.user.mobile ?? '',
    signature: me.user.signature,
    currentPassword: '',
  });
  const [pending, setPending] = useState<PendingContact[]>([]);
  const [confirmed, setConfirmed] = useState(false);
  const [avatarError, setAvatarError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const setUser = (user: User) => qc.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, user } : old));
  const contactChanged = form.email !== (me.user.email ?? '') || form.mobile !== (me.user.mobile ?? '');
  const save = useMutation({
    mutationFn: () =>
      call('updateMe', {
        body: {
          name: form.name,
          email: form.email || null,
          mobile: form.mobile || null,
          ...(isStaff(me) ? { signature: form.signature } : {}),
          ...(contactChanged ? { currentPassword: form.currentPassword } : {}),
        },
      }),
    onSuccess: ({ pendingContacts, ...user }) => {
      setUser(user);
      setPending(pendingContacts);
      setConfirmed(false);
      setForm((f) => ({ ...f, currentPassword: '', email: user.email ?? '', mobile: user.mobile ?? '' }));
    },
  });
  const onConfirmed = (kind: PendingContact['kind']) => (user: User) => {
    setUser(user);
    setPending((list) => list.filter((p) => p.kind !== kind));
    setConfirmed(true);
    setForm((f) => ({ ...f, email: user.email ?? '', mobile: user.mobile ?? '' }));
  };
  const errs = fieldErrors(save.error);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  async function changeAvatar(file: File | undefined) {
    if (!file) return;
    setAvatarError(null);
    try {
      const data = new FormData();
      data.append('file', file, file.name);
      setUser(await upload('uploadAvatar', data));
    } catch (err) {
      setAvatarError(errorMessage(err, t('errors.generic')));
    }
  }

  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('profile.details')}
        </Typography>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 2 }}>
          <Avatar src={me.user.avatarUrl ?? undefined} alt="" sx={{ width: 64, height: 64 }}>
            {me.user.name.slice(0, 1)}
          </Avatar>
          <input
            ref={fileInput}
            type="file"
            hidden
            accept="image/png,image/jpeg,image/webp,image/gif"
            onChange={(e) => void changeAvatar(e.target.files?.[0])}
          />
          <Button variant="outlined" onClick={() => fileInput.current?.click()}>
            {t('profile.changeAvatar')}
          </Button>
        </Stack>
        {avatarError && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {avatarError}
          </Alert>
        )}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <FormError error={save.error} shown={['name', 'email', 'mobile', 'signature', 'currentPassword']} />
          {save.isSuccess && pending.length === 0 && !confirmed && (
            <Alert severity="success" sx={{ mb: 2 }}>
              {t('common.saved')}
            </Alert>
          )}
          <Stack spacing={2}>
            <TextField
              label={t('common.name')}
              value={form.name}
              onChange={set('name')}
              autoComplete="name"
              {...errs.field('name')}
              slotProps={{ htmlInput: autoDirInput }}
            />
            <TextField
              label={t('common.email')}
              value={form.email}
              onChange={set('email')}
              type="email"
              autoComplete="email"
              {...errs.field('email')}
              slotProps={{ htmlInput: { dir: 'ltr' } }}
            />
            <TextField
              label={t('common.mobile')}
              value={form.mobile}
              onChange={set('mobile')}
              inputMode="tel"
              autoComplete="tel"
              {...errs.field('mobile')}
              slotProps={{ htmlInput: { dir: 'ltr' } }}
            />
            {contactChanged && (
              <TextField
                label={t('profile.currentPassword')}
                type="password"
                value={form.currentPassword}
                onChange={set('currentPassword')}
                autoComplete="current-password"
                {...errs.field('currentPassword', t('profile.contactNeedsPassword'))}
              />
            )}
            {isStaff(me) && (
              <TextField
                label={t('profile.signature')}
                value={form.signature}
                onChange={set('signature')}
                multiline
                minRows={3}
                {...errs.field('signature', t('profile.signatureHint'))}
                slotProps={{ htmlInput: autoDirInput }}
              />
            )}
            <Button type="submit" variant="contained" loading={save.isPending} sx={{ alignSelf: 'flex-start' }}>
              {t('common.save')}
            </Button>
          </Stack>
        </form>
        {(pending.length > 0 || confirmed) && (
          <Stack spacing={2} sx={{ mt: 3 }}>
            {confirmed && <Alert severity="success">{t('profile.contactConfirmed')}</Alert>}
            {pending.map((p) => (
              <ContactVerification key={p.kind} pending={p} onConfirmed={onConfirmed(p.kind)} />
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
