import { useState } from 'react';
import { Box, Button, Chip, Stack, Typography } from '@mui/material';
import Add from '@mui/icons-material/Add';
import AttachFile from '@mui/icons-material/AttachFile';
import ChatBubbleOutline from '@mui/icons-material/ChatBubbleOutline';
import TimerOutlined from '@mui/icons-material/TimerOutlined';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { isolate, UserText } from '../../../ui/UserText';
import type { Calendar } from '../calendars/model';
import { CrudTable, type Column } from '../CrudTable';
import type { Department } from '../types';
import { ItemErrors } from './ItemErrors';
import { newTransition, type StatusDraft, type TransitionDraft } from './model';
import { TransitionDialog } from './TransitionDialog';

/** E2: a workflow's transitions (the buttons that move a request on), each edited in a dialog. */
export function TransitionList({
  transitions,
  statuses,
  errors,
  listError,
  departments,
  calendars,
  fieldKeys,
  onSave,
  onRemove,
}: {
  transitions: TransitionDraft[];
  statuses: StatusDraft[];
  errors: Record<string, Record<string, string>>;
  listError?: string;
  departments: Department[];
  calendars: Calendar[];
  fieldKeys: Array<{ key: string; label: string }>;
  onSave: (transition: TransitionDraft) => void;
  onRemove: (transition: TransitionDraft) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [editing, setEditing] = useState<{ transition: TransitionDraft; isNew: boolean } | null>(null);
  const nameOf = (x: TransitionDraft) => x.name || x.id;
  const statusName = (key: string) => {
    const s = statuses.find((x) => x.key === key);
    return s ? s.name || s.key : key;
  };
  const transitionName = (id: string) => {
    const x = transitions.find((o) => o.id === id);
    return x ? nameOf(x) : id;
  };
  const indexOf = (x: TransitionDraft) => transitions.findIndex((o) => o.uid === x.uid);
  const add = () => {
    let n = transitions.length + 1;
    while (transitions.some((x) => x.id === `step_${n}`)) n++;
    setEditing({ transition: newTransition(n, statuses), isNew: true });
  };
  const workingTime = (x: TransitionDraft) => {
    const total = Number(x.timer?.hours || 0) * 60 + Number(x.timer?.minutes || 0);
    const h = Math.floor(total / 60);
    const m = total % 60;
    return m === 0
      ? t('admin.catalogue.workingHours', { n: f.number(h) })
      : t('admin.catalogue.workingHoursMinutes', { h: f.number(h), m: f.number(m) });
  };

  const columns: Column<TransitionDraft>[] = [
    {
      key: 'name',
      header: t('admin.catalogue.transitionName'),
      render: (x) => (
        <Stack spacing={0.25} data-testid={`transition-${indexOf(x)}`}>
          <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
            <UserText>{nameOf(x)}</UserText>
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {t('admin.catalogue.path', {
              from: x.from.map((k) => isolate(statusName(k))).join(t('admin.catalogue.listSeparator')),
              to: isolate(statusName(x.to)),
            })}
          </Typography>
          <ItemErrors errors={[errors[x.uid], ...x.actions.map((a) => errors[a.uid])]} />
        </Stack>
      ),
    },
    { key: 'who', header: t('admin.catalogue.who'), render: (x) => t(`admin.catalogue.whoOptions.${x.who}`) },
    {
      key: 'rules',
      header: t('admin.catalogue.rules'),
      render: (x) =>
        !x.needsComment && !x.needsAttachment && !x.timer && !x.actions.length ? (
          '—'
        ) : (
          <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {x.needsComment && (
              <Chip
                size="small"
                variant="outlined"
                icon={<ChatBubbleOutline />}
                label={t('admin.catalogue.commentChip')}
              />
            )}
            {x.needsAttachment && (
              <Chip size="small" variant="outlined" icon={<AttachFile />} label={t('admin.catalogue.attachmentChip')} />
            )}
            {x.timer && (
              <Chip
                size="small"
                variant="outlined"
                color="warning"
                icon={<TimerOutlined />}
                data-testid="transition-timer-chip"
                // The whole of it, on two lines if need be (the expiry's name can be long).
                sx={{ height: 'auto', py: 0.25, '& .MuiChip-label': { whiteSpace: 'normal' } }}
                label={t('admin.catalogue.timerChip', {
                  time: workingTime(x),
                  name: isolate(transitionName(x.timer.onExpiry)),
                })}
              />
            )}
            {x.actions.length > 0 && (
              <Chip
                size="small"
                variant="outlined"
                label={t('admin.catalogue.actionCount', { count: x.actions.length, n: f.number(x.actions.length) })}
              />
            )}
          </Stack>
        ),
    },
  ];

  return (
    <Stack spacing={1.5}>
      {listError && (
        <Typography variant="body2" color="error" role="alert">
          {listError}
        </Typography>
      )}
      {transitions.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('admin.catalogue.noTransitions')}
        </Typography>
      ) : (
        <CrudTable
          rows={transitions}
          columns={columns}
          getId={(x) => x.uid}
          rowName={nameOf}
          caption={t('admin.catalogue.transitionsTitle')}
          onEdit={(x) => setEditing({ transition: x, isNew: false })}
          onDelete={onRemove}
          actionTestId={(x, a) => `transition-${indexOf(x)}-${a === 'edit' ? 'edit' : 'remove'}`}
        />
      )}
      <Box>
        <Button
          variant="outlined"
          startIcon={<Add />}
          onClick={add}
          disabled={statuses.length === 0}
          data-testid="transition-add"
        >
          {t('admin.catalogue.addTransition')}
        </Button>
      </Box>
      {editing && (
        <TransitionDialog
          transition={editing.transition}
          isNew={editing.isNew}
          statuses={statuses}
          others={transitions.filter((x) => x.uid !== editing.transition.uid)}
          errors={errors}
          departments={departments}
          calendars={calendars}
          fieldKeys={fieldKeys}
          onClose={() => setEditing(null)}
          onSave={(next) => {
            onSave(next);
            setEditing(null);
          }}
        />
      )}
    </Stack>
  );
}
