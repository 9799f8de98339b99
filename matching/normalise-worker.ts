/**
 * Worker entry (piscina) for normalisation: normalises one chunk of raw strings per call, writing
 * its ids and coordinates into the shared outputs, and returns the chunk's values.
 */
import { threadId } from 'node:worker_threads';
import { normaliseChunk } from './columns.js';
import { fromChunkMessage, type ChunkMessage, type ChunkResult } from './task-data.js';

export default function normaliseTask(message: ChunkMessage): ChunkResult {
  return { values: normaliseChunk(fromChunkMessage(message)), threadId };
}
