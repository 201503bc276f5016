-- What a job started without its state needs to carry on each dataset's history
-- (docs/architecture.md, "Recovery without state"): the decision sequence to continue from, the
-- promoted version's reference profile, the abandoned candidates, the commands already answered
-- and the rollout in flight. One row per dataset, written by the job after every step that
-- changed any of it; read once per dataset by a job whose keyed state does not know the dataset.
-- decision_sequence keeps a replay or a late write from moving a row backwards, as in
-- cohort_routing. Plain columns, so an operator can read (and, in an emergency, edit) a row.
CREATE TABLE gate_snapshot (
    dataset             VARCHAR(255)             NOT NULL PRIMARY KEY,
    decision_sequence   BIGINT                   NOT NULL,
    -- The last promoted version and its profile (DatasetProfile.toBytes(), a versioned binary
    -- format): the baseline when that version's live stream is silent in a later rollout.
    reference_version   VARCHAR(255),
    reference_profile   BYTEA,
    -- JSON arrays of strings, oldest first: candidates never to start again, and the ids of the
    -- latest commands answered, so a command read again after the restart is not answered twice.
    abandoned           TEXT                     NOT NULL,
    recent_command_ids  TEXT                     NOT NULL,
    -- The latest rollout, active or ended; phase PENDING (and the rest NULL or -1) when the
    -- dataset never had one. rollout_id is the id of its start command; plan is JSON in the
    -- control topic's plan format (docs/wire-formats.md), exposures in percent.
    phase               VARCHAR(32)              NOT NULL,
    rollout_id          VARCHAR(255),
    candidate_version   VARCHAR(255),
    baseline_version    VARCHAR(255),
    plan                TEXT,
    stage_index         INTEGER                  NOT NULL,
    stage_started_at    TIMESTAMP WITH TIME ZONE,
    phase_before_pause  VARCHAR(32),
    exposure_bp         INTEGER                  NOT NULL,
    routing_salt        VARCHAR(255),
    rollout_started_at  TIMESTAMP WITH TIME ZONE,
    -- Event time of the step that wrote the row: no later decision is dated before it.
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT gate_snapshot_rollout CHECK (
        phase IN ('PENDING', 'PROMOTED', 'ROLLED_BACK', 'ABORTED')
        OR (candidate_version IS NOT NULL AND baseline_version IS NOT NULL))
);
