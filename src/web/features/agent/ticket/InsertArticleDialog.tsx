import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  InputAdornment,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import Search from '@mui/icons-material/Search';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/api';
import { EmptyState, ErrorState, Loading } from '../../../ui/states';
import { autoDirInput } from '../../../ui/UserText';
import { useDebounced } from '../../kb/public/useDebounced';

export interface PickedArticle {
  title: string;
  slug: string;
}

/**
 * Finds an article of the knowledge base to link in the answer. Staff see internal articles too:
 * they are marked, and — with the hidden ones, which the help centre does not show — cannot be
 * linked in a reply to the customer (an internal note may link anything).
 */
export function InsertArticleDialog({
  forCustomer,
  onPick,
  onClose,
}: {
  forCustomer: boolean;
  onPick: (a: PickedArticle) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const found = useQuery({
    queryKey: ['kb', 'articles', 'pick', q],
    queryFn: ({ signal }) => call('listKbArticles', { query: { ...(q ? { q } : {}), pageSize: 10 }, signal }),
    placeholderData: keepPreviousData,
  });
  const items = found.data?.items ?? [];
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="insert-article-title">
      <DialogTitle id="insert-article-title">{t('kbLink.title')}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          type="search"
          size="small"
          label={t('kbLink.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          sx={{ mt: 1 }}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <Search fontSize="small" />
                </InputAdornment>
              ),
            },
            htmlInput: { ...autoDirInput, maxLength: 200, 'data-testid': 'insert-article-search' },
          }}
        />
        {forCustomer && (
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
            {t('kbLink.customerHint')}
          </Typography>
        )}
        <Box sx={{ mt: 1, minHeight: 200 }} aria-busy={found.isFetching || undefined}>
          {found.isPending ? (
            <Loading rows={3} />
          ) : found.isError ? (
            <ErrorState error={found.error} onRetry={() => void found.refetch()} />
          ) : !items.length ? (
            <EmptyState title={q ? t('kbLink.noResults') : t('kbLink.empty')} />
          ) : (
            <List dense data-testid="insert-article-results">
              {items.map((a) => {
                const blocked = forCustomer && (a.internal || !a.visible);
                return (
                  <ListItem key={a.id} disablePadding>
                    <ListItemButton
                      disabled={blocked}
                      onClick={() => onPick({ title: a.title, slug: a.slug })}
                      data-testid="insert-article-option"
                      data-internal={a.internal || undefined}
                    >
                      <ListItemText
                        primary={
                          <Stack direction="row" spacing={1} alignItems="center" useFlexGap sx={{ flexWrap: 'wrap' }}>
                            <bdi dir="auto">{a.title}</bdi>
                            {a.internal && (
                              <Chip size="small" color="warning" variant="outlined" label={t('kbLink.internal')} />
                            )}
                            {!a.visible && <Chip size="small" variant="outlined" label={t('kbLink.hidden')} />}
                          </Stack>
                        }
                        secondary={
                          blocked ? (
                            a.internal ? (
                              t('kbLink.internalBlocked')
                            ) : (
                              t('kbLink.hiddenBlocked')
                            )
                          ) : a.summary ? (
                            <bdi dir="auto">{a.summary}</bdi>
                          ) : undefined
                        }
                      />
                    </ListItemButton>
                  </ListItem>
                );
              })}
            </List>
          )}
        </Box>
        {!forCustomer && items.some((a) => a.internal) && (
          <Alert severity="info" sx={{ mt: 1 }}>
            {t('kbLink.noteHint')}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
      </DialogActions>
    </Dialog>
  );
}
