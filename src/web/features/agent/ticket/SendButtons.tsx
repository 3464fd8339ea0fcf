import { useId, useRef, useState } from 'react';
import { Box, Button, ButtonGroup, Menu, MenuItem, Stack, Typography } from '@mui/material';
import ArrowDropDown from '@mui/icons-material/ArrowDropDown';
import Send from '@mui/icons-material/Send';
import { useTranslation } from 'react-i18next';
import type { TStatus } from './types';

interface Props {
  note: boolean;
  disabled: boolean;
  sending: boolean;
  /** Something is written: it is kept as a draft and may be discarded. */
  hasDraft: boolean;
  onSend: (statusAfter: TStatus) => void;
  onDiscard: () => void;
}

/** The less common statuses after a reply, one menu away. */
const MORE: TStatus[] = ['active', 'locked'];

/**
 * C9: one click sends and sets the ticket pending (waiting for the customer: the default, also
 * Ctrl+Enter), one click sends and closes; the other statuses are in the menu beside them.
 */
export function SendButtons({ note, disabled, sending, hasDraft, onSend, onDiscard }: Props) {
  const { t, i18n } = useTranslation();
  const [menu, setMenu] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const icon = <Send sx={{ transform: i18n.dir() === 'rtl' ? 'scaleX(-1)' : undefined }} />;
  return (
    <Stack
      direction="row"
      useFlexGap
      data-send-row
      sx={{ mt: 2, gap: 1, alignItems: 'center', flexWrap: 'wrap', scrollMarginBottom: 16 }}
    >
      {hasDraft && (
        <Stack direction="row" useFlexGap sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="caption" color="text.secondary" data-testid="reply-draft-saved">
            {t('ticket.draft.saved')}
          </Typography>
          <Button size="small" color="inherit" onClick={onDiscard} data-testid="reply-discard">
            {t('ticket.draft.discard')}
          </Button>
        </Stack>
      )}
      <Box sx={{ flexGrow: 1 }} />
      <Stack
        direction="row"
        useFlexGap
        sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap', justifyContent: 'flex-end' }}
      >
        {note ? (
          <Button
            type="submit"
            variant="contained"
            color="warning"
            startIcon={icon}
            disabled={disabled}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            data-testid="reply-submit"
          >
            {sending ? t('ticket.sending') : t('ticket.sendNote')}
          </Button>
        ) : (
          <>
            <Button
              variant="outlined"
              onClick={() => onSend('closed')}
              disabled={disabled}
              aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
              data-testid="reply-submit-close"
            >
              {t('ticket.sendAs.closed')}
            </Button>
            <ButtonGroup variant="contained" ref={anchor} disabled={disabled}>
              <Button
                type="submit"
                startIcon={icon}
                aria-keyshortcuts="Control+Enter Meta+Enter"
                data-testid="reply-submit"
              >
                {sending ? t('ticket.sending') : t('ticket.sendAs.pending')}
              </Button>
              <Button
                size="small"
                aria-label={t('ticket.sendMore')}
                aria-haspopup="menu"
                aria-controls={menu ? menuId : undefined}
                aria-expanded={menu ? 'true' : undefined}
                onClick={() => setMenu(true)}
                data-testid="reply-send-more"
                sx={{ px: 0.5, minWidth: 0 }}
              >
                <ArrowDropDown />
              </Button>
            </ButtonGroup>
            <Menu id={menuId} anchorEl={anchor.current} open={menu} onClose={() => setMenu(false)}>
              {MORE.map((s) => (
                <MenuItem
                  key={s}
                  onClick={() => {
                    setMenu(false);
                    onSend(s);
                  }}
                  data-testid={`reply-send-${s}`}
                >
                  {t(`ticket.sendAs.${s}`)}
                </MenuItem>
              ))}
            </Menu>
          </>
        )}
      </Stack>
    </Stack>
  );
}
