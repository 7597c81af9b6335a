-- ./bankoffice bench collections: grows the book by customers :first..:last (psql -v first=… -v last=…).
-- Each gets a TRY credit account and 4 invoices dated 5 to 184 days ago on NET30 (most past due),
-- each with its balanced journal entry (RECEIVABLES debit, REVENUE credit), as the API would post it.
-- A third of the cases go to each demo collector, every tenth customer has an open promise to pay,
-- every twentieth a disputed invoice. Ids C100001… stay clear of the demo customers.
\set ON_ERROR_STOP on
BEGIN;

CREATE TEMP TABLE bench_customers ON COMMIT DROP AS
SELECT g, 'C' || lpad((100000 + g)::text, 6, '0') AS id FROM generate_series(:first, :last) g;

INSERT INTO customers (id, kind, name, created_at, updated_at)
SELECT id, 'BUSINESS', 'Queue Bench ' || g, now(), now() FROM bench_customers;

INSERT INTO credit_accounts (customer_id, currency, credit_limit, payment_terms, risk_category, account_status,
                             next_review_date, reviewer, unallocated_credit, created_at, updated_at)
SELECT id, 'TRY', 50000 + (g % 20) * 25000, 'NET30', (ARRAY['A','B','C','D'])[1 + g % 4], 'ACTIVE',
       current_date + (g % 120) - 30, 'credit@bankoffice.local', 0, now(), now()
FROM bench_customers;

CREATE TEMP TABLE bench_invoices ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, c.id AS customer_id, c.g, k,
       current_date - (5 + ((c.g * 7 + k * 45) % 180)) AS invoice_date,
       round((500 + (c.g * 37 + k * 911) % 60000)::numeric, 2) AS total
FROM bench_customers c CROSS JOIN generate_series(1, 4) k;

INSERT INTO journal_entries (id, kind, description, value_date, posted_at, actor, amount, currency)
SELECT id, 'INVOICE', 'Invoice QB-' || g || '-' || k || ' to ' || customer_id, invoice_date, now(), 'bench', total, 'TRY'
FROM bench_invoices;

INSERT INTO journal_lines (entry_id, ledger_account_id, currency, amount)
SELECT i.id, la.id, 'TRY', CASE la.kind WHEN 'RECEIVABLES' THEN -i.total ELSE i.total END
FROM bench_invoices i JOIN ledger_accounts la ON la.currency = 'TRY' AND la.kind IN ('RECEIVABLES', 'REVENUE');

INSERT INTO invoices (id, number, customer_id, currency, invoice_date, due_date, payment_terms, subtotal, tax, total, paid,
                      status, created_by, created_at, entry_id)
SELECT id, 'QB-' || g || '-' || k, customer_id, 'TRY', invoice_date, invoice_date + 30, 'NET30', total, 0, total, 0,
       'OPEN', 'bench', now(), id
FROM bench_invoices;

INSERT INTO collection_cases (customer_id, status, assigned_to, assigned_at, updated_at)
SELECT id, CASE WHEN g % 10 = 0 THEN 'PROMISED' ELSE 'IN_PROGRESS' END,
       CASE g % 3 WHEN 0 THEN 'collector@bankoffice.local' ELSE 'collector2@bankoffice.local' END, now(), now()
FROM bench_customers WHERE g % 3 <> 2;

INSERT INTO promises_to_pay (id, customer_id, currency, amount, promise_date, made_on, status, created_by, created_at)
SELECT gen_random_uuid(), id, 'TRY', 1000, current_date + 7, current_date, 'OPEN', 'collector@bankoffice.local', now()
FROM bench_customers WHERE g % 10 = 0;

INSERT INTO invoice_disputes (id, invoice_id, customer_id, amount, reason, status, raised_by, raised_at)
SELECT gen_random_uuid(), i.id, i.customer_id, round(i.total / 2, 2), 'Quantity difference', 'OPEN', 'bench', now()
FROM bench_invoices i WHERE i.g % 20 = 0 AND i.k = 1;

COMMIT;
ANALYZE;
