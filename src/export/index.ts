export * from './tables.js';
export * from './write.js';
