import { Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import type { StatusPoint } from './useStatusSeries';

const KEYS = ['active', 'pending', 'closed', 'locked'] as const;

/** The chart's numbers as a table, for people who do not read charts (or screen readers). */
export function SeriesTable({ data }: { data: StatusPoint[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={t('agentDashboard.chartTitle')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('agentDashboard.day')}</TableCell>
            {KEYS.map((k) => (
              <TableCell key={k} align="right">
                {t(`status.${k}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.map((p) => (
            <TableRow key={p.date}>
              <TableCell component="th" scope="row">
                {f.day(p.date, { year: 'numeric', month: 'short', day: 'numeric' })}
              </TableCell>
              {KEYS.map((k) => (
                <TableCell key={k} align="right">
                  {f.number(p[k])}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
