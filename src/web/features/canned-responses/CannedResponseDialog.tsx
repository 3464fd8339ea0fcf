import { useRef, useState } from 'react';
import { Alert, Autocomplete, Box, Chip, Stack, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../app/api';
import { fieldErrors } from '../../ui/form';
import { RichEditor, type RichEditorHandle } from '../../ui/RichEditor';
import { autoDirInput, isolate } from '../../ui/UserText';
import { EntityDialog } from '../admin/EntityDialog';
import { LabelledSwitch } from '../admin/LabelledSwitch';
import { useDepartmentsLookup } from '../admin/lookups';
import type { CannedBody, CannedResponse } from './types';

/** The placeholders the server fills (CANNED_PLACEHOLDERS in src/contracts/canned-responses.ts). */
const PLACEHOLDERS = [
  'ticket.number',
  'ticket.subject',
  'ticket.department',
  'requester.name',
  'requester.email',
  'agent.name',
  'workspace.name',
] as const;

/** K6: create or change a canned response; read-only for a shared one the person may not manage. */
export function CannedResponseDialog({
  response,
  manager,
  onClose,
  onSaved,
}: {
  response: CannedResponse | null;
  /** May write shared responses (admin or canned.manage). */
  manager: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const readOnly = !!response && !response.canEdit;
  const [title, setTitle] = useState(response?.title ?? '');
  const [shortcut, setShortcut] = useState(response?.shortcut ?? '');
  const [body, setBody] = useState(response?.body ?? '');
  const [shared, setShared] = useState(response?.shared ?? manager);
  const [departmentIds, setDepartmentIds] = useState<string[]>(response?.departmentIds ?? []);
  const departments = useDepartmentsLookup();
  const editor = useRef<RichEditorHandle>(null);
  const save = useMutation({
    mutationFn: () => {
      const input: CannedBody = {
        title: title.trim(),
        body,
        shortcut: shortcut.trim() || null,
        departmentIds,
        shared,
      };
      return response
        ? call('updateCannedResponse', { path: { id: response.id }, body: input })
        : call('createCannedResponse', { body: input });
    },
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  const fe = fieldErrors(save.error);
  const options = departments.data?.items ?? [];
  return (
    <EntityDialog
      open
      wide
      title={response ? t('canned.editTitle', { name: isolate(response.title) }) : t('canned.new')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      shown={['title', 'shortcut', 'body', 'shared', 'departmentIds']}
      disabled={readOnly}
    >
      {readOnly && <Alert severity="info">{t('canned.readOnly')}</Alert>}
      <TextField
        required
        autoFocus
        label={t('canned.titleField')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        disabled={readOnly}
        {...fe.field('title')}
        slotProps={{ htmlInput: { ...autoDirInput, maxLength: 200, 'data-testid': 'canned-title' } }}
      />
      <TextField
        label={t('canned.shortcut')}
        value={shortcut}
        onChange={(e) => setShortcut(e.target.value)}
        disabled={readOnly}
        {...fe.field('shortcut', t('canned.shortcutHint'))}
        slotProps={{
          input: {
            startAdornment: (
              <Box component="span" sx={{ color: 'text.secondary', pe: 0.5 }}>
                /
              </Box>
            ),
          },
          htmlInput: { ...autoDirInput, maxLength: 40, 'data-testid': 'canned-shortcut' },
        }}
      />
      <Box data-testid="canned-body">
        <RichEditor
          value={body}
          onChange={setBody}
          label={t('canned.body')}
          minHeight={140}
          handleRef={editor}
          {...fe.field('body')}
        />
      </Box>
      {!readOnly && (
        <Stack spacing={0.5}>
          <Typography variant="caption" color="text.secondary">
            {t('canned.placeholdersHint')}
          </Typography>
          <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 0.5 }}>
            {PLACEHOLDERS.map((p) => (
              <Chip
                key={p}
                size="small"
                variant="outlined"
                label={t(`canned.ph.${p.replace('.', '_')}`)}
                title={`{{${p}}}`}
                onClick={() => editor.current?.insertHtml(`{{${p}}}`)}
                data-testid={`canned-ph-${p}`}
              />
            ))}
          </Stack>
        </Stack>
      )}
      <LabelledSwitch
        label={t('canned.sharedSwitch')}
        checked={shared}
        onChange={setShared}
        disabled={readOnly || !manager}
        hint={manager ? t('canned.sharedHint') : t('canned.sharedManagersOnly')}
        error={fe.fields.shared}
        testId="canned-shared"
      />
      <Autocomplete
        multiple
        options={options}
        getOptionLabel={(o) => o.name}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        value={options.filter((d) => departmentIds.includes(d.id))}
        onChange={(_, v) => setDepartmentIds(v.map((d) => d.id))}
        loading={departments.isPending}
        disabled={readOnly}
        noOptionsText={t('admin.common.noMatches')}
        renderInput={(p) => (
          <TextField
            {...p}
            label={t('canned.departments')}
            {...fe.field('departmentIds', t('canned.departmentsHint'))}
            slotProps={{ htmlInput: { ...p.inputProps, dir: 'auto' } }}
          />
        )}
        data-testid="canned-departments"
      />
    </EntityDialog>
  );
}
