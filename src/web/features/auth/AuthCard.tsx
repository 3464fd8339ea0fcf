import type { ReactNode } from 'react';
import { Box, Paper, Typography } from '@mui/material';
import { usePublicSettings } from '../../app/session';

/** The frame of the sign-in pages: a card, with the workspace's login image beside it on wide screens. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const settings = usePublicSettings();
  const image = settings.data?.loginImageUrl;
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', gap: 3, alignItems: 'stretch' }}>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 4 }, width: '100%', maxWidth: 440 }}>
        <Typography variant="h5" component="h1" gutterBottom>
          {title}
        </Typography>
        {children}
      </Paper>
      {image && (
        <Box
          component="img"
          src={image}
          alt=""
          sx={{ display: { xs: 'none', md: 'block' }, maxWidth: 360, objectFit: 'cover', borderRadius: 2 }}
        />
      )}
    </Box>
  );
}
