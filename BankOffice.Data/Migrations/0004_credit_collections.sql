-- 0004: credit (applications and decisions, limit changes with their history, reviews) and
-- collections (cases, activities, promises to pay, payment plans, escalations), invoice disputes,
-- and the transactional outbox that records events in the same transaction as the change.
-- Tables generated from the model with tools/BankOffice.SchemaScript, then the additions below.

-- Credit status is derived from utilisation and overdue days when read (Core/Credit/CreditRules.cs), no longer stored.
ALTER TABLE credit_accounts DROP COLUMN credit_status;
ALTER TABLE credit_accounts ADD COLUMN next_review_date date;
ALTER TABLE credit_accounts ADD COLUMN reviewer character varying(256);
CREATE INDEX ix_credit_accounts_next_review_date ON credit_accounts (next_review_date);

CREATE SEQUENCE credit_application_number_seq START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE SEQUENCE credit_approval_seq START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE SEQUENCE payment_plan_number_seq START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE TABLE credit_applications (
    id uuid NOT NULL,
    number character varying(30) NOT NULL,
    customer_id character varying(16) NOT NULL,
    currency character varying(3) NOT NULL,
    current_limit numeric(19,4) NOT NULL,
    requested_limit numeric(19,4) NOT NULL,
    justification character varying(1000) NOT NULL,
    annual_revenue numeric(19,4),
    current_ratio numeric(9,4),
    debt_ratio numeric(9,4),
    status character varying(20) NOT NULL,
    submitted_by character varying(256) NOT NULL,
    submitted_at timestamp with time zone NOT NULL,
    decided_by character varying(256),
    decided_at timestamp with time zone,
    approved_limit numeric(19,4),
    conditions text[] NOT NULL,
    effective_date date,
    review_date date,
    decision_notes character varying(1000),
    limit_change_id uuid,
    CONSTRAINT pk_credit_applications PRIMARY KEY (id),
    CONSTRAINT ck_credit_applications_limits CHECK (requested_limit > 0 AND current_limit >= 0 AND (approved_limit IS NULL OR approved_limit > 0)),
    CONSTRAINT fk_credit_applications_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
);
CREATE TABLE credit_application_references (
    application_id uuid NOT NULL,
    line_no integer NOT NULL,
    company character varying(200) NOT NULL,
    contact character varying(200),
    phone character varying(200),
    CONSTRAINT pk_credit_application_references PRIMARY KEY (application_id, line_no),
    CONSTRAINT "fk_credit_application_references_credit_applications_applicati~" FOREIGN KEY (application_id) REFERENCES credit_applications (id) ON DELETE CASCADE
);
CREATE TABLE credit_limit_changes (
    id uuid NOT NULL,
    approval_id character varying(30) NOT NULL,
    customer_id character varying(16) NOT NULL,
    currency character varying(3) NOT NULL,
    previous_limit numeric(19,4) NOT NULL,
    new_limit numeric(19,4) NOT NULL,
    effective_date date NOT NULL,
    review_date date,
    reason character varying(500) NOT NULL,
    source character varying(20) NOT NULL,
    application_id uuid,
    status character varying(20) NOT NULL,
    requested_by character varying(256) NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    approved_by character varying(256),
    approved_at timestamp with time zone,
    applied_at timestamp with time zone,
    rejected_by character varying(256),
    rejection_reason character varying(500),
    CONSTRAINT pk_credit_limit_changes PRIMARY KEY (id),
    CONSTRAINT ck_credit_limit_changes_limits CHECK (previous_limit >= 0 AND new_limit >= 0),
    CONSTRAINT fk_credit_limit_changes_credit_applications_application_id FOREIGN KEY (application_id) REFERENCES credit_applications (id) ON DELETE RESTRICT,
    CONSTRAINT fk_credit_limit_changes_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
);
CREATE TABLE credit_reviews (
    id uuid NOT NULL,
    customer_id character varying(16) NOT NULL,
    previous_category character varying(1) NOT NULL,
    risk_category character varying(1) NOT NULL,
    next_review_date date NOT NULL,
    notes character varying(1000),
    reviewed_by character varying(256) NOT NULL,
    reviewed_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_credit_reviews PRIMARY KEY (id),
    CONSTRAINT fk_credit_reviews_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
);
CREATE INDEX ix_credit_applications_customer_id ON credit_applications (customer_id);
CREATE UNIQUE INDEX ix_credit_applications_number ON credit_applications (number);
CREATE INDEX ix_credit_applications_status_submitted_at ON credit_applications (status, submitted_at);
-- One application waiting for a decision per customer, even when two are submitted at once.
CREATE UNIQUE INDEX ux_credit_applications_one_pending ON credit_applications (customer_id) WHERE status = 'PENDING';
CREATE INDEX ix_credit_limit_changes_application_id ON credit_limit_changes (application_id);
CREATE UNIQUE INDEX ix_credit_limit_changes_approval_id ON credit_limit_changes (approval_id);
CREATE INDEX ix_credit_limit_changes_customer_id_requested_at ON credit_limit_changes (customer_id, requested_at);
CREATE INDEX ix_credit_limit_changes_status_effective_date ON credit_limit_changes (status, effective_date);
CREATE INDEX ix_credit_reviews_customer_id_reviewed_at ON credit_reviews (customer_id, reviewed_at);

