import { useEffect, useState, type RefObject } from 'react';
import { Button, Tooltip } from '@mui/material';
import QuickreplyOutlined from '@mui/icons-material/QuickreplyOutlined';
import { useTranslation } from 'react-i18next';
import type { RichEditorHandle } from '../../ui/RichEditor';
import { CannedPickerDialog } from './CannedPickerDialog';

type Opened = 'button' | 'slash';

/**
 * K6 in the reply box: the "canned responses" button and "/" at the start of a word open the
 * picker; the chosen response, filled for the ticket, goes in at the cursor (in place of the "/").
 */
export function useCannedReplyTools({
  ticketNumber,
  departmentId,
  editor,
  append,
}: {
  ticketNumber: number;
  departmentId?: string;
  editor: RefObject<RichEditorHandle | null>;
  /** While the editor is still loading: add the HTML at the end instead. */
  append: (html: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Opened | null>(null);
  // What to do once the picker is gone (its focus trap would pull the keyboard back before):
  // insert the chosen text, or just give the editor the keyboard again.
  const [after, setAfter] = useState<{ html: string | null; from: Opened } | null>(null);
  useEffect(() => {
    if (open || !after) return;
    setAfter(null);
    const target = editor.current;
    if (after.html === null) target?.focus();
    else if (target) target.insertHtml(after.html, { replaceSlash: after.from === 'slash' });
    else append(after.html);
  }, [open, after, editor, append]);
  const button = (
    <Tooltip title={t('canned.buttonHint')} describeChild>
      <Button
        size="small"
        startIcon={<QuickreplyOutlined />}
        onClick={() => setOpen('button')}
        data-testid="canned-open"
        sx={{ mb: 1 }}
      >
        {t('canned.button')}
      </Button>
    </Tooltip>
  );
  const dialog = open && (
    <CannedPickerDialog
      ticketNumber={ticketNumber}
      departmentId={departmentId}
      onClose={() => {
        setAfter({ html: null, from: open });
        setOpen(null);
      }}
      onPick={(html) => {
        setAfter({ html, from: open });
        setOpen(null);
      }}
    />
  );
  return { button, dialog, onSlash: () => setOpen('slash') };
}
