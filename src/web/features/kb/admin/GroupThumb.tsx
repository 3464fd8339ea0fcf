import { Avatar } from '@mui/material';
import FolderOutlined from '@mui/icons-material/FolderOutlined';

/** A group's picture (decorative: its name is next to it), or a folder when it has none. */
export function GroupThumb({ url, size = 48 }: { url: string | null; size?: number }) {
  return (
    <Avatar
      variant="rounded"
      src={url ?? undefined}
      alt=""
      sx={{ width: size, height: size, bgcolor: 'action.selected', color: 'text.secondary', flexShrink: 0 }}
    >
      <FolderOutlined fontSize={size > 40 ? 'medium' : 'small'} aria-hidden />
    </Avatar>
  );
}
