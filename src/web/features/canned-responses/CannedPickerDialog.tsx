import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  InputAdornment,
  List,
  ListItemButton,
  ListItemText,
  Stack,
  TextField,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import Search from '@mui/icons-material/Search';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { call } from '../../app/api';
import { FormError } from '../../ui/form';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { autoDirInput } from '../../ui/UserText';
import { useDebounced } from '../kb/public/useDebounced';
import { plainPreview } from './preview';

/**
 * K6: finds a canned response for the ticket's department and hands back its body filled for the
 * ticket. Keyboard: type to search, ↑/↓ to move, Enter to insert, Esc to close.
 */
export function CannedPickerDialog({
  ticketNumber,
  departmentId,
  initialQuery = '',
  onPick,
  onClose,
}: {
  ticketNumber: number;
  departmentId?: string;
  initialQuery?: string;
  onPick: (html: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const listId = useId();
  const [text, setText] = useState(initialQuery);
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), 200);
  const found = useQuery({
    queryKey: ['canned-responses', 'pick', { q, departmentId }],
    queryFn: ({ signal }) =>
      call('listCannedResponses', {
        query: { ...(q ? { q } : {}), ...(departmentId ? { departmentId } : {}), pageSize: 20 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const items = found.data?.items ?? [];
  useEffect(() => setActive(0), [q]);
  const render = useMutation({
    mutationFn: (id: string) =>
      call('renderCannedResponse', { path: { id }, query: { ticketNumber: String(ticketNumber) } }),
    onSuccess: (r) => onPick(r.body),
  });
  const pick = (i: number) => {
    const item = items[i];
    if (item && !render.isPending) render.mutate(item.id);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!items.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + items.length) % items.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(active);
    }
  };
  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      fullScreen={phone}
      aria-labelledby="canned-picker-title"
      // The reply box puts the keyboard back in the editor itself, after inserting.
      disableRestoreFocus
    >
      <DialogTitle id="canned-picker-title">{t('canned.pickTitle')}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          type="search"
          size="small"
          label={t('canned.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          sx={{ mt: 1 }}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <Search fontSize="small" />
                </InputAdornment>
              ),
            },
            htmlInput: {
              ...autoDirInput,
              maxLength: 200,
              role: 'combobox',
              'aria-expanded': items.length > 0,
              'aria-controls': listId,
              'aria-autocomplete': 'list',
              'aria-activedescendant': items.length ? optionId(active) : undefined,
              'data-testid': 'canned-search',
            },
          }}
        />
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          {t('canned.keysHint')}
        </Typography>
        <FormError error={render.error} />
        <Box sx={{ mt: 1, minHeight: 200 }} aria-busy={found.isFetching || render.isPending || undefined}>
          {found.isPending ? (
            <Loading rows={3} />
          ) : found.isError ? (
            <ErrorState error={found.error} onRetry={() => void found.refetch()} />
          ) : !items.length ? (
            <EmptyState title={q ? t('canned.noResults') : t('canned.emptyPick')} hint={t('canned.emptyPickHint')} />
          ) : (
            <List dense id={listId} role="listbox" aria-label={t('canned.pickTitle')} data-testid="canned-results">
              {items.map((c, i) => (
                <ListItemButton
                  key={c.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  selected={i === active}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => pick(i)}
                  data-testid="canned-option"
                >
                  <ListItemText
                    primary={
                      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                        <bdi dir="auto">{c.title}</bdi>
                        {c.shortcut && (
                          <Chip size="small" variant="outlined" label={<bdi dir="auto">/{c.shortcut}</bdi>} />
                        )}
                        {!c.shared && (
                          <Chip size="small" color="info" variant="outlined" label={t('canned.personal')} />
                        )}
                      </Stack>
                    }
                    secondary={<bdi dir="auto">{plainPreview(c.body, 140)}</bdi>}
                  />
                </ListItemButton>
              ))}
            </List>
          )}
        </Box>
      </DialogContent>
      <DialogActions sx={{ justifyContent: 'space-between' }}>
        <Button component={RouterLink} to="/agent/canned-responses" onClick={onClose}>
          {t('canned.manage')}
        </Button>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
      </DialogActions>
    </Dialog>
  );
}
