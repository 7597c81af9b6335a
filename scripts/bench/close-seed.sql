-- ./bankoffice bench close: a book for one period close (psql -v n=… -v m=… -v period_start=YYYY-MM-01).
-- The period is the month starting at :period_start (the last complete month before today).
--
-- * :n deposit accounts C2xxxxx (two per customer): 40 % SAVINGS, 40 % CHECKING, 20 % LOAN, in TRY
--   (half), EUR and USD (a quarter each), opened the day before the period.
-- * :m postings per account dated across the period (the first on day 1, the last on the last day),
--   each a journal entry with two lines, as the API would post them: a deposit account gets a first
--   deposit A (5,000-100,000) and then deposits (CASH) and every third posting a withdrawal of at most
--   A / 2m, so it never goes below A / 2; a LOAN is drawn down by A on day 1 (CLEARING) and repaid
--   at most A / 2m at a time, so it stays between -A and -A / 2.
--   Lines are credit-positive; the customer line comes first, then the internal one; customer lines
--   carry the running balance (balance_after) in line order, and each account's balance is the sum
--   of its lines. Every entry's lines sum to zero (asserted below, once, set-based).
--   Entry ids are time-ordered like the API's (Guid.CreateVersion7: 48-bit milliseconds, then the
--   account number to keep them unique) and entries and lines are inserted in posting-time order, so
--   the tables' physical order follows their id indexes as it does when the API posts day by day.
--   (With random ids every index scan over entries or lines jumps across the whole table, which
--   made the close's queries several times slower than they are on a book the API wrote.)
-- * Receivables for the provision step: every tenth customer has a credit account (TRY, EUR or USD)
--   and five open NET30 invoices, one in each aging bucket as of the period's last day (current, 1-30,
--   31-60, 61-90, over 90 days late), each with its INVOICE entry (RECEIVABLES debit, REVENUE credit).
-- * Not written: account_history rows for the postings (the close does not read them; one CREATE row
--   per account is written), invoice items, payments.
\set ON_ERROR_STOP on
BEGIN;

CREATE TEMP TABLE bench_period ON COMMIT DROP AS
SELECT d AS start_date, (d + interval '1 month' - interval '1 day')::date AS end_date,
       ((d + interval '1 month')::date - d) AS days
FROM (SELECT (:'period_start')::date AS d) p;

CREATE TEMP TABLE bench_accounts ON COMMIT DROP AS
SELECT g, gen_random_uuid() AS id,
       'C' || lpad((200000 + (g + 1) / 2)::text, 6, '0') AS customer_id,
       CASE WHEN g % 10 IN (0, 1) THEN 'LOAN' WHEN g % 10 IN (2, 3, 4, 5) THEN 'SAVINGS' ELSE 'CHECKING' END AS type,
       (ARRAY['TRY', 'TRY', 'EUR', 'USD'])[1 + (g / 10) % 4] AS currency,
       round(5000 + (g * 7919) % 95000 + (g % 100) / 100.0, 2) AS a,
       nextval('iban_serial_seq') AS serial
FROM generate_series(1, :n) g;
ALTER TABLE bench_accounts ADD PRIMARY KEY (g);

-- One row per posting, with the customer's signed amount and the running balance after it.
CREATE TEMP TABLE bench_postings ON COMMIT DROP AS
SELECT y.*,
       -- a version-7 layout: milliseconds of posted_at, '7', '000', variant '8', the account number in 15 hex digits
       (lpad(to_hex((extract(epoch FROM y.posted_at) * 1000)::bigint), 12, '0') || '7000' || '8' || lpad(to_hex(y.g), 15, '0'))::uuid AS entry_id
FROM (
SELECT x.*, sum(x.amount) OVER (PARTITION BY x.g ORDER BY x.k) AS balance_after,
       (x.value_date + time '09:00') AT TIME ZONE 'UTC' + x.k * interval '1 minute' AS posted_at
FROM (
    SELECT a.g, k, a.id AS account_id, a.currency, a.type,
           p.start_date + CASE WHEN k = :m AND :m > 1 THEN p.days - 1 ELSE ((k - 1) * p.days + a.g % :m) / :m END AS value_date,
           CASE
               WHEN k = 1 AND a.type = 'LOAN' THEN -a.a
               WHEN k = 1 THEN a.a
               WHEN a.type = 'LOAN' THEN round(a.a / (2 * :m) * (1 + (a.g * k) % 9) / 10, 2)
               WHEN k % 3 = 0 THEN -round(a.a / (2 * :m) * (1 + (a.g * k) % 9) / 10, 2)
               ELSE round(50 + (a.g * 31 + k * 977) % 5000 + ((a.g + k) % 100) / 100.0, 2)
           END AS amount
    FROM bench_accounts a CROSS JOIN generate_series(1, :m) k CROSS JOIN bench_period p
) x
) y;

INSERT INTO customers (id, kind, name, created_at, updated_at)
SELECT DISTINCT ON (customer_id) customer_id, CASE WHEN g % 4 = 1 THEN 'BUSINESS' ELSE 'PERSON' END, 'Close Bench ' || customer_id,
       ((p.start_date - 1) + time '08:00') AT TIME ZONE 'UTC', ((p.start_date - 1) + time '08:00') AT TIME ZONE 'UTC'
