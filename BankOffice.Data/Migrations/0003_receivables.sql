-- 0003: receivables: customer credit accounts, invoices and their items, payments and their allocations, credit notes.
-- Tables generated from the model with tools/BankOffice.SchemaScript, then the additions below.

CREATE SEQUENCE invoice_number_seq START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE SEQUENCE payment_number_seq START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE TABLE credit_accounts (
    customer_id character varying(16) NOT NULL,
    currency character varying(3) NOT NULL,
    credit_limit numeric(19,4) NOT NULL,
    payment_terms character varying(20) NOT NULL,
    risk_category character varying(1) NOT NULL,
    credit_status character varying(20) NOT NULL,
    account_status character varying(20) NOT NULL,
    unallocated_credit numeric(19,4) NOT NULL,
    last_payment_date date,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_credit_accounts PRIMARY KEY (customer_id),
    CONSTRAINT ck_credit_accounts_amounts CHECK (credit_limit >= 0 AND unallocated_credit >= 0),
    CONSTRAINT fk_credit_accounts_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT
);
CREATE TABLE invoices (
    id uuid NOT NULL,
    number character varying(30) NOT NULL,
    customer_id character varying(16) NOT NULL,
    currency character varying(3) NOT NULL,
    invoice_date date NOT NULL,
    due_date date NOT NULL,
    payment_terms character varying(20) NOT NULL,
    subtotal numeric(19,4) NOT NULL,
    tax numeric(19,4) NOT NULL,
    total numeric(19,4) NOT NULL,
    paid numeric(19,4) NOT NULL,
    status character varying(20) NOT NULL,
    credit_override_reason character varying(500),
    created_by character varying(256) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    entry_id uuid NOT NULL,
    CONSTRAINT pk_invoices PRIMARY KEY (id),
    CONSTRAINT ck_invoices_paid_within_total CHECK (paid >= 0 AND paid <= total),
    CONSTRAINT fk_invoices_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT,
    CONSTRAINT fk_invoices_journal_entries_entry_id FOREIGN KEY (entry_id) REFERENCES journal_entries (id) ON DELETE RESTRICT
);
CREATE TABLE payments (
    id uuid NOT NULL,
    number character varying(30) NOT NULL,
    customer_id character varying(16) NOT NULL,
    currency character varying(3) NOT NULL,
    amount numeric(19,4) NOT NULL,
    method character varying(20) NOT NULL,
    reference character varying(100) NOT NULL,
    payment_date date NOT NULL,
    allocation_type character varying(10) NOT NULL,
    unallocated numeric(19,4) NOT NULL,
    status character varying(20) NOT NULL,
    created_by character varying(256) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    entry_id uuid NOT NULL,
    reversed_at timestamp with time zone,
    reversal_reason character varying(500),
    reversed_by character varying(256),
    reversal_entry_id uuid,
    CONSTRAINT pk_payments PRIMARY KEY (id),
    CONSTRAINT ck_payments_amounts CHECK (amount > 0 AND unallocated >= 0 AND unallocated <= amount),
    CONSTRAINT fk_payments_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT,
    CONSTRAINT fk_payments_journal_entries_entry_id FOREIGN KEY (entry_id) REFERENCES journal_entries (id) ON DELETE RESTRICT
);
CREATE TABLE invoice_items (
    invoice_id uuid NOT NULL,
    line_no integer NOT NULL,
    product_code character varying(50) NOT NULL,
    description character varying(200) NOT NULL,
    quantity numeric(19,4) NOT NULL,
    unit_price numeric(19,4) NOT NULL,
    tax_rate numeric(9,6) NOT NULL,
    subtotal numeric(19,4) NOT NULL,
    tax numeric(19,4) NOT NULL,
    CONSTRAINT pk_invoice_items PRIMARY KEY (invoice_id, line_no),
    CONSTRAINT fk_invoice_items_invoices_invoice_id FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE CASCADE
);
CREATE TABLE payment_allocations (
    id bigint GENERATED ALWAYS AS IDENTITY,
    payment_id uuid NOT NULL,
    invoice_id uuid NOT NULL,
    applied numeric(19,4) NOT NULL,
    discount numeric(19,4) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_payment_allocations PRIMARY KEY (id),
    CONSTRAINT ck_payment_allocations_amounts CHECK (applied >= 0 AND discount >= 0 AND applied + discount > 0),
    CONSTRAINT fk_payment_allocations_invoices_invoice_id FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE RESTRICT,
    CONSTRAINT fk_payment_allocations_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT
);
CREATE INDEX ix_invoices_customer_id_due_date ON invoices (customer_id, due_date);
CREATE INDEX ix_invoices_entry_id ON invoices (entry_id);
CREATE UNIQUE INDEX ix_invoices_number ON invoices (number);
CREATE INDEX ix_payment_allocations_invoice_id ON payment_allocations (invoice_id);
CREATE INDEX ix_payment_allocations_payment_id ON payment_allocations (payment_id);
CREATE UNIQUE INDEX ix_payments_customer_id_reference_amount ON payments (customer_id, reference, amount) WHERE status = 'POSTED';
CREATE INDEX ix_payments_entry_id ON payments (entry_id);
CREATE UNIQUE INDEX ix_payments_number ON payments (number);
CREATE INDEX ix_payments_payment_date ON payments (payment_date);

