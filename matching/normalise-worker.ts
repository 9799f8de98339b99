/**
 * Worker entry (piscina) for normalisation: normalises one chunk of raw strings per call, writing
 * its ids and coordinates into the shared outputs, and returns the chunk's values; or drops the
 * crowded points of a point field once every chunk is merged.
 */
import { threadId } from 'node:worker_threads';
import { dropCrowded, normaliseChunk, type CrowdJob } from './columns.js';
import { fromChunkMessage, type ChunkMessage, type ChunkResult } from './task-data.js';

export default function normaliseTask(message: ChunkMessage | CrowdJob): ChunkResult | number {
  // the crowded points of a point field, dropped in the shared coordinates
  if ('lat' in message) return dropCrowded(message.lat, message.lon, message.km, message.records);
  return { values: normaliseChunk(fromChunkMessage(message)), threadId };
}
