/** The schema v1 data model: generated types and enumerations, validation, error rows. */
export * from './generated.js';
export * from './errors.js';
export * from './checks.js';
export * from './validate.js';
export { structureSchema, serviceSchema } from './schemas.js';
export * from './coerce.js';