FROM bench_accounts CROSS JOIN bench_period p
ORDER BY customer_id, g;

-- IBANs as the API forms them (IbanOptions: TR, bank 00062, reserved 0, 16 digits from iban_serial_seq):
-- check digits 98 - mod97(BBAN || "TR00" with T=29, R=27).
INSERT INTO accounts (id, number, iban, customer_id, name, type, currency, status, balance, created_at, updated_at)
SELECT a.id, 'ACC-' || a.id, 'TR' || lpad((98 - mod(('000620' || lpad(a.serial::text, 16, '0') || '292700')::numeric, 97))::text, 2, '0')
           || '000620' || lpad(a.serial::text, 16, '0'),
       a.customer_id, 'Close Bench ' || a.g, a.type, a.currency, 'ACTIVE', b.balance,
       ((p.start_date - 1) + time '09:00') AT TIME ZONE 'UTC', (p.end_date + time '18:00') AT TIME ZONE 'UTC'
FROM bench_accounts a
JOIN (SELECT g, sum(amount) AS balance FROM bench_postings GROUP BY g) b ON b.g = a.g
CROSS JOIN bench_period p;

INSERT INTO account_history (account_id, account_number, operation, previous_balance, new_balance, description, actor, created_at)
SELECT a.id, 'ACC-' || a.id, 'CREATE', NULL, 0, 'Account created', 'bench', ((p.start_date - 1) + time '09:00') AT TIME ZONE 'UTC'
FROM bench_accounts a CROSS JOIN bench_period p;

INSERT INTO journal_entries (id, kind, description, value_date, posted_at, actor, amount, currency)
SELECT entry_id,
       CASE WHEN type = 'LOAN' AND amount < 0 THEN 'DEBIT' WHEN type = 'LOAN' THEN 'CREDIT' WHEN amount < 0 THEN 'WITHDRAWAL' ELSE 'DEPOSIT' END,
       CASE WHEN type = 'LOAN' AND amount < 0 THEN 'Loan drawdown' WHEN type = 'LOAN' THEN 'Loan repayment'
            WHEN amount < 0 THEN 'Cash withdrawal' ELSE 'Cash deposit' END,
       value_date, posted_at, 'bench', abs(amount), currency
FROM bench_postings
ORDER BY entry_id;

-- Per-row, this deferred trigger runs two queries for every line at commit (millions of them at
-- 100,000 accounts); the bench checks the same invariant once, set-based, below instead. Bench set-up
-- only: the ALTERs are part of this transaction and the trigger is on again at commit.
ALTER TABLE journal_lines DISABLE TRIGGER journal_lines_balanced;

-- In posting-time order, so each account's lines get increasing ids in posting order (balance_after is
-- the running balance in line order); the customer line before the internal one, as the API writes them.
INSERT INTO journal_lines (entry_id, account_id, ledger_account_id, currency, amount, balance_after)
SELECT entry_id, account_id, ledger_account_id, currency, amount, balance_after
FROM (
    SELECT 0 AS side, t.entry_id, t.account_id, NULL::uuid AS ledger_account_id, t.currency, t.amount, t.balance_after
    FROM bench_postings t
    UNION ALL
    SELECT 1, t.entry_id, NULL, la.id, t.currency, -t.amount, NULL
    FROM bench_postings t
    JOIN ledger_accounts la ON la.code = CASE WHEN t.type = 'LOAN' THEN 'CLEARING-' ELSE 'CASH-' END || t.currency
) l
ORDER BY entry_id, side;

-- Receivables: every tenth customer; five invoices, one per aging bucket as of the period's last day.
CREATE TEMP TABLE bench_credit ON COMMIT DROP AS
SELECT c, 'C' || lpad((200000 + c)::text, 6, '0') AS customer_id, (ARRAY['TRY', 'TRY', 'EUR', 'USD'])[1 + (c / 10) % 4] AS currency
FROM generate_series(10, (:n + 1) / 2, 10) c;

INSERT INTO credit_accounts (customer_id, currency, credit_limit, payment_terms, risk_category, account_status,
                             next_review_date, reviewer, unallocated_credit, created_at, updated_at)
SELECT customer_id, currency, 500000, 'NET30', (ARRAY['A', 'B', 'C', 'D'])[1 + c % 4], 'ACTIVE',
       p.end_date + 60 + c % 90, 'credit@bankoffice.local', 0,
       ((p.start_date - 200) + time '09:00') AT TIME ZONE 'UTC', ((p.start_date - 200) + time '09:00') AT TIME ZONE 'UTC'
FROM bench_credit CROSS JOIN bench_period p;

-- Days late at the period end: bucket 0 current (due on the last day or up to 24 days after it),
-- 1: 1-30, 2: 31-60, 3: 61-90, 4: 91-290. NET30, so each invoice is dated 30 days before its due date,
-- always on or before the period's last day.
CREATE TEMP TABLE bench_invoices ON COMMIT DROP AS
SELECT (lpad(to_hex((extract(epoch FROM ((x.due_date - 30) + time '10:00') AT TIME ZONE 'UTC') * 1000)::bigint), 12, '0') || '7000' || '9'
        || lpad(to_hex(x.c * 5 + x.b), 15, '0'))::uuid AS id,
       x.customer_id, x.currency, x.c, x.b, x.due_date - 30 AS invoice_date, x.due_date, x.total
