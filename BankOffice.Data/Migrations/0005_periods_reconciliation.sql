-- 0005: accounting periods and their close (runs, steps, exceptions, snapshots, interest accruals,
-- provisions, statement records), reopen requests with audit, and bank and customer reconciliation.
-- Tables generated from the model with tools/BankOffice.SchemaScript, then the additions below.

CREATE TABLE accounting_periods (
    id character varying(7) NOT NULL,
    start_date date NOT NULL,
    end_date date NOT NULL,
    close_deadline date NOT NULL,
    status character varying(20) NOT NULL,
    closed_at timestamp with time zone,
    closed_by character varying(256),
    approved_by character varying(256),
    reopen_count integer NOT NULL,
    expected_close_date date,
    CONSTRAINT pk_accounting_periods PRIMARY KEY (id)
);

CREATE TABLE bank_reconciliations (
    id uuid NOT NULL,
    bank_account character varying(50) NOT NULL,
    currency character varying(3) NOT NULL,
    statement_date date NOT NULL,
    statement_balance numeric(19,4) NOT NULL,
    status character varying(20) NOT NULL,
    created_by character varying(256) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    completed_by character varying(256),
    completed_at timestamp with time zone,
    CONSTRAINT pk_bank_reconciliations PRIMARY KEY (id)
);

CREATE TABLE period_audit (
    id bigint GENERATED ALWAYS AS IDENTITY,
    period character varying(7) NOT NULL,
    action character varying(40) NOT NULL,
    actor character varying(256) NOT NULL,
    details character varying(2000),
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_period_audit PRIMARY KEY (id)
);

CREATE TABLE period_aging (
    period character varying(7) NOT NULL,
    customer_id character varying(16) NOT NULL,
    currency character varying(3) NOT NULL,
    current numeric(19,4) NOT NULL,
    days1_30 numeric(19,4) NOT NULL,
    days31_60 numeric(19,4) NOT NULL,
    days61_90 numeric(19,4) NOT NULL,
    over90 numeric(19,4) NOT NULL,
    disputed numeric(19,4) NOT NULL,
    CONSTRAINT pk_period_aging PRIMARY KEY (period, customer_id, currency),
    CONSTRAINT fk_period_aging_accounting_periods_period FOREIGN KEY (period) REFERENCES accounting_periods (id) ON DELETE RESTRICT
);

CREATE TABLE period_close_runs (
    id uuid NOT NULL,
    period character varying(7) NOT NULL,
    status character varying(20) NOT NULL,
    cutoff_at timestamp with time zone NOT NULL,
    include_accruals boolean NOT NULL,
    run_provision boolean NOT NULL,
    requested_by character varying(256) NOT NULL,
    approved_by character varying(256) NOT NULL,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone,
    current_step character varying(20),
    progress integer NOT NULL,
    attempts integer NOT NULL,
    error character varying(2000),
    CONSTRAINT pk_period_close_runs PRIMARY KEY (id),
    CONSTRAINT fk_period_close_runs_accounting_periods_period FOREIGN KEY (period) REFERENCES accounting_periods (id) ON DELETE RESTRICT
);

CREATE TABLE period_reopen_requests (
    id uuid NOT NULL,
    period character varying(7) NOT NULL,
    reason character varying(500) NOT NULL,
    requested_by character varying(256) NOT NULL,
    authorized_by character varying(256) NOT NULL,
    expected_close_date date NOT NULL,
    status character varying(20) NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    decided_by character varying(256),
    decided_at timestamp with time zone,
    decision_note character varying(500),
    CONSTRAINT pk_period_reopen_requests PRIMARY KEY (id),
    CONSTRAINT fk_period_reopen_requests_accounting_periods_period FOREIGN KEY (period) REFERENCES accounting_periods (id) ON DELETE RESTRICT
);

CREATE TABLE customer_reconciliations (
    id uuid NOT NULL,
    customer_id character varying(16) NOT NULL,
    currency character varying(3) NOT NULL,
    reconciliation_date date NOT NULL,
    customer_balance numeric(19,4) NOT NULL,
    our_balance numeric(19,4) NOT NULL,
    disputed numeric(19,4) NOT NULL,
    difference numeric(19,4) NOT NULL,
    dispute_ids uuid[] NOT NULL,
    notes character varying(1000),
    created_by character varying(256) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_customer_reconciliations PRIMARY KEY (id),
    CONSTRAINT fk_customer_reconciliations_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
);

