import { useState } from 'react';
import { Button, ListItemText, Menu, MenuItem, Tooltip } from '@mui/material';
import ArrowDropDown from '@mui/icons-material/ArrowDropDown';
import type { SxProps, Theme } from '@mui/material';
import { useTranslation } from 'react-i18next';

export interface ToolOption {
  value: string;
  label: string;
  sx?: SxProps<Theme>;
}

/**
 * A choice of the toolbar (block type, font, size) as a button and a menu: the editor keeps its
 * selection while it is open and gets the cursor back after (a select would keep the focus ring).
 */
export function ToolMenuSelect({
  name,
  label,
  value,
  shown,
  options,
  onPick,
  width,
}: {
  name: string;
  /** What is being chosen (the button's accessible name and tooltip). */
  label: string;
  value: string;
  /** The button's text for the current value. */
  shown: string;
  options: ToolOption[];
  onPick: (value: string) => void;
  width: number;
}) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <Tooltip title={label}>
        <Button
          size="small"
          color="inherit"
          variant="outlined"
          // The visible value is part of the name (WCAG 2.5.3), after what it chooses.
          aria-label={shown === label ? label : t('editor.toolValue', { label, value: shown })}
          aria-haspopup="menu"
          aria-expanded={!!anchor}
          endIcon={<ArrowDropDown />}
          onMouseDown={(e) => e.preventDefault()}
          onClick={(e) => setAnchor(e.currentTarget)}
          data-testid={`kb-tool-${name}`}
          sx={{
            width,
            justifyContent: 'space-between',
            fontWeight: 400,
            borderColor: 'divider',
            px: 1,
            '& .MuiButton-endIcon': { marginInlineStart: 0.25, marginInlineEnd: -0.5 },
          }}
        >
          <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{shown}</span>
        </Button>
      </Tooltip>
      <Menu
        anchorEl={anchor}
        open={!!anchor}
        onClose={() => setAnchor(null)}
        disableRestoreFocus
        slotProps={{ list: { dense: true, 'aria-label': label } as object }}
      >
        {options.map((o) => (
          <MenuItem
            key={o.value}
            selected={o.value === value}
            role="menuitemradio"
            aria-checked={o.value === value}
            onClick={() => {
              setAnchor(null);
              onPick(o.value);
            }}
            data-testid={`kb-${name}-${o.value || 'default'}`}
            sx={o.sx}
          >
            <ListItemText>{o.label}</ListItemText>
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
