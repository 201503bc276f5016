-- driftgate's Kafka topics as Flink SQL tables (docs/wire-formats.md). Load with
-- io.driftgate.sql.SqlScripts, which substitutes the ${...} variables (sql/README.md).
--
-- Every table reads from the earliest offset, read_committed (the job writes transactionally),
-- and stops at ${kafka.bounded-mode}: 'unbounded' (default) for a live query, 'latest-offset'
-- for a query that answers over what is in the topic now and ends (batch mode needs it).
-- Instants are ISO-8601 strings in UTC on the wire; 'json.timestamp-format.standard' =
-- 'ISO-8601' reads them as TIMESTAMP_LTZ.

-- The input records. `fields` is MAP<STRING, STRING>: a record's fields differ per dataset, and
-- the JSON format turns every scalar into its text ('1.5', 'true'; JSON null stays NULL), so
-- CAST(fields['x'] AS DOUBLE) reaches a numeric field. `event_time` is an ISO-8601 instant or
-- epoch milliseconds, so it is read as text and `event_ts` converts either. Rows that are not
-- valid JSON are skipped here; the job dead-letters them (see dead_letters).
CREATE TABLE records (
  dataset      STRING,
  version      STRING,
  event_time   STRING,
  cohort_key   STRING,
  fields       MAP<STRING, STRING>,
  event_ts AS CASE
    WHEN REGEXP(event_time, '^[0-9]+$') THEN TO_TIMESTAMP_LTZ(CAST(event_time AS BIGINT), 3)
    ELSE TO_TIMESTAMP_LTZ(event_time, 'yyyy-MM-dd''T''HH:mm:ss[.SSS]X')
  END,
  kafka_partition INT METADATA FROM 'partition' VIRTUAL,
  kafka_offset    BIGINT METADATA FROM 'offset' VIRTUAL,
  kafka_timestamp TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL
) WITH (
  'connector' = 'kafka',
  'topic' = '${topic.records}',
  'properties.bootstrap.servers' = '${kafka.bootstrap-servers}',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = '${kafka.bounded-mode:-unbounded}',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true'
);

-- One row per evaluation window of a candidate against its baseline; `results` holds one gate
-- result per gate (CROSS JOIN UNNEST(results) to get a row per gate).
CREATE TABLE drift_results (
  dataset            STRING,
  candidate_version  STRING,
  baseline_version   STRING,
  window_start       TIMESTAMP_LTZ(3),
  window_end         TIMESTAMP_LTZ(3),
  candidate_count    BIGINT,
  baseline_count     BIGINT,
  results ARRAY<ROW<
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
    window_start          TIMESTAMP_LTZ(3),
    window_end            TIMESTAMP_LTZ(3),
    candidate_mean        DOUBLE,
    baseline_mean         DOUBLE
  >>
) WITH (
  'connector' = 'kafka',
  'topic' = '${topic.drift-results}',
  'properties.bootstrap.servers' = '${kafka.bootstrap-servers}',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = '${kafka.bounded-mode:-unbounded}',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'
);

-- Every decision of the rollout controller, in `sequence` order per dataset; `evidence` holds
-- the gate results the decision was taken on.
CREATE TABLE rollout_events (
  decision_id        STRING,
  `sequence`         BIGINT,
  dataset            STRING,
  candidate_version  STRING,
  baseline_version   STRING,
  kind               STRING,
  from_phase         STRING,
  to_phase           STRING,
  stage_index        INT,
  exposure_bp        INT,
  routing_changed    BOOLEAN,
  reason             STRING,
  message            STRING,
  actor              STRING,
  decided_at         TIMESTAMP_LTZ(3),
  evidence ARRAY<ROW<
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
    window_start          TIMESTAMP_LTZ(3),
    window_end            TIMESTAMP_LTZ(3),
    candidate_mean        DOUBLE,
    baseline_mean         DOUBLE
  >>
) WITH (
  'connector' = 'kafka',
  'topic' = '${topic.rollout-events}',
  'properties.bootstrap.servers' = '${kafka.bootstrap-servers}',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = '${kafka.bounded-mode:-unbounded}',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'
);

-- The compacted routing topic, keyed by dataset: the latest entry per dataset is what consumers
-- read. upsert-kafka makes it a changelog table with one row per dataset, so it is for streaming
-- mode; the history of entries is rollout_events (routing_changed = TRUE).
CREATE TABLE routing (
  dataset            STRING,
  baseline_version   STRING,
  candidate_version  STRING,
  exposure_bp        INT,
  salt               STRING,
  stage              INT,
  decision_sequence  BIGINT,
  PRIMARY KEY (dataset) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${topic.routing}',
  'properties.bootstrap.servers' = '${kafka.bootstrap-servers}',
  'properties.isolation.level' = 'read_committed',
  'scan.bounded.mode' = '${kafka.bounded-mode:-unbounded}',
  'key.format' = 'raw',
  'value.format' = 'json',
  'value.fields-include' = 'ALL'
);

-- Inputs the job could not use, keyed by reason. `original_text` is the input when it is UTF-8,
-- `original_base64` always; both hold at most the first 64 KiB, and `original_truncated` says
-- whether bytes were dropped from the `original_length` bytes read.
CREATE TABLE dead_letters (
  reason              STRING,
  detail              STRING,
  origin              STRING,
  observed_at         TIMESTAMP_LTZ(3),
  original_base64     STRING,
  original_text       STRING,
  original_length     INT,
  original_truncated  BOOLEAN
) WITH (
  'connector' = 'kafka',
  'topic' = '${topic.dead-letters}',
  'properties.bootstrap.servers' = '${kafka.bootstrap-servers}',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = '${kafka.bounded-mode:-unbounded}',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'
);
