"""Initial schema: units, methodologies, batches, value revisions, resolutions, results, audit log.

Value revisions and the audit log are append-only; triggers refuse UPDATE and DELETE on both, so
neither a bug nor a hand-typed statement can rewrite history.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = ("indicator_values", "audit_log")


def _refuse_changes(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION tsifra_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION tsifra_append_only()"
        )
        return
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )


def _allow_changes(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        return
    for action in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=255), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_table(
        "methodologies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=128), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=512), nullable=False),
        sa.Column("yaml", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_methodologies")),
        sa.UniqueConstraint("code", "sha256", name=op.f("uq_methodologies_code_sha256")),
    )
    with op.batch_alter_table("methodologies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_methodologies_code"), ["code"], unique=False)

    op.create_table(
        "units",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name_ru", sa.String(length=255), nullable=False),
        sa.Column("name_en", sa.String(length=255), nullable=True),
        sa.Column("federal_district", sa.String(length=32), nullable=True),
        sa.Column("okato", sa.String(length=16), nullable=True),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.Column("parent", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["parent"], ["units.code"], name=op.f("fk_units_parent_units")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_units")),
    )
    op.create_table(
        "batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=128), nullable=False),
        sa.Column("file_name", sa.String(length=512), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("methodology_id", sa.Integer(), nullable=True),
        sa.Column("new_count", sa.Integer(), nullable=False),
        sa.Column("unchanged_count", sa.Integer(), nullable=False),
        sa.Column("corrected_count", sa.Integer(), nullable=False),
        sa.Column("conflict_count", sa.Integer(), nullable=False),
        sa.Column("synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["methodology_id"],
            ["methodologies.id"],
            name=op.f("fk_batches_methodology_id_methodologies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batches")),
    )
    with op.batch_alter_table("batches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_batches_received_at"), ["received_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_batches_source"), ["source"], unique=False)

    op.create_table(
        "resolutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("indicator", sa.String(length=128), nullable=False),
        sa.Column("source", sa.String(length=128), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["unit"], ["units.code"], name=op.f("fk_resolutions_unit_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolutions")),
    )
    op.create_table(
        "result_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("methodology_id", sa.Integer(), nullable=False),
        sa.Column("methodology_sha256", sa.String(length=64), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=True),
        sa.Column("revision_count", sa.Integer(), nullable=False),
        sa.Column("revision_set_sha256", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=True),
        sa.Column("synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["methodology_id"],
            ["methodologies.id"],
            name=op.f("fk_result_runs_methodology_id_methodologies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_result_runs")),
    )
    op.create_table(
        "indicator_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("indicator", sa.String(length=128), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=128), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["batches.id"], name=op.f("fk_indicator_values_batch_id_batches")
        ),
        sa.ForeignKeyConstraint(
            ["unit"], ["units.code"], name=op.f("fk_indicator_values_unit_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_values")),
        sa.UniqueConstraint(
            "indicator",
            "period",
            "unit",
            "source",
            "revision",
            name=op.f("uq_indicator_values_indicator_period_unit_source_revision"),
        ),
    )

    op.create_table(
        "result_scores",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("node", sa.String(length=128), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"], ["result_runs.id"], name=op.f("fk_result_scores_run_id_result_runs")
        ),
        sa.PrimaryKeyConstraint("run_id", "unit", "period", "node", name=op.f("pk_result_scores")),
    )

    for table in APPEND_ONLY:
        _refuse_changes(table)


def downgrade() -> None:
    for table in APPEND_ONLY:
        _allow_changes(table)
    op.drop_table("result_scores")
    op.drop_table("indicator_values")
    op.drop_table("result_runs")
    op.drop_table("resolutions")
    with op.batch_alter_table("batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_batches_source"))
        batch_op.drop_index(batch_op.f("ix_batches_received_at"))

    op.drop_table("batches")
    op.drop_table("units")
    with op.batch_alter_table("methodologies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_methodologies_code"))

    op.drop_table("methodologies")
    op.drop_table("audit_log")
