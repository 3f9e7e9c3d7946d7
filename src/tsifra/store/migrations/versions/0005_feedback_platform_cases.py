"""The feedback platform: bodies, routing rules, Open311 clients, cases with their contacts,
events, files and flags; an operator may belong to a body.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "open311_clients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("key_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=True),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open311_clients")),
        sa.UniqueConstraint("key_sha256", name=op.f("uq_open311_clients_key_sha256")),
        sa.UniqueConstraint("name", name=op.f("uq_open311_clients_name")),
    )
    op.create_table(
        "bodies",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("name_ru", sa.String(length=500), nullable=False),
        sa.Column("name_en", sa.String(length=500), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("oktmo", sa.String(length=11), nullable=True),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.ForeignKeyConstraint(["region"], ["units.code"], name=op.f("fk_bodies_region_units")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_bodies")),
    )
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bodies_region"), ["region"], unique=False)

    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("oktmo", sa.String(length=11), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("body", sa.String(length=64), nullable=True),
        sa.Column("executor", sa.String(length=64), nullable=True),
        sa.Column("co_executors", sa.JSON(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("register_by", sa.DateTime(), nullable=True),
        sa.Column("registered_at", sa.DateTime(), nullable=True),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("extended_at", sa.DateTime(), nullable=True),
        sa.Column("forwarded_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("first_response_at", sa.DateTime(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("answer_text", sa.Text(), nullable=True),
        sa.Column("promised_on", sa.Date(), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("solved", sa.Boolean(), nullable=True),
        sa.Column("rated_at", sa.DateTime(), nullable=True),
        sa.Column("reopened_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("rejected_reason", sa.Text(), nullable=True),
        sa.Column("duplicate_of", sa.Integer(), nullable=True),
        sa.Column("publish_text", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("public_name", sa.String(length=255), nullable=True),
        sa.Column("moderation", sa.String(length=16), nullable=True),
        sa.Column("moderation_reason", sa.Text(), nullable=True),
        sa.Column("public_text", sa.Text(), nullable=True),
        sa.Column("tracking_sha256", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("source_network", sa.String(length=32), nullable=True),
        sa.Column("source_url", sa.String(length=1000), nullable=True),
        sa.Column("source_author", sa.String(length=255), nullable=True),
        sa.Column("found_at", sa.DateTime(), nullable=True),
        sa.Column("linked_to", sa.Integer(), nullable=True),
        sa.Column("pseudonymised_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["body"], ["bodies.code"], name=op.f("fk_cases_body_bodies")),
        sa.ForeignKeyConstraint(
            ["client_id"], ["open311_clients.id"], name=op.f("fk_cases_client_id_open311_clients")
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of"], ["cases.id"], name=op.f("fk_cases_duplicate_of_cases")
        ),
        sa.ForeignKeyConstraint(["linked_to"], ["cases.id"], name=op.f("fk_cases_linked_to_cases")),
        sa.ForeignKeyConstraint(["region"], ["units.code"], name=op.f("fk_cases_region_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_cases_idempotency_key")),
        sa.UniqueConstraint("tracking_sha256", name=op.f("uq_cases_tracking_sha256")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cases_body_status_due_at"), ["body", "status", "due_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cases_category"), ["category"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_cases_content_sha256"), ["content_sha256"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cases_region_status"), ["region", "status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cases_updated_at"), ["updated_at"], unique=False)

    op.create_table(
        "routing_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("oktmo", sa.String(length=11), nullable=True),
        sa.Column("words", sa.Text(), nullable=True),
        sa.Column("body", sa.String(length=64), nullable=False),
        sa.Column("priority", sa.Integer(), server_default="100", nullable=False),
        sa.ForeignKeyConstraint(
            ["body"], ["bodies.code"], name=op.f("fk_routing_rules_body_bodies")
        ),
        sa.ForeignKeyConstraint(
            ["region"], ["units.code"], name=op.f("fk_routing_rules_region_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routing_rules")),
    )
    with op.batch_alter_table("routing_rules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_routing_rules_region"), ["region"], unique=False)

    op.create_table(
        "case_contacts",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("surname", sa.String(length=255), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=True),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.Column("phone", sa.String(length=64), nullable=True),
        sa.Column("postal_address", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_contacts_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_contacts")),
    )
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("body", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.Column("public", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_events_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_events")),
    )
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_events_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("address_sha256", sa.String(length=64), nullable=True),
        sa.Column("handled_at", sa.DateTime(), nullable=True),
        sa.Column("handled_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_flags_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_flags")),
    )
    with op.batch_alter_table("case_flags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_flags_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=128), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=True),
        sa.Column("hidden_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_files_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["case_events.id"], name=op.f("fk_case_files_event_id_case_events")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_files")),
    )
    with op.batch_alter_table("case_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_files_case_id"), ["case_id"], unique=False)

    # Plain ADD COLUMN: a batch operation would copy `users`, which other tables refer to.
    op.add_column("users", sa.Column("body", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "body")

    with op.batch_alter_table("case_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_files_case_id"))

    op.drop_table("case_files")
    with op.batch_alter_table("case_flags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_flags_case_id"))

    op.drop_table("case_flags")
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_events_case_id"))

    op.drop_table("case_events")
    op.drop_table("case_contacts")
    with op.batch_alter_table("routing_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routing_rules_region"))

    op.drop_table("routing_rules")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_updated_at"))
        batch_op.drop_index(batch_op.f("ix_cases_region_status"))
        batch_op.drop_index(batch_op.f("ix_cases_content_sha256"))
        batch_op.drop_index(batch_op.f("ix_cases_category"))
        batch_op.drop_index(batch_op.f("ix_cases_body_status_due_at"))

    op.drop_table("cases")
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bodies_region"))

    op.drop_table("bodies")
    op.drop_table("open311_clients")
