import { useEffect, useRef, useState } from 'react';
import { InputAdornment, TextField } from '@mui/material';
import Search from '@mui/icons-material/Search';
import { autoDirInput } from '../../ui/UserText';

/** A search box that reports what was typed once typing pauses. */
export function SearchField({
  label,
  onSearch,
  initial = '',
  testId,
}: {
  label: string;
  onSearch: (q: string) => void;
  initial?: string;
  testId?: string;
}) {
  const [value, setValue] = useState(initial);
  const last = useRef(initial.trim());
  const report = useRef(onSearch);
  report.current = onSearch;
  useEffect(() => {
    const id = setTimeout(() => {
      const q = value.trim();
      if (q !== last.current) {
        last.current = q;
        report.current(q);
      }
    }, 300);
    return () => clearTimeout(id);
  }, [value]);
  return (
    <TextField
      type="search"
      size="small"
      label={label}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      sx={{ width: { xs: '100%', sm: 320 } }}
      slotProps={{
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <Search fontSize="small" />
            </InputAdornment>
          ),
        },
        htmlInput: { ...autoDirInput, 'data-testid': testId },
      }}
    />
  );
}
