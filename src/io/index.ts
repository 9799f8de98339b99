/** Readers and writers that lose nothing: every row is loaded or becomes an error row. */
export * from './types.js';
export { formatOf, sniffDelimiter, sniffEncoding } from './detect.js';
export { readRecords, readAll, type ReadAllResult } from './read.js';
export { readJsonLines } from './jsonl.js';
export { readJsonArray, ENVELOPE_KEYS } from './json.js';
export { readCsv } from './csv.js';
export { JsonlWriter, CsvWriter, csvCell, writeJsonl, writeCsv, writeErrorsCsv } from './write.js';
