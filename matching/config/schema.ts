/** The JSON Schema of a matching configuration (validated with ajv at load time). */

const levelSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    label: { type: 'string' },
    field: { type: 'string', minLength: 1 },
    exact: { type: 'boolean' },
    jw: { type: 'number', minimum: 0, maximum: 1 },
    lev: { type: 'integer', minimum: 0 },
    tokens: { type: 'number', minimum: 0, maximum: 1 },
    km: { type: 'number', exclusiveMinimum: 0 },
    sameNumber: { type: 'boolean' },
    maxFreq: { type: 'integer', minimum: 1 },
    absent: { type: 'string', minLength: 1 },
    values: { type: 'array', items: { type: 'string' }, minItems: 1 },
    also: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
  },
} as const;

export const configSchema = {
  $id: 'recoupe-match-config',
  type: 'object',
  additionalProperties: false,
  required: ['fields', 'blocking', 'comparisons'],
  properties: {
    version: { const: 1 },
    description: { type: 'string' },
    columns: {
      type: 'object',
      additionalProperties: {
        anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }],
      },
    },
    fields: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['type'],
        properties: {
          type: {
            enum: ['name', 'address', 'text', 'string', 'digits', 'phone', 'siret', 'siren', 'email', 'domain', 'insee', 'postcode', 'exact', 'kind', 'audience', 'point'],
          },
          from: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }] },
          country: { type: 'string', pattern: '^[A-Z]{2}$' },
          strip: { type: 'string', minLength: 1 },
          crowd: {
            type: 'object', additionalProperties: false, required: ['km', 'records'],
            properties: { km: { type: 'number', exclusiveMinimum: 0 }, records: { type: 'integer', minimum: 1 } },
          },
        },
      },
    },
    blocking: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 1 },
          on: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
          token: { type: 'string', minLength: 1 },
          rarest: { type: 'integer', minimum: 1, maximum: 10 },
          near: { type: 'string', minLength: 1 },
          km: { type: 'number', exclusiveMinimum: 0, maximum: 50 },
          maxBlockSize: { type: 'integer', minimum: 2 },
        },
      },
    },
    comparisons: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'field', 'levels'],
        properties: {
          name: { type: 'string', minLength: 1 },
          field: { type: 'string', minLength: 1 },
          levels: { type: 'array', items: levelSchema, minItems: 1, maxItems: 10 },
          tf: { type: 'boolean' },
          tfField: { type: 'string', minLength: 1 },
          veto: { type: 'boolean' },
        },
      },
    },
    threshold: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    reportFloor: { type: 'number', minimum: 0, maximum: 1 },
    maxBlockSize: { type: 'integer', minimum: 2 },
    cluster: {
      type: 'object',
      additionalProperties: false,
      properties: { warnSize: { type: 'integer', minimum: 2 }, maxSize: { type: 'integer', minimum: 2 }, minAverage: { type: 'number', minimum: 0, maximum: 1 } },
    },
    training: {
      type: 'object',
      additionalProperties: false,
      properties: {
        seed: { type: 'integer' },
        uPairs: { type: 'integer', minimum: 1000 },
        emIterations: { type: 'integer', minimum: 1, maximum: 500 },
        deterministic: { type: 'array', items: { type: 'array', items: { type: 'string' }, minItems: 1 } },
        interactions: { type: 'array', items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 } },
        minPrecision: { type: 'number', minimum: 0, maximum: 1 },
        selfCalibrate: { type: 'boolean' },
        selfCalibrateRounds: { type: 'integer', minimum: 1, maximum: 20 },
        selfCalibrateCut: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        recall: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        u: { enum: ['random', 'blocked'] },
      },
    },
    anywhere: { type: 'boolean' },
  },
} as const;