FROM (
    SELECT cr.customer_id, cr.currency, cr.c, b,
           p.end_date - CASE b WHEN 0 THEN -(cr.c % 25) WHEN 1 THEN 1 + cr.c % 30 WHEN 2 THEN 31 + cr.c % 30
                                  WHEN 3 THEN 61 + cr.c % 30 ELSE 91 + cr.c % 200 END AS due_date,
           round(100 + (cr.c * 37 + b * 911) % 20000 + (cr.c % 100) / 100.0, 2) AS total
    FROM bench_credit cr CROSS JOIN generate_series(0, 4) b CROSS JOIN bench_period p
) x;

INSERT INTO journal_entries (id, kind, description, value_date, posted_at, actor, amount, currency)
SELECT id, 'INVOICE', 'Invoice CB-' || c || '-' || b || ' to ' || customer_id, invoice_date,
       (invoice_date + time '10:00') AT TIME ZONE 'UTC', 'bench', total, currency
FROM bench_invoices
ORDER BY id;

INSERT INTO journal_lines (entry_id, ledger_account_id, currency, amount)
SELECT i.id, la.id, i.currency, CASE la.kind WHEN 'RECEIVABLES' THEN -i.total ELSE i.total END
FROM bench_invoices i JOIN ledger_accounts la ON la.currency = i.currency AND la.kind IN ('RECEIVABLES', 'REVENUE')
ORDER BY i.id, la.kind;

INSERT INTO invoices (id, number, customer_id, currency, invoice_date, due_date, payment_terms, subtotal, tax, total, paid,
                      status, created_by, created_at, entry_id)
SELECT id, 'CB-' || c || '-' || b, customer_id, currency, invoice_date, due_date, 'NET30', total, 0, total, 0,
       'OPEN', 'bench', (invoice_date + time '10:00') AT TIME ZONE 'UTC', id
FROM bench_invoices;

-- The invariants the ledger check proves, for what this script wrote: every entry has two lines
-- summing to zero, and every account's balance is the sum of its lines.
DO $$
DECLARE
    bad record;
BEGIN
    SELECT e.id, count(l.id) AS lines, coalesce(sum(l.amount), 0) AS total INTO bad
    FROM journal_entries e LEFT JOIN journal_lines l ON l.entry_id = e.id
    WHERE e.actor = 'bench'
    GROUP BY e.id HAVING count(l.id) < 2 OR coalesce(sum(l.amount), 0) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'bench entry % has % line(s) summing to %', bad.id, bad.lines, bad.total;
    END IF;
    SELECT a.number, a.balance, s.total INTO bad
    FROM accounts a JOIN bench_accounts b ON b.id = a.id
    JOIN (SELECT account_id, sum(amount) AS total FROM journal_lines WHERE account_id IN (SELECT id FROM bench_accounts) GROUP BY account_id) s
      ON s.account_id = a.id
    WHERE a.balance <> s.total LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'bench account % has balance % but lines summing to %', bad.number, bad.balance, bad.total;
    END IF;
END
$$;

ALTER TABLE journal_lines ENABLE TRIGGER journal_lines_balanced;

-- Bench set-up, not product behaviour: the API refuses to close a month while an earlier one is
-- open, and closing the months before this one for real is not what is measured. So here, in the
-- throwaway bench database only, every month from the first posting up to the one before the bench
-- period is marked CLOSED (created if missing), and the bench period exists and is OPEN.
INSERT INTO accounting_periods (id, start_date, end_date, close_deadline, status, closed_at, closed_by, approved_by, reopen_count)
SELECT to_char(m, 'YYYY-MM'), m::date, (m + interval '1 month' - interval '1 day')::date,
       (m + interval '1 month' - interval '1 day')::date + 5, 'CLOSED', now(), 'bench', 'bench', 0
FROM bench_period p,
     generate_series(date_trunc('month', (SELECT min(value_date) FROM journal_entries)::timestamp), p.start_date - interval '1 month', interval '1 month') m
ON CONFLICT (id) DO UPDATE SET status = 'CLOSED', closed_at = excluded.closed_at, closed_by = 'bench', approved_by = 'bench';

INSERT INTO accounting_periods (id, start_date, end_date, close_deadline, status, reopen_count)
SELECT to_char(start_date, 'YYYY-MM'), start_date, end_date, end_date + 5, 'OPEN', 0 FROM bench_period
ON CONFLICT (id) DO NOTHING;

COMMIT;

-- A book the API wrote over a month has been vacuumed by autovacuum along the way: hint bits set, the
-- visibility map current, statistics fresh. Without this the close's first reads of the freshly loaded
-- pages set the hint bits and write them out (and a checkpoint of the load runs during the close),
-- which measures the bulk load, not the close.
VACUUM (ANALYZE);
CHECKPOINT;
