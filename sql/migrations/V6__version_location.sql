-- Where each version of a dataset lives (issue 12): a table name, a path, an Iceberg snapshot id or
-- branch, any URI. Recorded by `driftgate register --location` and by the job for the versions a
-- rollout command names; read with the version by the views below, RoutingTableResolver, the
-- CLI's `resolve --with-location` and (PostgreSQL) driftgate_resolve_location.
--
-- Append-only and immutable: a version's location is recorded once. Writing the same location again
-- is a no-op (a replay); a different one is refused (VersionLocationStore throws
-- LocationConflictException), since consumers may already read the first one. Rows are never
-- updated or deleted, so the job role has no UPDATE on the table (sql/roles/driftgate-roles.sql).
CREATE TABLE version_location (
    dataset      VARCHAR(255)             NOT NULL,
    version      VARCHAR(255)             NOT NULL,
    location     VARCHAR(2048)            NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by  VARCHAR(255)             NOT NULL,
    CONSTRAINT version_location_key PRIMARY KEY (dataset, version)
);

-- The alias with its version's location (NULL when none is recorded). A view rather than a
-- column of dataset_alias: the job writes the alias and the locations through different sinks, in
-- no fixed order, so a copied column could miss a location recorded just after the promotion; the
-- join never disagrees with version_location.
CREATE VIEW dataset_alias_location AS
SELECT a.dataset, a.version, l.location, a.generation, a.updated_at, a.reason, a.decision_id
FROM dataset_alias a
LEFT JOIN version_location l ON l.dataset = a.dataset AND l.version = a.version;

-- The routing table with the locations of its baseline and candidate (NULL when none is
-- recorded, and candidate_location when there is no candidate).
CREATE VIEW cohort_routing_location AS
SELECT r.dataset, r.baseline_version, b.location AS baseline_location, r.candidate_version,
       c.location AS candidate_location, r.exposure_bp, r.salt, r.stage, r.decision_sequence,
       r.updated_at
FROM cohort_routing r
LEFT JOIN version_location b ON b.dataset = r.dataset AND b.version = r.baseline_version
LEFT JOIN version_location c ON c.dataset = r.dataset AND c.version = r.candidate_version;
