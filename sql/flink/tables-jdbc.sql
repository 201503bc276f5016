-- driftgate's PostgreSQL tables and views (sql/migrations/) as Flink SQL tables
-- through the JDBC connector. Load with io.driftgate.sql.SqlScripts, which substitutes the
-- ${...} variables (sql/README.md): the password is never written here.
--
-- A JDBC table is read whole (bounded), so queries over these run in batch or streaming mode.
-- The JDBC connector has no TIMESTAMP_LTZ: the TIMESTAMP WITH TIME ZONE columns arrive as
-- TIMESTAMP(6), the instant's local date-time in the time zone of the JVM that reads them (the
-- TaskManager's; run it with -Duser.timezone=UTC to read UTC). CAST(c AS TIMESTAMP_LTZ(6)) turns
-- one back into an instant when the session's table.local-time-zone is that same zone.
-- They are for reading: the job alone writes these tables, with compare-and-set and
-- idempotency rules that a Flink INSERT would not follow.

-- What consumers resolve outside a rollout.
CREATE TABLE dataset_alias (
  dataset      STRING,
  version      STRING,
  generation   BIGINT,
  updated_at   TIMESTAMP(6),
  reason       STRING,
  decision_id  STRING,
  PRIMARY KEY (dataset) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${jdbc.url}',
  'table-name' = 'dataset_alias',
  'username' = '${jdbc.user}',
  'password' = '${jdbc.password}'
);

-- Every alias decision, applied or refused (outcome CONFLICT). A rollback names the candidate it
-- withdrew in withdrawn_version: read it as withdrawn_version -> to_version.
CREATE TABLE alias_history (
  id                 BIGINT,
  dataset            STRING,
  from_version       STRING,
  to_version         STRING,
  withdrawn_version  STRING,
  generation         BIGINT,
  decision_id        STRING,
  kind               STRING,
  reason             STRING,
  message            STRING,
  actor              STRING,
  decided_at         TIMESTAMP(6),
  applied_at         TIMESTAMP(6),
  outcome            STRING,
  found_version      STRING,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${jdbc.url}',
  'table-name' = 'alias_history',
  'username' = '${jdbc.user}',
  'password' = '${jdbc.password}'
);

-- The audit log: one row per decision. The evidence_* columns are the decisive gate result;
-- `evidence` is the JSON array of all of them (JSON_QUERY / JSON_VALUE reach inside).
CREATE TABLE rollout_event (
  id                        BIGINT,
  decision_id               STRING,
  `sequence`                BIGINT,
  dataset                   STRING,
  candidate_version         STRING,
  baseline_version          STRING,
  kind                      STRING,
  from_phase                STRING,
  to_phase                  STRING,
  stage_index               INT,
  exposure_bp               INT,
  routing_changed           BOOLEAN,
  reason                    STRING,
  message                   STRING,
  actor                     STRING,
  decided_at                TIMESTAMP(6),
  evidence_gate             STRING,
  evidence_method           STRING,
  evidence_statistic        DOUBLE,
  evidence_threshold        DOUBLE,
  evidence_p_value          DOUBLE,
  evidence_window_start     TIMESTAMP(6),
  evidence_window_end       TIMESTAMP(6),
  evidence_candidate_count  BIGINT,
  evidence_baseline_count   BIGINT,
  evidence                  STRING,
  recorded_at               TIMESTAMP(6),
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${jdbc.url}',
  'table-name' = 'rollout_event',
  'username' = '${jdbc.user}',
  'password' = '${jdbc.password}'
);

-- The routing table as the job last published it, one row per dataset ever rolled out.
CREATE TABLE cohort_routing (
  dataset            STRING,
  baseline_version   STRING,
  candidate_version  STRING,
  exposure_bp        INT,
  salt               STRING,
  stage              INT,
  decision_sequence  BIGINT,
  updated_at         TIMESTAMP(6),
  PRIMARY KEY (dataset) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${jdbc.url}',
  'table-name' = 'cohort_routing',
  'username' = '${jdbc.user}',
  'password' = '${jdbc.password}'
);

-- One row per gate per evaluation window. candidate_mean and baseline_mean: an outcome gate's
-- exposed and control cohorts' means (sql/migrations/V9__drift_result_means.sql); NULL for the
-- data gates.
CREATE TABLE drift_result (
  id                    BIGINT,
  dataset               STRING,
  candidate_version     STRING,
  baseline_version      STRING,
  gate                  STRING,
  field                 STRING,
  verdict               STRING,
  critical              BOOLEAN,
  `method`                STRING,
  statistic             DOUBLE,
  threshold             DOUBLE,
  margin                DOUBLE,
  p_value               DOUBLE,
  fixed_sample_p_value  DOUBLE,
  sketch_error          DOUBLE,
  alpha                 DOUBLE,
  candidate_count       BIGINT,
  baseline_count        BIGINT,
  window_start          TIMESTAMP(6),
  window_end            TIMESTAMP(6),
  candidate_mean        DOUBLE,
  baseline_mean         DOUBLE,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${jdbc.url}',
  'table-name' = 'drift_result',
  'username' = '${jdbc.user}',
  'password' = '${jdbc.password}'
);

-- Where each version lives (sql/migrations/V6__version_location.sql): recorded once per version,
-- never changed.
CREATE TABLE version_location (
  dataset      STRING,
  version      STRING,
  location     STRING,
  recorded_at  TIMESTAMP(6),
  recorded_by  STRING,
  PRIMARY KEY (dataset, version) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${jdbc.url}',
  'table-name' = 'version_location',
  'username' = '${jdbc.user}',
  'password' = '${jdbc.password}'
);

-- The alias with its version's location (a view over dataset_alias and version_location; location
-- NULL when none is recorded).
CREATE TABLE dataset_alias_location (
  dataset      STRING,
  version      STRING,
  location     STRING,
  generation   BIGINT,
  updated_at   TIMESTAMP(6),
  reason       STRING,
  decision_id  STRING,
  PRIMARY KEY (dataset) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${jdbc.url}',
  'table-name' = 'dataset_alias_location',
  'username' = '${jdbc.user}',
  'password' = '${jdbc.password}'
);

-- The routing table with the locations of its baseline and candidate (a view over cohort_routing
-- and version_location).
CREATE TABLE cohort_routing_location (
  dataset             STRING,
  baseline_version    STRING,
  baseline_location   STRING,
  candidate_version   STRING,
  candidate_location  STRING,
  exposure_bp         INT,
  salt                STRING,
  stage               INT,
  decision_sequence   BIGINT,
  updated_at          TIMESTAMP(6),
  PRIMARY KEY (dataset) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${jdbc.url}',
  'table-name' = 'cohort_routing_location',
  'username' = '${jdbc.user}',
  'password' = '${jdbc.password}'
);
