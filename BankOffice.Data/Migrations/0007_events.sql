-- 0007: events (issue 8). The outbox gains the publisher's state; webhook subscriptions, their
-- deliveries and the log of each try. Tables generated from the model with tools/BankOffice.SchemaScript.

-- Messages recorded before this migration keep their place: pending, in sequence order.
ALTER TABLE outbox_messages
    ADD COLUMN stream character varying(100),
    ADD COLUMN schema_version integer NOT NULL DEFAULT 1,
    ADD COLUMN correlation_id character varying(100),
    ADD COLUMN status character varying(20) NOT NULL DEFAULT 'PENDING',
    ADD COLUMN attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at timestamp with time zone,
    ADD COLUMN last_error character varying(2000),
    ADD COLUMN published_at timestamp with time zone,
    ADD COLUMN webhooks_dispatched_at timestamp with time zone;
UPDATE outbox_messages SET
    stream = CASE WHEN type LIKE 'period.%' THEN 'period.events' ELSE 'receivables.events' END,
    next_attempt_at = occurred_at;
ALTER TABLE outbox_messages
    ALTER COLUMN stream SET NOT NULL,
    ALTER COLUMN next_attempt_at SET NOT NULL,
    ALTER COLUMN schema_version DROP DEFAULT,
    ALTER COLUMN status DROP DEFAULT,
    ALTER COLUMN attempts DROP DEFAULT,
    -- json keeps an event's fields in the documented order (jsonb sorts them).
    ALTER COLUMN payload TYPE json USING payload::json;

CREATE TABLE webhook_subscriptions (
    id uuid NOT NULL,
    url character varying(2000) NOT NULL,
    event_types text[] NOT NULL,
    secret character varying(100) NOT NULL,
    description character varying(200),
    active boolean NOT NULL,
    created_by character varying(256) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_webhook_subscriptions PRIMARY KEY (id)
);
CREATE TABLE webhook_deliveries (
    id uuid NOT NULL,
    subscription_id uuid NOT NULL,
    message_id uuid NOT NULL,
    message_sequence bigint NOT NULL,
    event_type character varying(100) NOT NULL,
    status character varying(20) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    last_status_code integer,
    last_error character varying(2000),
    created_at timestamp with time zone NOT NULL,
    delivered_at timestamp with time zone,
    CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
    CONSTRAINT fk_webhook_deliveries_outbox_messages_message_id FOREIGN KEY (message_id) REFERENCES outbox_messages (id) ON DELETE RESTRICT,
    CONSTRAINT fk_webhook_deliveries_webhook_subscriptions_subscription_id FOREIGN KEY (subscription_id) REFERENCES webhook_subscriptions (id) ON DELETE RESTRICT
);
CREATE TABLE webhook_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY,
    delivery_id uuid NOT NULL,
    attempt integer NOT NULL,
    attempted_at timestamp with time zone NOT NULL,
    status_code integer,
    error character varying(2000),
    duration_ms integer NOT NULL,
    CONSTRAINT pk_webhook_attempts PRIMARY KEY (id),
    CONSTRAINT fk_webhook_attempts_webhook_deliveries_delivery_id FOREIGN KEY (delivery_id) REFERENCES webhook_deliveries (id) ON DELETE RESTRICT
);

CREATE INDEX ix_outbox_messages_occurred_at ON outbox_messages (occurred_at);
CREATE INDEX ix_outbox_messages_pending ON outbox_messages (sequence) WHERE status = 'PENDING';
CREATE INDEX ix_outbox_messages_pending_key ON outbox_messages (stream, aggregate_id, sequence) WHERE status = 'PENDING';
CREATE INDEX ix_outbox_messages_webhooks_due ON outbox_messages (sequence) WHERE webhooks_dispatched_at IS NULL;
CREATE INDEX ix_webhook_attempts_delivery_id_attempt ON webhook_attempts (delivery_id, attempt);
CREATE INDEX ix_webhook_deliveries_created_at ON webhook_deliveries (created_at);
CREATE INDEX ix_webhook_deliveries_message_id ON webhook_deliveries (message_id);
CREATE INDEX ix_webhook_deliveries_status_next_attempt_at ON webhook_deliveries (status, next_attempt_at) WHERE status = 'PENDING';
CREATE UNIQUE INDEX ix_webhook_deliveries_subscription_id_message_id ON webhook_deliveries (subscription_id, message_id);

-- The log of tries is history.
CREATE TRIGGER webhook_attempts_insert_only BEFORE UPDATE OR DELETE ON webhook_attempts
    FOR EACH ROW EXECUTE FUNCTION forbid_update_delete();
