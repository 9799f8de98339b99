export * from './types.js';
export { defaultConfig } from './default.js';
export { loadConfig, parseConfig } from './load.js';
export { configSchema } from './schema.js';
