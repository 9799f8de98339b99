-- recoupe's own bookkeeping: runs, the id registry and id history. Published data lives in the
-- schema recoupe_pub (built as recoupe_stage, swapped in by one transaction).
CREATE SCHEMA IF NOT EXISTS {{meta}};

CREATE TABLE IF NOT EXISTS {{meta}}.runs (
  id            bigserial PRIMARY KEY,
  started_at    timestamptz NOT NULL DEFAULT now(),
  ended_at      timestamptz,
  status        text NOT NULL DEFAULT 'running',   -- running | published | failed
  error         text,
  counts        jsonb NOT NULL DEFAULT '{}'::jsonb, -- per source and stage
  histogram     jsonb NOT NULL DEFAULT '{}'::jsonb, -- cluster size -> clusters
  duplicates    jsonb NOT NULL DEFAULT '{}'::jsonb, -- the duplicates report
  timings       jsonb NOT NULL DEFAULT '{}'::jsonb, -- stage -> seconds
  model         jsonb,                               -- the matching model used
  stale_sources jsonb NOT NULL DEFAULT '[]'::jsonb
);

-- every consolidated id ever published, so an id is never handed to another place
CREATE TABLE IF NOT EXISTS {{meta}}.id_registry (
  id         text PRIMARY KEY,
  first_run  bigint NOT NULL,
  last_run   bigint NOT NULL,
  status     text NOT NULL DEFAULT 'active'          -- active | merged | split | retired
);

-- where an id went: old id -> new id, per run
CREATE TABLE IF NOT EXISTS {{meta}}.id_changes (
  run_id  bigint NOT NULL,
  old_id  text NOT NULL,
  new_id  text NOT NULL,
  kind    text NOT NULL,                              -- split | merge | retired
  PRIMARY KEY (run_id, old_id, new_id)
);