CREATE TABLE period_close_exceptions (
    id bigint GENERATED ALWAYS AS IDENTITY,
    run_id uuid NOT NULL,
    kind character varying(30) NOT NULL,
    reference character varying(100) NOT NULL,
    currency character varying(3) NOT NULL,
    expected numeric(19,4) NOT NULL,
    actual numeric(19,4) NOT NULL,
    message character varying(500) NOT NULL,
    CONSTRAINT pk_period_close_exceptions PRIMARY KEY (id),
    CONSTRAINT fk_period_close_exceptions_period_close_runs_run_id FOREIGN KEY (run_id) REFERENCES period_close_runs (id) ON DELETE CASCADE
);

CREATE TABLE period_close_steps (
    run_id uuid NOT NULL,
    step character varying(20) NOT NULL,
    status character varying(20) NOT NULL,
    processed bigint NOT NULL,
    total bigint NOT NULL,
    message character varying(1000),
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    CONSTRAINT pk_period_close_steps PRIMARY KEY (run_id, step),
    CONSTRAINT fk_period_close_steps_period_close_runs_run_id FOREIGN KEY (run_id) REFERENCES period_close_runs (id) ON DELETE CASCADE
);

CREATE TABLE period_provisions (
    id bigint GENERATED ALWAYS AS IDENTITY,
    period character varying(7) NOT NULL,
    run_id uuid NOT NULL,
    currency character varying(3) NOT NULL,
    current numeric(19,4) NOT NULL,
    days1_30 numeric(19,4) NOT NULL,
    days31_60 numeric(19,4) NOT NULL,
    days61_90 numeric(19,4) NOT NULL,
    over90 numeric(19,4) NOT NULL,
    required numeric(19,4) NOT NULL,
    previous numeric(19,4) NOT NULL,
    adjustment numeric(19,4) NOT NULL,
    entry_id uuid,
    CONSTRAINT pk_period_provisions PRIMARY KEY (id),
    CONSTRAINT fk_period_provisions_journal_entries_entry_id FOREIGN KEY (entry_id) REFERENCES journal_entries (id) ON DELETE RESTRICT,
    CONSTRAINT fk_period_provisions_period_close_runs_run_id FOREIGN KEY (run_id) REFERENCES period_close_runs (id) ON DELETE RESTRICT
);

CREATE TABLE interest_accruals (
    id bigint GENERATED ALWAYS AS IDENTITY,
    period character varying(7) NOT NULL,
    run_id uuid NOT NULL,
    account_id uuid NOT NULL,
    currency character varying(3) NOT NULL,
    balance_days numeric(28,4) NOT NULL,
    annual_rate numeric(9,4) NOT NULL,
    day_count character varying(10) NOT NULL,
    interest numeric(19,4) NOT NULL,
    booked numeric(19,4) NOT NULL,
    entry_id uuid,
    CONSTRAINT pk_interest_accruals PRIMARY KEY (id),
    CONSTRAINT fk_interest_accruals_accounts_account_id FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE RESTRICT,
    CONSTRAINT fk_interest_accruals_journal_entries_entry_id FOREIGN KEY (entry_id) REFERENCES journal_entries (id) ON DELETE RESTRICT,
    CONSTRAINT fk_interest_accruals_period_close_runs_run_id FOREIGN KEY (run_id) REFERENCES period_close_runs (id) ON DELETE RESTRICT
);

CREATE TABLE period_balances (
    period character varying(7) NOT NULL,
    account_id uuid NOT NULL,
    account_number character varying(50) NOT NULL,
    customer_id character varying(16) NOT NULL,
    account_type character varying(20) NOT NULL,
    currency character varying(3) NOT NULL,
    opening numeric(19,4) NOT NULL,
    credits numeric(19,4) NOT NULL,
    debits numeric(19,4) NOT NULL,
    interest numeric(19,4) NOT NULL,
    closing numeric(19,4) NOT NULL,
    line_count integer NOT NULL,
    CONSTRAINT pk_period_balances PRIMARY KEY (period, account_id),
    CONSTRAINT fk_period_balances_accounting_periods_period FOREIGN KEY (period) REFERENCES accounting_periods (id) ON DELETE RESTRICT,
    CONSTRAINT fk_period_balances_accounts_account_id FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE RESTRICT
);

CREATE TABLE statements (
    id uuid NOT NULL,
    period character varying(7) NOT NULL,
    account_id uuid NOT NULL,
    account_number character varying(50) NOT NULL,
    customer_id character varying(16) NOT NULL,
    currency character varying(3) NOT NULL,
    from_date date NOT NULL,
    to_date date NOT NULL,
    opening numeric(19,4) NOT NULL,
    credits numeric(19,4) NOT NULL,
    debits numeric(19,4) NOT NULL,
    closing numeric(19,4) NOT NULL,
    line_count integer NOT NULL,
    version integer NOT NULL,
    run_id uuid NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_statements PRIMARY KEY (id),
    CONSTRAINT fk_statements_accounting_periods_period FOREIGN KEY (period) REFERENCES accounting_periods (id) ON DELETE RESTRICT,
    CONSTRAINT fk_statements_accounts_account_id FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE RESTRICT
);

