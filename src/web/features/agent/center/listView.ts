import type { RefObject } from 'react';
import type { ItemOf } from '../../../app/api';
import type { Change } from './useLiveChanges';

type TTicketListItem = ItemOf<'listTickets'>;

/** What both presentations of the queue (table and cards) take. */
export interface ListViewProps {
  items: TTicketListItem[];
  selected: Set<number>;
  canSelect: boolean;
  onToggle: (n: number) => void;
  onToggleAll: () => void;
  focusIndex: number;
  onFocusRow: (i: number) => void;
  changes: Map<number, { kind: Change; at: number }>;
  now: number;
  /** The subject links, so the keyboard can move the real focus from row to row. */
  linkRefs: RefObject<Array<HTMLAnchorElement | null>>;
}
