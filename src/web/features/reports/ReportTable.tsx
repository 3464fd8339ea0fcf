import { Box, Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../app/api';
import { useFormat } from '../../ui/format';
import { UserText } from '../../ui/UserText';
import { useMinutes } from './report-format';

type Row = ResponseOf<'getReportOverview'>['byAgent'][number];

/** Per agent or per department: tickets created and closed, median first response, satisfaction. */
export function ReportTable({ title, rows, testId }: { title: string; rows: Row[]; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const minutes = useMinutes();
  const id = `${testId}-title`;
  return (
    <Card variant="outlined" component="section" aria-labelledby={id} sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h2" id={id} sx={{ mb: 1 }}>
          {title}
        </Typography>
        {rows.length === 0 ? (
          <Typography color="text.secondary">{t('reports.noRows')}</Typography>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-labelledby={id} data-testid={testId}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('reports.name')}</TableCell>
                  <TableCell align="right">{t('reports.created')}</TableCell>
                  <TableCell align="right">{t('reports.closed')}</TableCell>
                  <TableCell align="right">{t('reports.firstResponseMedian')}</TableCell>
                  <TableCell align="right">{t('reports.csatAverage')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell component="th" scope="row">
                      <UserText>{r.name}</UserText>
                    </TableCell>
                    <TableCell align="right">{f.number(r.created)}</TableCell>
                    <TableCell align="right">{f.number(r.closed)}</TableCell>
                    <TableCell align="right">{minutes(r.firstResponseMedian)}</TableCell>
                    <TableCell align="right">
                      {r.csatAverage === null
                        ? t('reports.none')
                        : t('reports.csatCell', { avg: f.number(r.csatAverage), n: f.number(r.csatResponses) })}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
