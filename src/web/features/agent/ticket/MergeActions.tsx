import { useState } from 'react';
import { Button } from '@mui/material';
import CallMerge from '@mui/icons-material/CallMerge';
import AddLink from '@mui/icons-material/AddLink';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../../app/session';
import { LinkDialog } from './LinkDialog';
import { MergeDialog } from './MergeDialog';
import type { TTicket } from './types';

/** K9: "Merge into…" and "Link…" among the ticket's actions (tickets.edit; not on a merged or deleted ticket). */
export function MergeActions({ ticket }: { ticket: TTicket }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [open, setOpen] = useState<'merge' | 'link' | null>(null);
  if (!can(me, 'tickets.edit') || ticket.deleted || ticket.mergedInto !== null) return null;
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<CallMerge />}
        onClick={() => setOpen('merge')}
        disabled={ticket.status === 'locked'}
        data-testid="merge-open"
      >
        {t('merge.action')}
      </Button>
      <Button variant="outlined" startIcon={<AddLink />} onClick={() => setOpen('link')} data-testid="link-open">
        {t('merge.linkAction')}
      </Button>
      {open === 'merge' && <MergeDialog ticket={ticket} onClose={() => setOpen(null)} />}
      {open === 'link' && <LinkDialog ticket={ticket} onClose={() => setOpen(null)} />}
    </>
  );
}
