import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { TReportQuery } from '../../../contracts/reports';
import type { Ctx } from '../../platform/context';
import { t } from '../../platform/i18n';
import { csvField, exportColumns, type ExportColumn } from './export-columns';
import { forEachExportBatch, type ExportRow } from './export-rows';
import { takeExportSlot } from './export-slots';
import { reportScope } from './report-scope';

export type ExportFormat = 'csv' | 'xlsx';

export interface ReportExport {
  filename: string;
  contentType: string;
  stream: PassThrough;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Resolves once `out` wants more (or is gone: the caller then stops). */
async function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

class ClientGone extends Error {}
const checkAlive = (out: Writable) => {
  if (out.destroyed) throw new ClientGone();
};

async function writeCsv(ctx: Ctx, out: PassThrough, columns: ExportColumn[], each: EachBatch) {
  // The byte order mark: Excel then reads the file as UTF-8 (Persian text), not the ANSI code page.
  out.write(`\uFEFF${columns.map((c) => csvField(c.header)).join(',')}\r\n`);
  await each(async (rows) => {
    checkAlive(out);
    let chunk = '';
    for (const r of rows) chunk += `${columns.map((c) => csvField(c.value(r))).join(',')}\r\n`;
    out.write(chunk);
    await drained(out);
  });
  out.end();
}

async function writeXlsx(ctx: Ctx, out: PassThrough, columns: ExportColumn[], each: EachBatch) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(t(ctx.locale, 'reports.export.sheet'), {
    views: [{ rightToLeft: ctx.locale === 'fa', state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  await each(async (rows) => {
    checkAlive(out);
    for (const r of rows) sheet.addRow(columns.map((c) => c.value(r))).commit();
    await drained(out);
  });
  sheet.commit();
  await book.commit();
}

type EachBatch = (onBatch: (rows: ExportRow[]) => Promise<void>) => Promise<void>;

/**
 * K4: the tickets created in the range as CSV or an Excel workbook, streamed: the range and the
 * permission are checked before the answer starts (a 400 or 403 is an ordinary error answer);
 * then rows go out a batch at a time as the client reads them. A failure after the first byte
 * can only cut the download short: it is logged and the stream destroyed.
 */
export async function exportReport({
  ctx,
  input,
  format,
}: {
  ctx: Ctx;
  input: TReportQuery;
  format: ExportFormat;
}): Promise<ReportExport> {
  const scope = await reportScope(ctx, input);
  const release = takeExportSlot(ctx.deps);
  const columns = exportColumns(ctx.locale, scope.timeZone);
  const out = new PassThrough({ highWaterMark: 64 * 1024 });
  // The place is given back when the rows are all read (or the download is cut short).
  out.once('close', release);
  const each: EachBatch = (onBatch) => forEachExportBatch(ctx, scope, onBatch);
  const write = format === 'csv' ? writeCsv : writeXlsx;
  // Started on the next turn, once the caller has handed the stream to the reply.
  setImmediate(() => {
    write(ctx, out, columns, each)
      .catch((err: unknown) => {
        if (!(err instanceof ClientGone)) ctx.deps.log.error({ err, reqId: ctx.requestId }, 'report export failed');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      })
      .finally(release);
  });
  return {
    filename: `pishkhan-report-${scope.from}_${scope.to}.${format}`,
    contentType: CONTENT_TYPES[format],
    stream: out,
  };
}
