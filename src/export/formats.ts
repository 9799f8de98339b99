/**
 * The export formats, apart from their writers (exceljs, hyparquet-writer…) so that the command
 * line can list them without loading those.
 */
export const FORMATS = ['csv', 'json', 'parquet', 'geojson', 'xlsx'] as const;
export type ExportFormat = (typeof FORMATS)[number];
