-- 0002: the double-entry ledger: internal accounts, journal entries and lines, idempotency keys.
-- Tables generated from the model with tools/BankOffice.SchemaScript, then the guards below.

CREATE TABLE ledger_accounts (
    id uuid NOT NULL,
    code character varying(50) NOT NULL,
    kind character varying(20) NOT NULL,
    currency character varying(3) NOT NULL,
    name character varying(100) NOT NULL,
    CONSTRAINT pk_ledger_accounts PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_ledger_accounts_code ON ledger_accounts (code);

CREATE TABLE journal_entries (
    id uuid NOT NULL,
    kind character varying(20) NOT NULL,
    description character varying(500) NOT NULL,
    value_date date NOT NULL,
    posted_at timestamp with time zone NOT NULL,
    actor character varying(256) NOT NULL,
    idempotency_key character varying(100),
    reversal_of uuid,
    amount numeric(19,4) NOT NULL,
    currency character varying(3) NOT NULL,
    CONSTRAINT pk_journal_entries PRIMARY KEY (id),
    CONSTRAINT ck_journal_entries_amount_positive CHECK (amount > 0),
    CONSTRAINT fk_journal_entries_journal_entries_reversal_of FOREIGN KEY (reversal_of) REFERENCES journal_entries (id) ON DELETE RESTRICT
);
CREATE INDEX ix_journal_entries_posted_at ON journal_entries (posted_at);
CREATE UNIQUE INDEX ix_journal_entries_reversal_of ON journal_entries (reversal_of);
CREATE INDEX ix_journal_entries_value_date ON journal_entries (value_date);

CREATE TABLE journal_lines (
    id bigint GENERATED ALWAYS AS IDENTITY,
    entry_id uuid NOT NULL,
    account_id uuid,
    ledger_account_id uuid,
    currency character varying(3) NOT NULL,
    amount numeric(19,4) NOT NULL,
    balance_after numeric(19,4),
    CONSTRAINT pk_journal_lines PRIMARY KEY (id),
    CONSTRAINT ck_journal_lines_amount_not_zero CHECK (amount <> 0),
    CONSTRAINT ck_journal_lines_one_account CHECK ((account_id IS NULL) <> (ledger_account_id IS NULL)),
    CONSTRAINT fk_journal_lines_accounts_account_id FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE RESTRICT,
    CONSTRAINT fk_journal_lines_journal_entries_entry_id FOREIGN KEY (entry_id) REFERENCES journal_entries (id) ON DELETE RESTRICT,
    CONSTRAINT fk_journal_lines_ledger_accounts_ledger_account_id FOREIGN KEY (ledger_account_id) REFERENCES ledger_accounts (id) ON DELETE RESTRICT
);
CREATE INDEX ix_journal_lines_account_id_id ON journal_lines (account_id, id) WHERE account_id IS NOT NULL;
CREATE INDEX ix_journal_lines_entry_id ON journal_lines (entry_id);
CREATE INDEX ix_journal_lines_ledger_account_id ON journal_lines (ledger_account_id) WHERE ledger_account_id IS NOT NULL;

CREATE TABLE idempotency_keys (
    user_id character varying(450) NOT NULL,
    key character varying(100) NOT NULL,
    request_hash character varying(64) NOT NULL,
    entry_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (user_id, key)
);
CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);

-- The bank's internal accounts: one per kind and currency.
INSERT INTO ledger_accounts (id, code, kind, currency, name)
SELECT gen_random_uuid(), k.kind || '-' || c.currency, k.kind, c.currency, k.name || ' ' || c.currency
FROM (VALUES ('CASH', 'Cash and vault'), ('CLEARING', 'Clearing'), ('INTEREST', 'Interest'), ('FEES', 'Fees'),
             ('SUSPENSE', 'Suspense'), ('RECEIVABLES', 'Receivables')) AS k(kind, name)
CROSS JOIN (VALUES ('TRY'), ('USD'), ('EUR'), ('GBP')) AS c(currency);

-- Entries and lines are insert-only (forbid_update_delete comes from 0001).
CREATE TRIGGER journal_entries_insert_only BEFORE UPDATE OR DELETE ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION forbid_update_delete();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_update_delete();
CREATE TRIGGER journal_lines_insert_only BEFORE UPDATE OR DELETE ON journal_lines
    FOR EACH ROW EXECUTE FUNCTION forbid_update_delete();
CREATE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON journal_lines
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_update_delete();

-- At commit, every entry that got lines has at least two and they sum to zero per currency.
CREATE FUNCTION check_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    line_count integer;
    unbalanced record;
BEGIN
    SELECT count(*) INTO line_count FROM journal_lines WHERE entry_id = NEW.entry_id;
    IF line_count < 2 THEN
        RAISE EXCEPTION 'journal entry % has % line(s); at least two are required', NEW.entry_id, line_count
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT currency, sum(amount) AS total INTO unbalanced
    FROM journal_lines WHERE entry_id = NEW.entry_id
    GROUP BY currency HAVING sum(amount) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal entry % does not balance in %: %', NEW.entry_id, unbalanced.currency, unbalanced.total
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_entry_balanced();

-- Balances that existed before the ledger (issue 2's demo data) become opening entries against
-- suspense, so that from now on every balance equals the sum of its lines.
WITH opening AS MATERIALIZED (
    SELECT a.id AS account_id, a.currency, a.balance, gen_random_uuid() AS entry_id
    FROM accounts a WHERE a.balance <> 0
), entries AS (
    INSERT INTO journal_entries (id, kind, description, value_date, posted_at, actor, idempotency_key, reversal_of, amount, currency)
    SELECT o.entry_id, 'OPENING', 'Opening balance taken over into the ledger', current_date, now(), 'migration 0002', NULL, NULL, abs(o.balance), o.currency
    FROM opening o
    RETURNING id
)
INSERT INTO journal_lines (entry_id, account_id, ledger_account_id, currency, amount, balance_after)
SELECT o.entry_id, o.account_id, NULL, o.currency, o.balance, o.balance FROM opening o
UNION ALL
SELECT o.entry_id, NULL, l.id, o.currency, -o.balance, NULL FROM opening o JOIN ledger_accounts l ON l.code = 'SUSPENSE-' || o.currency;

ALTER TABLE accounts ADD CONSTRAINT ck_accounts_balance_sign
    CHECK ((type = 'LOAN' AND balance <= 0) OR (type <> 'LOAN' AND balance >= 0));
