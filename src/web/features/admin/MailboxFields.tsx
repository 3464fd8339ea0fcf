import { Checkbox, FormControlLabel, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { fieldErrors } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { NumberField } from '../../ui/NumberField';
import { LabelledSwitch } from './LabelledSwitch';
import { defaultInboundPort, defaultOutboundPort, PROTOCOLS, TLS_MODES, type MailboxForm } from './mailbox-form';

type Fe = ReturnType<typeof fieldErrors>;
type In = MailboxForm['inbound'];
type Out = MailboxForm['outbound'];
const ltr = { htmlInput: { dir: 'ltr' } };

export function Section({ title }: { title: string }) {
  return (
    <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, pt: 1 }}>
      {title}
    </Typography>
  );
}

/** A write-only password: empty keeps the saved one, or it can be cleared. */
function Secret({
  name,
  value,
  clear,
  saved,
  onChange,
  onClear,
  fe,
  label,
}: {
  name: string;
  value: string;
  clear: boolean;
  saved: boolean;
  onChange: (v: string) => void;
  onClear: (v: boolean) => void;
  fe: Fe;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack sx={{ flex: 1 }}>
      <TextField
        type="password"
        autoComplete="new-password"
        label={label}
        value={value}
        disabled={clear}
        onChange={(e) => onChange(e.target.value)}
        {...fe.field(name, saved ? t('admin.mailboxes.passwordKeep') : undefined)}
        slotProps={ltr}
      />
      {saved && (
        <FormControlLabel
          control={<Checkbox checked={clear} onChange={(e) => onClear(e.target.checked)} />}
          label={t('admin.mailboxes.passwordClear')}
        />
      )}
    </Stack>
  );
}

function TlsSelect({
  name,
  value,
  onChange,
  fe,
}: {
  name: string;
  value: string;
  onChange: (v: In['tls']) => void;
  fe: Fe;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      select
      label={t('admin.mailboxes.tls')}
      value={value}
      onChange={(e) => onChange(e.target.value as In['tls'])}
      {...fe.field(name)}
      sx={{ flex: 1 }}
    >
      {TLS_MODES.map((m) => (
        <MenuItem key={m} value={m}>
          {t(`admin.mailboxes.tls_${m}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}

export function InboundFields({ v, set, fe, saved }: { v: In; set: (p: Partial<In>) => void; fe: Fe; saved: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const port = defaultInboundPort(v.protocol, v.tls);
  const on = v.protocol !== 'none';
  return (
    <>
      <TextField
        select
        label={t('admin.mailboxes.protocol')}
        value={v.protocol}
        onChange={(e) => set({ protocol: e.target.value as In['protocol'] })}
        {...fe.field('inbound.protocol')}
      >
        {PROTOCOLS.map((p) => (
          <MenuItem key={p} value={p}>
            {t(`admin.mailboxes.protocol_${p}`)}
          </MenuItem>
        ))}
      </TextField>
      {on && (
        <>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              label={t('admin.mailboxes.host')}
              value={v.host}
              onChange={(e) => set({ host: e.target.value })}
              {...fe.field('inbound.host')}
              slotProps={ltr}
              sx={{ flex: 2 }}
            />
            <NumberField
              label={t('admin.mailboxes.port')}
              value={v.port}
              placeholder={port ? f.digits(String(port)) : undefined}
              onChange={(p) => set({ port: p })}
              {...fe.field('inbound.port', t('admin.mailboxes.portHint'))}
              slotProps={{ inputLabel: { shrink: true } }}
              sx={{ flex: 1 }}
            />
            <TlsSelect name="inbound.tls" value={v.tls} onChange={(tls) => set({ tls })} fe={fe} />
          </Stack>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              label={t('admin.mailboxes.username')}
              value={v.username}
              autoComplete="off"
              onChange={(e) => set({ username: e.target.value })}
              {...fe.field('inbound.username')}
              slotProps={ltr}
              sx={{ flex: 1 }}
            />
            <Secret
              name="inbound.password"
              label={t('admin.mailboxes.password')}
              value={v.password}
              clear={v.clearPassword}
              saved={saved}
              onChange={(password) => set({ password })}
              onClear={(clearPassword) => set({ clearPassword, password: '' })}
              fe={fe}
            />
          </Stack>
          {v.protocol === 'imap' && (
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                label={t('admin.mailboxes.folder')}
                value={v.folder}
                onChange={(e) => set({ folder: e.target.value })}
                {...fe.field('inbound.folder')}
                slotProps={ltr}
                sx={{ flex: 1 }}
              />
              <TextField
                select
                label={t('admin.mailboxes.afterFetch')}
                value={v.afterFetch}
                onChange={(e) => set({ afterFetch: e.target.value as In['afterFetch'] })}
                {...fe.field('inbound.afterFetch')}
                sx={{ flex: 1 }}
              >
                <MenuItem value="seen">{t('admin.mailboxes.afterFetch_seen')}</MenuItem>
                <MenuItem value="move">{t('admin.mailboxes.afterFetch_move')}</MenuItem>
              </TextField>
              {v.afterFetch === 'move' && (
                <TextField
                  label={t('admin.mailboxes.moveToFolder')}
                  value={v.moveToFolder}
                  onChange={(e) => set({ moveToFolder: e.target.value })}
                  {...fe.field('inbound.moveToFolder')}
                  slotProps={ltr}
                  sx={{ flex: 1 }}
                />
              )}
            </Stack>
          )}
        </>
      )}
    </>
  );
}

export function OutboundFields({
  v,
  set,
  fe,
  saved,
}: {
  v: Out;
  set: (p: Partial<Out>) => void;
  fe: Fe;
  saved: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          required
          label={t('admin.mailboxes.host')}
          value={v.host}
          onChange={(e) => set({ host: e.target.value })}
          {...fe.field('outbound.host')}
          slotProps={ltr}
          sx={{ flex: 2 }}
        />
        <NumberField
          label={t('admin.mailboxes.port')}
          value={v.port}
          placeholder={f.digits(String(defaultOutboundPort(v.tls)))}
          onChange={(p) => set({ port: p })}
          {...fe.field('outbound.port', t('admin.mailboxes.portHint'))}
          slotProps={{ inputLabel: { shrink: true } }}
          sx={{ flex: 1 }}
        />
        <TlsSelect name="outbound.tls" value={v.tls} onChange={(tls) => set({ tls })} fe={fe} />
      </Stack>
      <LabelledSwitch
        label={t('admin.mailboxes.auth')}
        checked={v.auth}
        onChange={(auth) => set({ auth })}
        error={fe.fields['outbound.auth']}
      />
      {v.auth && (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            label={t('admin.mailboxes.username')}
            value={v.username}
            autoComplete="off"
            onChange={(e) => set({ username: e.target.value })}
            {...fe.field('outbound.username')}
            slotProps={ltr}
            sx={{ flex: 1 }}
          />
          <Secret
            name="outbound.password"
            label={t('admin.mailboxes.password')}
            value={v.password}
            clear={v.clearPassword}
            saved={saved}
            onChange={(password) => set({ password })}
            onClear={(clearPassword) => set({ clearPassword, password: '' })}
            fe={fe}
          />
        </Stack>
      )}
    </>
  );
}
