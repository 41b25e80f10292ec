-- Webhook subscriptions (POST /api/webhooks): each follows the change feed with its own cursor, so a delivery is
-- made at least once, in feed order (so in order per entity), and survives restarts: the cursor moves past a change
-- only in the transaction that records its delivery's success.
create table webhook_subscription (
    id              uuid         primary key,
    -- who may see and manage it: a partner's partner id, else the subject of the token that created it
    partner_id      varchar(200),
    created_by      varchar(200) not null,
    url             text         not null,
    -- the base URL of the API the subscriber used, for the URLs in its deliveries
    api_base        text         not null,
    -- the entity kinds it wants (empty: all)
    kinds           text[]       not null,
    -- only entities whose date may fall in this EDTF date (its days date_from..date_to); deletions always
    during          text,
    date_from       date,
    date_to         date,
    -- the signing secret (whsec_ + base64), shown to the subscriber once
    secret          text         not null,
    state           varchar(10)  not null check (state in ('ACTIVE', 'PAUSED', 'DISABLED')),
    state_reason    text,
    -- the last change_feed position handled: delivered, or not wanted
    cursor          bigint       not null,
    -- failed attempts at the change after the cursor
    failures        integer      not null default 0,
    next_attempt_at timestamptz  not null default now(),
    created_at      timestamptz  not null default now()
);
create index webhook_subscription_due on webhook_subscription (next_attempt_at) where state = 'ACTIVE';

-- Every delivery attempt, for the subscriber to see (GET /api/webhooks/{id}/deliveries).
create table webhook_attempt (
    id              bigint       generated always as identity primary key,
    subscription_id uuid         not null references webhook_subscription on delete cascade,
    message_id      varchar(100) not null,
    position        bigint       not null,
    attempt         integer      not null,
    redelivery      boolean      not null default false,
    attempted_at    timestamptz  not null default now(),
    -- the receiver's HTTP status; null when it did not answer
    status          integer,
    error           text,
    duration_ms     integer      not null
);
create index webhook_attempt_subscription on webhook_attempt (subscription_id, id);

-- Redeliveries a subscriber asked for (POST .../deliveries/{position}/redeliver), sent once each.
create table webhook_redelivery (
    subscription_id uuid        not null references webhook_subscription on delete cascade,
    position        bigint      not null,
    requested_at    timestamptz not null default now(),
    primary key (subscription_id, position)
);
