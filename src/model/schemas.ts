/**
 * The official JSON Schemas, imported from `schema/` (copied verbatim from
 * gip-inclusion/data-inclusion-schema, Licence Ouverte 2.0).
 */
import structureSchema from '../../schema/v1/structure.json' with { type: 'json' };
import serviceSchema from '../../schema/v1/service.json' with { type: 'json' };

export { structureSchema, serviceSchema };