-- Disputed invoice amounts leave the collections queue while open.
CREATE TABLE invoice_disputes (
    id uuid NOT NULL,
    invoice_id uuid NOT NULL,
    customer_id character varying(16) NOT NULL,
    amount numeric(19,4) NOT NULL,
    reason character varying(500) NOT NULL,
    status character varying(20) NOT NULL,
    raised_by character varying(256) NOT NULL,
    raised_at timestamp with time zone NOT NULL,
    resolved_by character varying(256),
    resolved_at timestamp with time zone,
    resolution character varying(500),
    CONSTRAINT pk_invoice_disputes PRIMARY KEY (id),
    CONSTRAINT ck_invoice_disputes_amount CHECK (amount > 0),
    CONSTRAINT fk_invoice_disputes_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT,
    CONSTRAINT fk_invoice_disputes_invoices_invoice_id FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE RESTRICT
);
CREATE INDEX ix_invoice_disputes_customer_id_status ON invoice_disputes (customer_id, status);
CREATE INDEX ix_invoice_disputes_invoice_id ON invoice_disputes (invoice_id);

CREATE TABLE collection_cases (
    customer_id character varying(16) NOT NULL,
    status character varying(20) NOT NULL,
    assigned_to character varying(256),
    assigned_at timestamp with time zone,
    escalation_level character varying(20),
    escalated_at timestamp with time zone,
    next_action character varying(20),
    next_action_date date,
    last_activity_at timestamp with time zone,
    plan_breached_at timestamp with time zone,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_collection_cases PRIMARY KEY (customer_id),
    CONSTRAINT fk_collection_cases_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
);
CREATE TABLE promises_to_pay (
    id uuid NOT NULL,
    customer_id character varying(16) NOT NULL,
    currency character varying(3) NOT NULL,
    amount numeric(19,4) NOT NULL,
    promise_date date NOT NULL,
    made_on date NOT NULL,
    status character varying(20) NOT NULL,
    paid_amount numeric(19,4),
    created_by character varying(256) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    resolved_at timestamp with time zone,
    CONSTRAINT pk_promises_to_pay PRIMARY KEY (id),
    CONSTRAINT ck_promises_to_pay_amount CHECK (amount > 0),
    CONSTRAINT fk_promises_to_pay_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
);
CREATE TABLE collection_activities (
    id uuid NOT NULL,
    customer_id character varying(16) NOT NULL,
    activity_type character varying(20) NOT NULL,
    contact_person character varying(200),
    outcome character varying(30) NOT NULL,
    notes character varying(2000),
    next_action character varying(20),
    next_action_date date,
    promise_id uuid,
    created_by character varying(256) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_collection_activities PRIMARY KEY (id),
    CONSTRAINT fk_collection_activities_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT,
    CONSTRAINT fk_collection_activities_promises_to_pay_promise_id FOREIGN KEY (promise_id) REFERENCES promises_to_pay (id) ON DELETE RESTRICT
);
CREATE TABLE payment_plans (
    id uuid NOT NULL,
    number character varying(30) NOT NULL,
    customer_id character varying(16) NOT NULL,
    currency character varying(3) NOT NULL,
    total_amount numeric(19,4) NOT NULL,
    down_payment numeric(19,4) NOT NULL,
    installment_count integer NOT NULL,
    start_date date NOT NULL,
    agreed_on date NOT NULL,
    status character varying(20) NOT NULL,
    notes character varying(1000),
    created_by character varying(256) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    resolved_at timestamp with time zone,
    cancelled_by character varying(256),
    cancel_reason character varying(500),
    CONSTRAINT pk_payment_plans PRIMARY KEY (id),
    CONSTRAINT ck_payment_plans_amounts CHECK (total_amount > 0 AND down_payment >= 0 AND down_payment < total_amount),
    CONSTRAINT fk_payment_plans_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
);
CREATE TABLE payment_plan_installments (
    plan_id uuid NOT NULL,
    sequence integer NOT NULL,
    due_date date NOT NULL,
    amount numeric(19,4) NOT NULL,
    CONSTRAINT pk_payment_plan_installments PRIMARY KEY (plan_id, sequence),
    CONSTRAINT ck_payment_plan_installments_amount CHECK (amount > 0),
    CONSTRAINT fk_payment_plan_installments_payment_plans_plan_id FOREIGN KEY (plan_id) REFERENCES payment_plans (id) ON DELETE CASCADE
);
CREATE TABLE collection_escalations (
    id uuid NOT NULL,
    customer_id character varying(16) NOT NULL,
    level character varying(20) NOT NULL,
    reason character varying(1000) NOT NULL,
    overdue_amount numeric(19,4) NOT NULL,
    currency character varying(3) NOT NULL,
    escalated_by character varying(256) NOT NULL,
    escalated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_collection_escalations PRIMARY KEY (id),
    CONSTRAINT fk_collection_escalations_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
);
CREATE INDEX ix_collection_cases_assigned_to ON collection_cases (assigned_to);
CREATE INDEX ix_promises_to_pay_customer_id_status ON promises_to_pay (customer_id, status);
CREATE UNIQUE INDEX ux_promises_to_pay_one_open ON promises_to_pay (customer_id) WHERE status = 'OPEN';
CREATE INDEX ix_collection_activities_customer_id_created_at ON collection_activities (customer_id, created_at);
CREATE INDEX ix_collection_activities_promise_id ON collection_activities (promise_id);
CREATE INDEX ix_payment_plans_customer_id_created_at ON payment_plans (customer_id, created_at);
CREATE UNIQUE INDEX ix_payment_plans_number ON payment_plans (number);
CREATE UNIQUE INDEX ux_payment_plans_one_active ON payment_plans (customer_id) WHERE status = 'ACTIVE';
CREATE INDEX ix_collection_escalations_customer_id_escalated_at ON collection_escalations (customer_id, escalated_at);

-- Events recorded with the change that raised them (published by the events issue's publisher).
CREATE TABLE outbox_messages (
    id uuid NOT NULL,
    sequence bigint GENERATED ALWAYS AS IDENTITY,
    type character varying(100) NOT NULL,
    aggregate_type character varying(50) NOT NULL,
    aggregate_id character varying(64) NOT NULL,
    payload jsonb NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_outbox_messages PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_outbox_messages_sequence ON outbox_messages (sequence);

-- The record of contacts, escalations and limit decisions is history: insert-only.
CREATE TRIGGER collection_activities_insert_only BEFORE UPDATE OR DELETE ON collection_activities FOR EACH ROW EXECUTE FUNCTION forbid_update_delete();
CREATE TRIGGER collection_escalations_insert_only BEFORE UPDATE OR DELETE ON collection_escalations FOR EACH ROW EXECUTE FUNCTION forbid_update_delete();
CREATE TRIGGER credit_reviews_insert_only BEFORE UPDATE OR DELETE ON credit_reviews FOR EACH ROW EXECUTE FUNCTION forbid_update_delete();
CREATE TRIGGER credit_limit_changes_no_delete BEFORE DELETE ON credit_limit_changes FOR EACH ROW EXECUTE FUNCTION forbid_update_delete();
