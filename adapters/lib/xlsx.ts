/**
 * Spreadsheet reading with exceljs: one sheet as header + rows of plain values.
 */
import ExcelJS from 'exceljs';

export type Cell = string | number | boolean | Date | null;

/**
 * A plain value from an exceljs cell value: hyperlinks give their text, rich text its joined runs,
 * formulas their result.
 *
 * @example
 *   plainCell({ text: 'https://insersol.fr/', hyperlink: 'https://insersol.fr/' }) // 'https://insersol.fr/'
 */
export function plainCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o) return plainCell(o.text);
    if ('result' in o) return plainCell(o.result);
    if ('error' in o) return null;
  }
  return String(v);
}

export interface SheetRows {
  header: Cell[];
  /** Each row with its 1-based spreadsheet line; fully empty rows are skipped. */
  rows: { line: number; cells: Cell[] }[];
}

/** Opens a workbook once. */
export async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/**
 * The header (first row) and data rows of a sheet, or undefined when the sheet does not exist.
 *
 * @example
 *   const sheet = sheetRows(await openWorkbook('fixtures/valideur/dataset.xlsx'), 'Structures');
 */
export function sheetRows(wb: ExcelJS.Workbook, name: string): SheetRows | undefined {
  const ws = wb.getWorksheet(name);
  if (!ws) return undefined;
  const width = ws.columnCount;
  const read = (r: ExcelJS.Row): Cell[] => {
    const out: Cell[] = [];
    for (let c = 1; c <= width; c++) out.push(plainCell(r.getCell(c).value));
    return out;
  };
  const header = read(ws.getRow(1));
  const rows: SheetRows['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const cells = read(row);
    if (cells.some((c) => c !== null && !(typeof c === 'string' && c.trim() === ''))) rows.push({ line, cells });
  });
  return { header, rows };
}