-- Credit notes against invoices, with their items.
CREATE SEQUENCE credit_note_number_seq START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE TABLE credit_notes (
    id uuid NOT NULL,
    number character varying(30) NOT NULL,
    customer_id character varying(16) NOT NULL,
    invoice_id uuid NOT NULL,
    currency character varying(3) NOT NULL,
    credit_date date NOT NULL,
    reason character varying(100) NOT NULL,
    approved_by character varying(256) NOT NULL,
    subtotal numeric(19,4) NOT NULL,
    tax numeric(19,4) NOT NULL,
    total numeric(19,4) NOT NULL,
    entry_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_credit_notes PRIMARY KEY (id),
    CONSTRAINT ck_credit_notes_total_positive CHECK (total > 0),
    CONSTRAINT fk_credit_notes_customers_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT,
    CONSTRAINT fk_credit_notes_invoices_invoice_id FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE RESTRICT,
    CONSTRAINT fk_credit_notes_journal_entries_entry_id FOREIGN KEY (entry_id) REFERENCES journal_entries (id) ON DELETE RESTRICT
);
CREATE TABLE credit_note_items (
    line_no integer NOT NULL,
    credit_note_id uuid NOT NULL,
    product_code character varying(50) NOT NULL,
    description character varying(200) NOT NULL,
    quantity numeric(19,4) NOT NULL,
    unit_price numeric(19,4) NOT NULL,
    tax_rate numeric(9,6) NOT NULL,
    subtotal numeric(19,4) NOT NULL,
    tax numeric(19,4) NOT NULL,
    CONSTRAINT pk_credit_note_items PRIMARY KEY (credit_note_id, line_no),
    CONSTRAINT fk_credit_note_items_credit_notes_credit_note_id FOREIGN KEY (credit_note_id) REFERENCES credit_notes (id) ON DELETE CASCADE
);
CREATE INDEX ix_credit_notes_customer_id ON credit_notes (customer_id);
CREATE INDEX ix_credit_notes_entry_id ON credit_notes (entry_id);
CREATE INDEX ix_credit_notes_invoice_id ON credit_notes (invoice_id);
CREATE UNIQUE INDEX ix_credit_notes_number ON credit_notes (number);

-- The internal accounts receivables post to, per currency.
INSERT INTO ledger_accounts (id, code, kind, currency, name)
SELECT gen_random_uuid(), k.kind || '-' || c.currency, k.kind, c.currency, k.name || ' ' || c.currency
FROM (VALUES ('REVENUE', 'Revenue'), ('TAX_PAYABLE', 'Tax payable'), ('DISCOUNTS_ALLOWED', 'Discounts allowed'), ('BANK', 'Bank'),
             ('UNAPPLIED_CASH', 'Unapplied customer payments')) AS k(kind, name)
CROSS JOIN (VALUES ('TRY'), ('USD'), ('EUR'), ('GBP')) AS c(currency);

-- What a payment applied is history: allocations are insert-only.
CREATE TRIGGER payment_allocations_insert_only BEFORE UPDATE OR DELETE ON payment_allocations
    FOR EACH ROW EXECUTE FUNCTION forbid_update_delete();
