import { Typography } from '@mui/material';

/**
 * What the server found wrong in an item edited in a dialog (a status, a transition and its
 * actions), shown in the item's row so that it is seen without opening the dialog.
 */
export function ItemErrors({
  errors,
}: {
  errors: Array<Record<string, string> | undefined> | Record<string, string> | undefined;
}) {
  const all = (Array.isArray(errors) ? errors : [errors]).flatMap((e) => Object.values(e ?? {}));
  const messages = [...new Set(all)];
  if (!messages.length) return null;
  return (
    <Typography
      variant="caption"
      color="error"
      component="ul"
      role="alert"
      data-has-error="true"
      data-testid="item-errors"
      sx={{ m: 0, paddingInlineStart: 2 }}
    >
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </Typography>
  );
}
