import type { ReactNode } from 'react';
import { Paper, Typography } from '@mui/material';

/**
 * One titled part of an editor page (a level-2 heading under the page's title): the request
 * type editor's (`rt-…` ids) and the directory editor's.
 */
export function EditorSection({
  id,
  title,
  hint,
  children,
  idPrefix = 'rt',
}: {
  id: string;
  title: string;
  hint?: string;
  children: ReactNode;
  idPrefix?: string;
}) {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={`${idPrefix}-${id}`}
      data-testid={`${idPrefix}-section-${id}`}
      sx={{ p: { xs: 1.5, sm: 2 } }}
    >
      <Typography variant="h6" component="h2" id={`${idPrefix}-${id}`}>
        {title}
      </Typography>
      {hint && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {hint}
        </Typography>
      )}
      {/* The content starts under the heading and its hint. */}
      <div style={{ marginTop: 16 }}>{children}</div>
    </Paper>
  );
}
