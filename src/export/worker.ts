/**
 * Worker entry: writes one table in the given formats (a piscina task).
 */
import { writeTable, type ExportFormat } from './write.js';
import type { Table } from './tables.js';

export default async function run(task: { dir: string; table: Table; formats: ExportFormat[] }): Promise<string[]> {
  return writeTable(task.dir, task.table, task.formats);
}
