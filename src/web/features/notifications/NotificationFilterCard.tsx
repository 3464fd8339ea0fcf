import { useState } from 'react';
import {
  Alert,
  Box,
  Card,
  CardContent,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type ItemOf } from '../../app/api';
import { fieldErrors } from '../../ui/form';
import { useFormat } from '../../ui/format';
import { QueryView } from '../../ui/states';
import { UserPicker } from '../admin/UserPicker';
import { SaveForm } from './SaveForm';
import { SETTINGS_KEY, useNotificationSettings, type NotificationSettings } from './settings-queries';

type User = ItemOf<'listUsers'>;
type Mode = NotificationSettings['filter']['mode'];
const MODES: Mode[] = ['all', 'blacklist', 'whitelist'];
const peopleKey = (ids: string[]) => [...SETTINGS_KEY, 'filter-people', ids] as const;

/** The chosen people by id, read once (one request each; a list holds a few customers). */
async function peopleById(ids: string[]): Promise<{ found: User[]; missing: string[] }> {
  const got = await Promise.allSettled(ids.map((id) => call('getUser', { path: { id } })));
  const found: User[] = [];
  const missing: string[] = [];
  got.forEach((r, i) => (r.status === 'fulfilled' ? found.push(r.value) : missing.push(ids[i])));
  return { found, missing };
}

/**
 * Seed 004, the agents' notification filter: hear of every customer, of all but the chosen
 * (blacklist), or only of the chosen (whitelist; an empty one silences every customer). It is
 * about who caused the event: customers and guests; what staff do is never filtered.
 */
export function NotificationFilterCard() {
  const { t } = useTranslation();
  const settings = useNotificationSettings();
  const [saved, setSaved] = useState(false);
  const ids = settings.data?.filter.userIds ?? [];
  const people = useQuery({
    queryKey: peopleKey(ids),
    queryFn: () => peopleById(ids),
    enabled: !!settings.data,
    staleTime: Infinity,
  });
  const both = {
    data: settings.data && people.data ? { settings: settings.data, people: people.data } : undefined,
    isPending: settings.isPending || people.isPending,
    isError: settings.isError || people.isError,
    error: settings.error ?? people.error,
    refetch: () => (settings.isError ? settings.refetch() : people.refetch()),
  };
  return (
    <Card
      variant="outlined"
      component="section"
      aria-labelledby="notification-filter-title"
      data-testid="notification-filter"
    >
      <CardContent>
        <Typography variant="h6" component="h2" id="notification-filter-title">
          {t('notifyFilter.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, mb: 2 }}>
          {t('notifyFilter.intro')}
        </Typography>
        <QueryView query={both} rows={3}>
          {(data) => (
            <FilterForm
              key={`${data.settings.filter.mode}:${data.settings.filter.userIds.join()}`}
              mode={data.settings.filter.mode}
              people={data.people.found}
              missing={data.people.missing}
              saved={saved}
              setSaved={setSaved}
            />
          )}
        </QueryView>
      </CardContent>
    </Card>
  );
}

function FilterForm({
  mode: savedMode,
  people,
  missing,
  saved: done,
  setSaved: setDone,
}: {
  mode: Mode;
  people: User[];
  missing: string[];
  saved: boolean;
  setSaved: (v: boolean) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [mode, setMode] = useState<Mode>(savedMode);
  const [chosen, setChosen] = useState<User[]>(people);
  // The saved filter replaces the form (it is keyed by it): the people it names are known
  // already, so they are put in the cache first and the form comes back without a reload.
  const save = useMutation({
    mutationFn: (filter: NotificationSettings['filter']) => call('updateNotificationSettings', { body: { filter } }),
    onSuccess: (next) => {
      const kept = next.filter.userIds;
      qc.setQueryData(peopleKey(kept), {
        found: chosen.filter((u) => kept.includes(u.id)),
        missing: kept.filter((id) => !chosen.some((u) => u.id === id)),
      });
      qc.setQueryData(SETTINGS_KEY, next);
      setDone(true);
    },
  });
  const fe = fieldErrors(save.error);
  const ids = [...chosen.map((u) => u.id), ...missing];
  const dirty =
    mode !== savedMode || chosen.length !== people.length || chosen.some((u) => !people.some((p) => p.id === u.id));

  return (
    <SaveForm
      onSave={() => save.mutate({ mode, userIds: ids })}
      error={save.error}
      shown={['filter.userIds']}
      saved={done && !save.isPending}
      savedText={t('notifyFilter.saved', { mode: t(`notifyFilter.modes.${mode}`) })}
      onDismiss={() => setDone(false)}
      dirty={dirty}
      saving={save.isPending}
      testId="filter"
    >
      <FormControl>
        <FormLabel id="filter-mode-label">{t('notifyFilter.mode')}</FormLabel>
        <RadioGroup
          aria-labelledby="filter-mode-label"
          value={mode}
          onChange={(e) => (setDone(false), setMode(e.target.value as Mode))}
        >
          {MODES.map((m) => (
            <FormControlLabel
              key={m}
              value={m}
              control={<Radio slotProps={{ input: { 'data-testid': `filter-mode-${m}` } as object }} />}
              sx={{ alignItems: 'flex-start', my: 0.5 }}
              label={
                <Box sx={{ pt: 1 }}>
                  <Typography variant="body1">{t(`notifyFilter.modes.${m}`)}</Typography>
                  <Typography variant="body2" color="text.secondary">
                    {t(`notifyFilter.hints.${m}`)}
                  </Typography>
                </Box>
              }
            />
          ))}
        </RadioGroup>
      </FormControl>
      {mode !== 'all' && (
        <Stack spacing={1} sx={{ mt: 2 }} data-testid="filter-people">
          <UserPicker
            multiple
            role="customer"
            label={mode === 'blacklist' ? t('notifyFilter.pickBlack') : t('notifyFilter.pickWhite')}
            value={chosen}
            onChange={(v) => (setDone(false), setChosen(v))}
            {...fe.field('filter.userIds', t('notifyFilter.pickHint'))}
          />
          {missing.length > 0 && (
            <Typography variant="caption" color="text.secondary">
              {t('notifyFilter.missing', { count: missing.length, n: f.number(missing.length) })}
            </Typography>
          )}
          {mode === 'whitelist' && ids.length === 0 && (
            <Alert severity="warning" data-testid="filter-empty-whitelist">
              {t('notifyFilter.emptyWhitelist')}
            </Alert>
          )}
        </Stack>
      )}
    </SaveForm>
  );
}
