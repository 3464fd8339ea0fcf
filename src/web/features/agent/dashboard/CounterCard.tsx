import { Card, CardActionArea, CardContent, Typography } from '@mui/material';
import { Link } from 'react-router';
import { useFormat } from '../../../ui/format';

/** One dashboard number; the whole card links to the ticket center showing those tickets. */
export function CounterCard({
  name,
  label,
  value,
  to,
  hint,
}: {
  name: string;
  label: string;
  value: number;
  to: string;
  hint: string;
}) {
  const f = useFormat();
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardActionArea component={Link} to={to} data-testid={`dashboard-counter-${name}`} sx={{ height: '100%' }}>
        <CardContent>
          <Typography variant="body2" color="text.secondary" component="h3">
            {label}
          </Typography>
          <Typography variant="h4" component="p" sx={{ fontWeight: 600, my: 0.5 }}>
            {f.number(value)}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {hint}
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
