/** Normalisers: one concept per file, re-exported here. */
export * from './text.js';
export * from './name.js';
export * from './address.js';
export * from './phone.js';
export * from './identifiers.js';
export * from './kind.js';
export * from './spelling.js';
