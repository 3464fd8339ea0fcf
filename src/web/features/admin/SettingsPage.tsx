import { useState } from 'react';
import { Button, Paper, Stack, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { FormError, fieldErrors } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { QueryView } from '../../ui/states';
import { AdminPage } from './AdminPage';
import { Notice, useNotice } from './Notice';
import { toDraft, toPatch, type Draft } from './settings-form';
import { SettingsImages } from './SettingsImages';
import { SettingsSystem } from './SettingsSystem';
import { SettingsTickets } from './SettingsTickets';
import { SettingsCsat } from './SettingsCsat';
import type { SettingsData } from './types';

const KEY = ['admin', 'settings'];

/** J1, J2: every workspace setting; saving sends only what changed. */
export default function SettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: KEY, queryFn: () => call('getSettings') });
  return (
    <AdminPage title={t('admin.settings.pageTitle')} intro={t('admin.settings.intro')}>
      <QueryView query={settings} rows={8}>
        {(data) => <SettingsForm saved={data} />}
      </QueryView>
    </AdminPage>
  );
}

function SettingsForm({ saved }: { saved: SettingsData }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const n = useNotice();
  const f = useFormat();
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const changes = toPatch(draft, saved);
  const dirty = Object.keys(changes).length > 0;

  const save = useMutation({
    mutationFn: () => call('updateSettings', { body: changes }),
    onSuccess: (next) => {
      qc.setQueryData(KEY, next);
      setDraft(toDraft(next));
      void qc.invalidateQueries({ queryKey: ['public-settings'] });
      n.ok(t('admin.settings.savedNotice'));
    },
  });
  const fe = fieldErrors(save.error);
  const shown = Object.keys(fe.fields).filter(
    (k) => k.startsWith('allowedIps') || k.startsWith('contact.') || k.startsWith('csat.') || k in draft,
  );

  return (
    <Stack
      component="form"
      spacing={2}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (dirty && !save.isPending) save.mutate();
      }}
      sx={{ maxWidth: 900 }}
    >
      <FormError error={save.error} shown={shown} />
      <SettingsSystem draft={draft} set={set} fe={fe} images={<SettingsImages settings={saved} />} />
      <SettingsTickets draft={draft} set={set} fe={fe} />
      <SettingsCsat draft={draft} set={set} fe={fe} />
      <Paper
        elevation={3}
        sx={{
          position: 'sticky',
          bottom: 8,
          zIndex: 2,
          p: 1.5,
          display: 'flex',
          alignItems: 'center',
          gap: 2,
          flexWrap: 'wrap',
        }}
      >
        <Typography
          variant="body2"
          color={dirty ? 'text.primary' : 'text.secondary'}
          role="status"
          sx={{ flexGrow: 1 }}
        >
          {dirty
            ? t('admin.settings.unsaved', {
                count: Object.keys(changes).length,
                n: f.number(Object.keys(changes).length),
              })
            : t('admin.settings.noChanges')}
        </Typography>
        {dirty && (
          <Button onClick={() => (setDraft(toDraft(saved)), save.reset())} disabled={save.isPending}>
            {t('admin.settings.discard')}
          </Button>
        )}
        <Button
          type="submit"
          variant="contained"
          disabled={!dirty}
          loading={save.isPending}
          data-testid="settings-save"
        >
          {t('common.save')}
        </Button>
      </Paper>
      <Notice notice={n.notice} onClose={n.clear} />
    </Stack>
  );
}
