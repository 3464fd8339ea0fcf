import { useEffect, useRef, useState } from 'react';
import { InputAdornment, TextField } from '@mui/material';
import Search from '@mui/icons-material/Search';
import { autoDirInput } from '../../../ui/UserText';

export const SEARCH_DELAY_MS = 350;

/** The help centre's search box: reports what was typed once typing pauses (at once on Enter). */
export function HelpSearchBox({
  value,
  onSearch,
  label,
}: {
  value: string;
  onSearch: (q: string) => void;
  label: string;
}) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  const report = useRef(onSearch);
  report.current = onSearch;
  // The address may change under us (back button): follow it.
  useEffect(() => {
    committed.current = value;
    setText(value);
  }, [value]);
  useEffect(() => {
    if (text.trim() === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = text.trim();
      report.current(text.trim());
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <TextField
      type="search"
      fullWidth
      label={label}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && text.trim() !== committed.current) {
          committed.current = text.trim();
          report.current(text.trim());
        }
      }}
      slotProps={{
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <Search />
            </InputAdornment>
          ),
        },
        htmlInput: { ...autoDirInput, maxLength: 200, 'data-testid': 'help-search' },
      }}
      sx={{ bgcolor: 'background.paper' }}
    />
  );
}
