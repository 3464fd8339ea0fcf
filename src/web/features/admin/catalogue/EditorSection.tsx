import type { ReactNode } from 'react';
import { Paper, Typography } from '@mui/material';

/** One titled part of the request type editor (a level-2 heading under the page's title). */
export function EditorSection({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={`rt-${id}`}
      data-testid={`rt-section-${id}`}
      sx={{ p: { xs: 1.5, sm: 2 } }}
    >
      <Typography variant="h6" component="h2" id={`rt-${id}`}>
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
