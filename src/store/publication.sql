-- The tables of one publication, created in the staging schema {{schema}} and swapped in whole.

CREATE TABLE {{schema}}.source_structures (
  source text NOT NULL, id text NOT NULL,
  nom text, siret text, adresse text, complement_adresse text, code_postal text, code_insee text, commune text,
  latitude double precision, longitude double precision, telephone text, courriel text, site_web text,
  description text, horaires_accueil text, accessibilite_lieu text, lien_source text, reseaux_porteurs jsonb,
  date_maj text,
  _is_valid boolean NOT NULL, _stale boolean NOT NULL DEFAULT false, _run_id bigint NOT NULL, _raw jsonb NOT NULL,
  PRIMARY KEY (source, id)
);

CREATE TABLE {{schema}}.source_services (
  source text NOT NULL, id text NOT NULL, structure_id text,
  nom text, description text, type text, thematiques jsonb, publics jsonb, publics_precisions text, frais text,
  frais_precisions text, conditions_acces text, modes_accueil jsonb, modes_mobilisation jsonb, mobilisable_par jsonb,
  mobilisation_precisions text, lien_mobilisation text, zone_eligibilite jsonb, contact_nom_prenom text,
  telephone text, courriel text, horaires_accueil text, adresse text, complement_adresse text, code_postal text,
  code_insee text, commune text, latitude double precision, longitude double precision, nombre_semaines double precision,
  volume_horaire_hebdomadaire double precision, lien_source text, date_maj text,
  _is_valid boolean NOT NULL, _stale boolean NOT NULL DEFAULT false, _run_id bigint NOT NULL, _raw jsonb NOT NULL,
  PRIMARY KEY (source, id)
);

CREATE TABLE {{schema}}.errors (
  run_id bigint NOT NULL, source text, id text, resource text, field text, rule text, severity text,
  message text, value text, file text, line integer
);

CREATE TABLE {{schema}}.clusters (
  cluster_id text NOT NULL, structure_id text NOT NULL, source text NOT NULL, score double precision, size integer NOT NULL,
  PRIMARY KEY (structure_id)
);
CREATE INDEX ON {{schema}}.clusters (cluster_id);

CREATE TABLE {{schema}}.pairs (
  left_id text NOT NULL, right_id text NOT NULL, match_weight double precision, match_probability double precision
);

CREATE TABLE {{schema}}.duplicates_by_source (
  source text PRIMARY KEY, structures integer, with_same_source_duplicate integer, share double precision
);

CREATE TABLE {{schema}}.duplicates_by_source_pair (
  source_a text, source_b text, clusters integer, pairs integer, PRIMARY KEY (source_a, source_b)
);

CREATE TABLE {{schema}}.structures (
  id text PRIMARY KEY, source text,
  nom text, siret text, adresse text, complement_adresse text, code_postal text, code_insee text, commune text,
  latitude double precision, longitude double precision, telephone text, courriel text, site_web text,
  description text, horaires_accueil text, accessibilite_lieu text, lien_source text, reseaux_porteurs jsonb,
  date_maj date,
  sources jsonb NOT NULL, members jsonb NOT NULL, provenance jsonb NOT NULL, score_qualite double precision,
  cluster_size integer NOT NULL
);

CREATE TABLE {{schema}}.services (
  id text PRIMARY KEY, source text, structure_id text NOT NULL,
  nom text, description text, type text, thematiques jsonb, publics jsonb, publics_precisions text, frais text,
  frais_precisions text, conditions_acces text, modes_accueil jsonb, modes_mobilisation jsonb, mobilisable_par jsonb,
  mobilisation_precisions text, lien_mobilisation text, zone_eligibilite jsonb, contact_nom_prenom text,
  telephone text, courriel text, horaires_accueil text, adresse text, complement_adresse text, code_postal text,
  code_insee text, commune text, latitude double precision, longitude double precision, nombre_semaines double precision,
  volume_horaire_hebdomadaire double precision, lien_source text, date_maj date,
  sources jsonb NOT NULL, members jsonb NOT NULL, provenance jsonb NOT NULL
);
CREATE INDEX ON {{schema}}.services (structure_id);

CREATE TABLE {{schema}}.id_changes (
  old_id text NOT NULL, new_id text NOT NULL, kind text NOT NULL
);

CREATE TABLE {{schema}}.meta (
  run_id bigint NOT NULL, published_at timestamptz NOT NULL DEFAULT now()
);
