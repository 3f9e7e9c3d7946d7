"""Infrastructure approvals and proactive services: network owners' zones, approval projects
with each owner's request (a case of kind `approval`) and documents, and the proactive rules'
runs, notices, subscriptions and the registers they read.

On PostgreSQL with PostGIS available, a table `network_zone_shapes` (not modelled, like the
search tables of 0007) keeps each zone's geometry with a GiST index for `ST_Intersects`; where
PostGIS is not installed the zones are matched with Shapely's STRtree, with the same answers.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rule_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("rule_sha256", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=True),
        sa.Column("source_sha256", sa.String(length=64), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("records", sa.Integer(), server_default="0", nullable=False),
        sa.Column("fired", sa.Integer(), server_default="0", nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_runs")),
    )
    op.create_index(op.f("ix_rule_runs_rule"), "rule_runs", ["rule"], unique=False)
    op.create_table(
        "approval_projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("applicant", sa.String(length=64), nullable=False),
        sa.Column("applicant_name", sa.String(length=500), nullable=False),
        sa.Column("applicant_inn", sa.String(length=12), nullable=True),
        sa.Column("works", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("geometry", sa.Text(), nullable=False),
        sa.Column("min_lon", sa.Float(), nullable=False),
        sa.Column("min_lat", sa.Float(), nullable=False),
        sa.Column("max_lon", sa.Float(), nullable=False),
        sa.Column("max_lat", sa.Float(), nullable=False),
        sa.Column("oktmo", sa.String(length=11), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("round", sa.Integer(), server_default="1", nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("filed_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("proposed_by", sa.String(length=200), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region"], ["units.code"], name=op.f("fk_approval_projects_region_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_projects")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_approval_projects_idempotency_key")),
    )
    op.create_index(
        op.f("ix_approval_projects_applicant"), "approval_projects", ["applicant"], unique=False
    )
    op.create_index(
        op.f("ix_approval_projects_region_status"),
        "approval_projects",
        ["region", "status"],
        unique=False,
    )
    op.create_table(
        "proactive_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("rule_version", sa.String(length=32), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("oktmo", sa.String(length=11), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("recipient", sa.String(length=255), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region"], ["units.code"], name=op.f("fk_proactive_notices_region_units")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["rule_runs.id"], name=op.f("fk_proactive_notices_run_id_rule_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proactive_notices")),
        sa.UniqueConstraint("key", name=op.f("uq_proactive_notices_key")),
    )
    op.create_index(
        op.f("ix_proactive_notices_oktmo"), "proactive_notices", ["oktmo"], unique=False
    )
    op.create_index(
        op.f("ix_proactive_notices_region_issued_at"),
        "proactive_notices",
        ["region", "issued_at"],
        unique=False,
    )
    op.create_table(
        "register_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("register", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("oktmo", sa.String(length=11), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region"], ["units.code"], name=op.f("fk_register_records_region_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_register_records")),
        sa.UniqueConstraint("register", "key", name=op.f("uq_register_records_register_key")),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("oktmo", sa.String(length=11), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["region"], ["units.code"], name=op.f("fk_subscriptions_region_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriptions")),
        sa.UniqueConstraint("oktmo", "email", name=op.f("uq_subscriptions_oktmo_email")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_subscriptions_token_sha256")),
    )
    op.create_index(op.f("ix_subscriptions_oktmo"), "subscriptions", ["oktmo"], unique=False)
    op.create_table(
        "approval_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=128), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["approval_projects.id"],
            name=op.f("fk_approval_documents_project_id_approval_projects"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_documents")),
    )
    op.create_index(
        op.f("ix_approval_documents_project_id"), "approval_documents", ["project_id"], unique=False
    )
    op.create_table(
        "network_zones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("network", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("geometry", sa.Text(), nullable=False),
        sa.Column("min_lon", sa.Float(), nullable=False),
        sa.Column("min_lat", sa.Float(), nullable=False),
        sa.Column("max_lon", sa.Float(), nullable=False),
        sa.Column("max_lat", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner"], ["bodies.code"], name=op.f("fk_network_zones_owner_bodies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_zones")),
    )
    op.create_index(op.f("ix_network_zones_owner"), "network_zones", ["owner"], unique=False)
    op.create_table(
        "approval_requests",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("conditions", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_approval_requests_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["owner"], ["bodies.code"], name=op.f("fk_approval_requests_owner_bodies")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["approval_projects.id"],
            name=op.f("fk_approval_requests_project_id_approval_projects"),
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_approval_requests")),
        sa.UniqueConstraint(
            "project_id", "owner", name=op.f("uq_approval_requests_project_id_owner")
        ),
    )
    op.create_index(
        op.f("ix_approval_requests_project_id"), "approval_requests", ["project_id"], unique=False
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql" and _postgis_available(bind):
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        op.execute(
            "CREATE TABLE network_zone_shapes ("
            "zone_id integer PRIMARY KEY REFERENCES network_zones (id) ON DELETE CASCADE, "
            "shape geometry(Geometry, 4326) NOT NULL)"
        )
        op.execute(
            "CREATE INDEX ix_network_zone_shapes_shape ON network_zone_shapes USING gist (shape)"
        )


def _postgis_available(bind) -> bool:
    """Whether the server has PostGIS to install: a cluster without it keeps Shapely's path."""
    found = bind.exec_driver_sql(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"
    ).scalar()
    return found is not None


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS network_zone_shapes")

    op.drop_index(op.f("ix_approval_requests_project_id"), table_name="approval_requests")
    op.drop_table("approval_requests")
    op.drop_index(op.f("ix_network_zones_owner"), table_name="network_zones")
    op.drop_table("network_zones")
    op.drop_index(op.f("ix_approval_documents_project_id"), table_name="approval_documents")
    op.drop_table("approval_documents")
    op.drop_index(op.f("ix_subscriptions_oktmo"), table_name="subscriptions")
    op.drop_table("subscriptions")
    op.drop_table("register_records")
    op.drop_index(op.f("ix_proactive_notices_region_issued_at"), table_name="proactive_notices")
    op.drop_index(op.f("ix_proactive_notices_oktmo"), table_name="proactive_notices")
    op.drop_table("proactive_notices")
    op.drop_index(op.f("ix_approval_projects_region_status"), table_name="approval_projects")
    op.drop_index(op.f("ix_approval_projects_applicant"), table_name="approval_projects")
    op.drop_table("approval_projects")
    op.drop_index(op.f("ix_rule_runs_rule"), table_name="rule_runs")
    op.drop_table("rule_runs")