CREATE TABLE bank_statement_lines (
    id uuid NOT NULL,
    reconciliation_id uuid NOT NULL,
    line_no integer NOT NULL,
    date date NOT NULL,
    reference character varying(100) NOT NULL,
    amount numeric(19,4) NOT NULL,
    type character varying(20) NOT NULL,
    description character varying(300),
    match_status character varying(20) NOT NULL,
    payment_id uuid,
    matched_by character varying(256),
    matched_at timestamp with time zone,
    CONSTRAINT pk_bank_statement_lines PRIMARY KEY (id),
    CONSTRAINT fk_bank_statement_lines_bank_reconciliations_reconciliation_id FOREIGN KEY (reconciliation_id) REFERENCES bank_reconciliations (id) ON DELETE CASCADE,
    CONSTRAINT fk_bank_statement_lines_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT
);

CREATE INDEX ix_accounting_periods_start_date_end_date ON accounting_periods (start_date, end_date);

CREATE INDEX ix_bank_reconciliations_bank_account_statement_date ON bank_reconciliations (bank_account, statement_date);

CREATE UNIQUE INDEX ix_bank_statement_lines_reconciliation_id_line_no ON bank_statement_lines (reconciliation_id, line_no);

CREATE UNIQUE INDEX ux_bank_statement_lines_payment ON bank_statement_lines (payment_id) WHERE payment_id IS NOT NULL;

CREATE INDEX ix_customer_reconciliations_customer_id_reconciliation_date ON customer_reconciliations (customer_id, reconciliation_date);

CREATE INDEX ix_interest_accruals_account_id ON interest_accruals (account_id);

CREATE INDEX ix_interest_accruals_entry_id ON interest_accruals (entry_id);

CREATE INDEX ix_interest_accruals_period_account_id ON interest_accruals (period, account_id);

CREATE UNIQUE INDEX ix_interest_accruals_run_id_account_id ON interest_accruals (run_id, account_id);

CREATE INDEX ix_period_audit_period_at ON period_audit (period, at);

CREATE INDEX ix_period_balances_account_id ON period_balances (account_id);

CREATE INDEX ix_period_close_exceptions_run_id ON period_close_exceptions (run_id);

CREATE INDEX ix_period_close_runs_period_started_at ON period_close_runs (period, started_at);

CREATE UNIQUE INDEX ux_period_close_runs_one_running ON period_close_runs (status) WHERE status = 'RUNNING';

CREATE INDEX ix_period_provisions_entry_id ON period_provisions (entry_id);

CREATE INDEX ix_period_provisions_period ON period_provisions (period);

CREATE UNIQUE INDEX ix_period_provisions_run_id_currency ON period_provisions (run_id, currency);

CREATE UNIQUE INDEX ux_period_reopen_requests_one_pending ON period_reopen_requests (period) WHERE status = 'PENDING_APPROVAL';

CREATE INDEX ix_statements_account_id ON statements (account_id);

CREATE INDEX ix_statements_customer_id_period ON statements (customer_id, period);

CREATE UNIQUE INDEX ix_statements_period_account_id ON statements (period, account_id);

-- The allowance for doubtful receivables and its expense account, per currency.
INSERT INTO ledger_accounts (id, code, kind, currency, name)
SELECT gen_random_uuid(), k.kind || '-' || c.currency, k.kind, c.currency, k.name || ' ' || c.currency
FROM (VALUES ('ALLOWANCE', 'Allowance for doubtful receivables'), ('PROVISION_EXPENSE', 'Provision expense')) AS k(kind, name)
CROSS JOIN (VALUES ('TRY'), ('USD'), ('EUR'), ('GBP')) AS c(currency);

-- What a close booked, and the audit of periods, are history: insert-only.
CREATE TRIGGER interest_accruals_insert_only BEFORE UPDATE OR DELETE ON interest_accruals
    FOR EACH ROW EXECUTE FUNCTION forbid_update_delete();
CREATE TRIGGER period_provisions_insert_only BEFORE UPDATE OR DELETE ON period_provisions
    FOR EACH ROW EXECUTE FUNCTION forbid_update_delete();
CREATE TRIGGER period_audit_insert_only BEFORE UPDATE OR DELETE ON period_audit
    FOR EACH ROW EXECUTE FUNCTION forbid_update_delete();
