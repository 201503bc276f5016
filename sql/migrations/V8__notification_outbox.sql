-- Decision notifications (docs/notifications.md): a transactional outbox between the job and the
-- webhooks. The job inserts one row per decision and webhook that wants it, for completed
-- checkpoints only and never twice (a replay finds the row: the primary key); the job's webhook
-- dispatcher claims due rows, posts them and records the outcome here. The HTTP call happens on
-- the dispatcher's own thread, so a failing webhook never delays a decision.
--
-- status: PENDING (due at next_attempt_at), SENDING (claimed and committed before the HTTP call),
-- DELIVERED (a 2xx answer), GAVE_UP (still failing driftgate.notify.retry.give-up-after after
-- created_at) or UNKNOWN (found SENDING when a dispatcher started: the process that sent it died
-- before recording the answer, so it may or may not have arrived; never sent again).
CREATE TABLE notification_outbox (
    decision_id      VARCHAR(36)              NOT NULL,
    webhook          VARCHAR(64)              NOT NULL,
    dataset          VARCHAR(255)             NOT NULL,
    kind             VARCHAR(32)              NOT NULL,
    -- The request body, exactly as posted and signed: JSON in the webhook's format.
    payload          TEXT                     NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    attempts         INTEGER                  NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(1024),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notification_outbox_key PRIMARY KEY (decision_id, webhook)
);

-- The dispatcher's question: which rows are due now.
CREATE INDEX notification_outbox_due ON notification_outbox (status, next_attempt_at);
