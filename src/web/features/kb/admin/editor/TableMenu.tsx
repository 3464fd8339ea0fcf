import { useState } from 'react';
import { Divider, ListItemText, Menu, MenuItem } from '@mui/material';
import TableChartOutlined from '@mui/icons-material/TableChartOutlined';
import type { Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { ToolButton } from './ToolButton';
import type { ToolbarState } from './toolbarState';

type TableAction =
  | 'addRowBefore'
  | 'addRowAfter'
  | 'deleteRow'
  | 'addColumnBefore'
  | 'addColumnAfter'
  | 'deleteColumn'
  | 'toggleHeaderRow'
  | 'deleteTable';

const GROUPS: TableAction[][] = [
  ['addRowBefore', 'addRowAfter', 'deleteRow'],
  ['addColumnBefore', 'addColumnAfter', 'deleteColumn'],
  ['toggleHeaderRow', 'deleteTable'],
];

/** Inserts a table (3×3 with a header row), and inside one adds or removes rows and columns. */
export function TableMenu({ editor, s }: { editor: Editor; s: ToolbarState }) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const run = (action: 'insertTable' | TableAction) => {
    setAnchor(null);
    const chain = editor.chain().focus();
    if (action === 'insertTable') chain.insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run();
    else chain[action]().run();
  };
  return (
    <>
      <ToolButton
        name="table"
        label={t('editor.table')}
        icon={<TableChartOutlined />}
        active={s.inTable}
        popup="menu"
        onClick={(e) => setAnchor(e.currentTarget)}
      />
      <Menu
        anchorEl={anchor}
        open={!!anchor}
        onClose={() => setAnchor(null)}
        disableRestoreFocus
        slotProps={{ list: { dense: true, 'aria-label': t('editor.table') } as object }}
      >
        <MenuItem disabled={s.inTable} onClick={() => run('insertTable')} data-testid="kb-table-insertTable">
          <ListItemText>{t('editor.table_insertTable')}</ListItemText>
        </MenuItem>
        {GROUPS.flatMap((group, i) => [
          <Divider key={`d${i}`} />,
          ...group.map((action) => (
            <MenuItem key={action} disabled={!s.inTable} onClick={() => run(action)} data-testid={`kb-table-${action}`}>
              <ListItemText>{t(`editor.table_${action}`)}</ListItemText>
            </MenuItem>
          )),
        ])}
      </Menu>
    </>
  );
}
