-- 0006: statement runs and the statement files they store (issue 7). Generated from the model with
-- tools/BankOffice.SchemaScript, then the additions at the end.

CREATE TABLE statement_runs (
    id uuid NOT NULL,
    period character varying(7) NOT NULL,
    status character varying(20) NOT NULL,
    trigger character varying(20) NOT NULL,
    formats character varying(50) NOT NULL,
    requested_by character varying(256) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    total integer NOT NULL,
    processed integer NOT NULL,
    failed integer NOT NULL,
    attempts integer NOT NULL,
    message character varying(2000),
    CONSTRAINT pk_statement_runs PRIMARY KEY (id),
    CONSTRAINT fk_statement_runs_accounting_periods_period FOREIGN KEY (period) REFERENCES accounting_periods (id) ON DELETE RESTRICT
);

CREATE TABLE statement_files (
    id uuid NOT NULL,
    statement_id uuid NOT NULL,
    version integer NOT NULL,
    format character varying(10) NOT NULL,
    file_name character varying(200) NOT NULL,
    content_type character varying(100) NOT NULL,
    content bytea NOT NULL,
    size_bytes bigint NOT NULL,
    sha256 character(64) NOT NULL,
    run_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_statement_files PRIMARY KEY (id),
    CONSTRAINT fk_statement_files_statement_runs_run_id FOREIGN KEY (run_id) REFERENCES statement_runs (id) ON DELETE RESTRICT,
    CONSTRAINT fk_statement_files_statements_statement_id FOREIGN KEY (statement_id) REFERENCES statements (id) ON DELETE RESTRICT
);

CREATE INDEX ix_statement_files_run_id ON statement_files (run_id);

CREATE UNIQUE INDEX ix_statement_files_statement_id_version_format ON statement_files (statement_id, version, format);

CREATE INDEX ix_statement_runs_period_created_at ON statement_runs (period, created_at);

-- At most one run queued or running per period, across all API instances.
CREATE UNIQUE INDEX ux_statement_runs_one_active ON statement_runs (period) WHERE status IN ('QUEUED', 'RUNNING');

-- A filed statement is never changed: a re-issue is a new version with new files.
CREATE TRIGGER statement_files_insert_only BEFORE UPDATE OR DELETE ON statement_files
    FOR EACH ROW EXECUTE FUNCTION forbid_update_delete();
