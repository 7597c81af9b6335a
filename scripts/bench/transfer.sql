-- pgbench script: one API transfer (POST /api/v1/transactions/transfer -> TransactionService.TransferAsync
-- -> PostingEngine.PostAsync) as the database sees it: the same statements, in the same transaction,
-- in the same number of round trips (BEGIN rides with the first batch, as Npgsql sends it; the key
-- claim and the lock go together, the five writes go as one batch; COMMIT fires the deferred
-- journal_lines_balanced trigger). pgbench runs the simple query protocol (compound commands need
-- it), while the API's Npgsql auto-prepares its statements: the SQL side parses and plans each time.
--
-- Variables (pgbench -D): naccounts (rows in bench_accounts, filled with the API-seeded account
-- numbers), userid (the teller's users.id, the idempotency key's scope), actor (the teller's e-mail).
-- Amount 0.01 TRY between a random pair of distinct accounts; balance_after comes from the balances
-- locked in round trip 2, so the books stay balanced and the admin ledger check passes afterwards.
--
-- Differences from the API, all small: the idempotency INSERT has a RETURNING clause (pgbench keeps
-- the new key and entry id), the account numbers come from bench_accounts inside the locking query,
-- and that SELECT is wrapped in one aggregate row (pgbench's \aset takes one row per query) that also
-- computes the two new balances, which the API computes in C# from the same locked rows.

\set a random(1, :naccounts)
\set b random(1, :naccounts - 1)
\if :b >= :a
\set b :b + 1
\endif

-- round trip 1: BEGIN + claim the idempotency key + the value date's period lock (shared) and status
-- (PeriodGuard) + lock both accounts in id order (PostingEngine.ClaimAndLockAsync sends these as one batch)
BEGIN \;
INSERT INTO idempotency_keys (user_id, key, request_hash, entry_id, created_at)
VALUES (':userid', gen_random_uuid()::text, upper(md5(random()::text) || md5(random()::text)), gen_random_uuid(), now())
ON CONFLICT (user_id, key) DO NOTHING
RETURNING key AS idem_key, entry_id \;
SELECT count(*) AS period_lock FROM (SELECT pg_advisory_xact_lock_shared(1346720324, coalesce(
    (SELECT (extract(year FROM p.start_date) * 100 + extract(month FROM p.start_date))::int FROM accounting_periods p
     WHERE p.start_date > (now() AT TIME ZONE 'UTC')::date AND NOT EXISTS (SELECT 1 FROM accounting_periods q WHERE q.start_date <= (now() AT TIME ZONE 'UTC')::date)
     ORDER BY p.start_date LIMIT 1),
    (extract(year FROM now() AT TIME ZONE 'UTC') * 100 + extract(month FROM now() AT TIME ZONE 'UTC'))::int))) AS l \;
SELECT coalesce(
    (SELECT status FROM accounting_periods WHERE start_date <= (now() AT TIME ZONE 'UTC')::date AND end_date >= (now() AT TIME ZONE 'UTC')::date),
    (SELECT 'CLOSED' WHERE EXISTS (SELECT 1 FROM accounting_periods WHERE start_date > (now() AT TIME ZONE 'UTC')::date AND status <> 'OPEN')), 'NONE') AS period_status \;
WITH pair AS (
    SELECT (SELECT number FROM bench_accounts WHERE n = :a) AS from_no, (SELECT number FROM bench_accounts WHERE n = :b) AS to_no
), locked AS MATERIALIZED (
    SELECT id, number, iban, customer_id, type, currency, status, balance FROM accounts
    WHERE number = ANY (ARRAY[(SELECT from_no FROM pair), (SELECT to_no FROM pair)]::varchar[]) OR iban = ANY ('{}'::varchar[])
    ORDER BY id FOR UPDATE
)
SELECT max(number) FILTER (WHERE number = (SELECT from_no FROM pair)) AS from_no,
       max(number) FILTER (WHERE number = (SELECT to_no FROM pair)) AS to_no,
       max(id::text) FILTER (WHERE number = (SELECT from_no FROM pair)) AS from_id,
       max(id::text) FILTER (WHERE number = (SELECT to_no FROM pair)) AS to_id,
       max(balance) FILTER (WHERE number = (SELECT from_no FROM pair)) - 0.01 AS from_after,
       max(balance) FILTER (WHERE number = (SELECT to_no FROM pair)) + 0.01 AS to_after
FROM locked
\aset

-- round trip 2: the entry, its lines, the new balances, the account history and the events (PostingEngine.WriteAsync)
INSERT INTO journal_entries (id, kind, description, value_date, posted_at, actor, idempotency_key, reversal_of, amount, currency)
VALUES (':entry_id', 'TRANSFER', 'Bench transfer', (now() AT TIME ZONE 'UTC')::date, now(), ':actor', ':idem_key', NULL, 0.01, 'TRY') \;
INSERT INTO journal_lines (entry_id, account_id, ledger_account_id, currency, amount, balance_after)
SELECT ':entry_id', t.account_id, la.id, 'TRY', t.amount, t.balance_after
FROM unnest(ARRAY[':from_id', ':to_id']::uuid[], ARRAY[NULL, NULL]::text[], ARRAY[-0.01, 0.01]::numeric[], ARRAY[:from_after, :to_after]::numeric[]) WITH ORDINALITY AS t(account_id, code, amount, balance_after, ord)
LEFT JOIN ledger_accounts la ON la.code = t.code
ORDER BY t.ord \;
UPDATE accounts AS a SET balance = v.balance, updated_at = now()
FROM unnest(ARRAY[':from_id', ':to_id']::uuid[], ARRAY[:from_after, :to_after]::numeric[]) AS v(id, balance) WHERE a.id = v.id \;
INSERT INTO account_history (account_id, account_number, operation, previous_balance, new_balance, description, actor, created_at)
SELECT t.account_id, t.number, 'UPDATE_BALANCE', t.new_balance - t.amount, t.new_balance, 'Bench transfer', ':actor', now()
FROM unnest(ARRAY[':from_id', ':to_id']::uuid[], ARRAY[':from_no', ':to_no']::text[], ARRAY[-0.01, 0.01]::numeric[], ARRAY[:from_after, :to_after]::numeric[]) AS t(account_id, number, amount, new_balance) \;
-- the transfer's five events (OutboxSql.Insert): TRANSACTION_POSTED, then BALANCE_CHANGED and ACCOUNT_UPDATED per account
INSERT INTO outbox_messages (id, type, stream, schema_version, aggregate_type, aggregate_id, payload, occurred_at, correlation_id, status, attempts, next_attempt_at)
SELECT gen_random_uuid(), t.type, t.stream, 1, t.aggregate_type, t.aggregate_id, t.payload, now(), NULL, 'PENDING', 0, now()
FROM unnest(
    ARRAY['TRANSACTION_POSTED', 'BALANCE_CHANGED', 'ACCOUNT_UPDATED', 'BALANCE_CHANGED', 'ACCOUNT_UPDATED'],
    ARRAY['transaction.events', 'account.events', 'account-updates', 'account.events', 'account-updates'],
    ARRAY['transaction', 'account', 'account', 'account', 'account'],
    ARRAY[':from_no', ':from_no', ':from_no', ':to_no', ':to_no'],
    ARRAY[
        json_build_object('eventType', 'TRANSACTION_POSTED', 'transactionId', ':entry_id', 'kind', 'TRANSFER', 'amount', 0.0100, 'currency', 'TRY',
            'valueDate', (now() AT TIME ZONE 'UTC')::date, 'description', 'Bench transfer', 'reversalOf', NULL,
            'lines', json_build_array(json_build_object('accountNumber', ':from_no', 'ledgerAccount', NULL, 'amount', -0.0100, 'balanceAfter', :from_after),
                                      json_build_object('accountNumber', ':to_no', 'ledgerAccount', NULL, 'amount', 0.0100, 'balanceAfter', :to_after)),
            'timestamp', now()),
        json_build_object('eventType', 'BALANCE_CHANGED', 'accountNumber', ':from_no', 'previousBalance', :from_after + 0.01, 'newBalance', :from_after,
            'amount', 0.0100, 'operation', 'DEBIT', 'description', 'Bench transfer', 'timestamp', now()),
        json_build_object('event', 'ACCOUNT_UPDATED', 'accountId', ':from_no', 'changes', json_build_object('balance', :from_after)),
        json_build_object('eventType', 'BALANCE_CHANGED', 'accountNumber', ':to_no', 'previousBalance', :to_after - 0.01, 'newBalance', :to_after,
            'amount', 0.0100, 'operation', 'CREDIT', 'description', 'Bench transfer', 'timestamp', now()),
        json_build_object('event', 'ACCOUNT_UPDATED', 'accountId', ':to_no', 'changes', json_build_object('balance', :to_after))]
) WITH ORDINALITY AS t(type, stream, aggregate_type, aggregate_id, payload, ord)
ORDER BY t.ord;

-- round trip 3
COMMIT;
