"""The registry of practices (regions, stages, indicators, evidence, replications, measured
effects) and regions' plans with their items and experts' scores; a task may come from a plan.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("problem", sa.Text(), server_default="", nullable=False),
        sa.Column("owner_agency", sa.String(length=500), nullable=True),
        sa.Column("sector", sa.String(length=32), nullable=False),
        sa.Column("cofog", sa.String(length=8), nullable=True),
        sa.Column("ai_kind", sa.String(length=16), nullable=True),
        sa.Column("technologies", sa.JSON(), nullable=True),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("capex", sa.Float(), nullable=True),
        sa.Column("opex", sa.Float(), nullable=True),
        sa.Column("software", sa.String(length=500), nullable=True),
        sa.Column("software_registry", sa.String(length=32), nullable=True),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("licence", sa.String(length=64), nullable=True),
        sa.Column("verified_at", sa.Date(), nullable=False),
        sa.Column("verified_by", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("effect", sa.Float(), nullable=True),
        sa.Column("synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practices")),
    )
    with op.batch_alter_table("practices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_practices_ai_kind"), ["ai_kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_practices_sector"), ["sector"], unique=False)
        batch_op.create_index(batch_op.f("ix_practices_stage"), ["stage"], unique=False)

    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("target_year", sa.Integer(), nullable=False),
        sa.Column("methodology", sa.String(length=128), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=True),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("accepted_by", sa.String(length=64), nullable=True),
        sa.Column("expected_index", sa.Float(), nullable=True),
        sa.Column("expected_rank", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["region"], ["units.code"], name=op.f("fk_plans_region_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plans_region"), ["region"], unique=False)

    op.create_table(
        "practice_effects",
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=128), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("before_period", sa.String(length=16), nullable=True),
        sa.Column("before", sa.Float(), nullable=True),
        sa.Column("after_period", sa.String(length=16), nullable=True),
        sa.Column("after", sa.Float(), nullable=True),
        sa.Column("effect", sa.Float(), nullable=True),
        sa.Column("data_version", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practices.id"],
            name=op.f("fk_practice_effects_practice_id_practices"),
        ),
        sa.PrimaryKeyConstraint(
            "practice_id", "indicator", "region", name=op.f("pk_practice_effects")
        ),
    )
    op.create_table(
        "practice_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practices.id"],
            name=op.f("fk_practice_evidence_practice_id_practices"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_evidence")),
    )
    with op.batch_alter_table("practice_evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_practice_evidence_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "practice_indicators",
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=128), nullable=False),
        sa.Column("expected_effect", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practices.id"],
            name=op.f("fk_practice_indicators_practice_id_practices"),
        ),
        sa.PrimaryKeyConstraint("practice_id", "indicator", name=op.f("pk_practice_indicators")),
    )
    with op.batch_alter_table("practice_indicators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_practice_indicators_indicator"), ["indicator"], unique=False
        )

    op.create_table(
        "practice_regions",
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practices.id"],
            name=op.f("fk_practice_regions_practice_id_practices"),
        ),
        sa.ForeignKeyConstraint(
            ["region"], ["units.code"], name=op.f("fk_practice_regions_region_units")
        ),
        sa.PrimaryKeyConstraint("practice_id", "region", name=op.f("pk_practice_regions")),
    )
    with op.batch_alter_table("practice_regions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_practice_regions_region"), ["region"], unique=False)

    op.create_table(
        "practice_replications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("agency", sa.String(length=500), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("evidence_kind", sa.String(length=16), nullable=True),
        sa.Column("evidence_number", sa.String(length=128), nullable=True),
        sa.Column("evidence_date", sa.Date(), nullable=True),
        sa.Column("evidence_url", sa.String(length=1000), nullable=True),
        sa.Column("evidence_sha256", sa.String(length=64), nullable=True),
        sa.Column("verified_at", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practices.id"],
            name=op.f("fk_practice_replications_practice_id_practices"),
        ),
        sa.ForeignKeyConstraint(
            ["region"], ["units.code"], name=op.f("fk_practice_replications_region_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_replications")),
    )
    with op.batch_alter_table("practice_replications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_practice_replications_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "practice_stages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practices.id"], name=op.f("fk_practice_stages_practice_id_practices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_stages")),
    )
    with op.batch_alter_table("practice_stages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_practice_stages_practice_id"), ["practice_id"], unique=False
        )

    op.create_table(
        "plan_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=128), nullable=False),
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("expert", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_scores_plan_id_plans")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practices.id"], name=op.f("fk_plan_scores_practice_id_practices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_scores")),
        sa.UniqueConstraint(
            "plan_id",
            "indicator",
            "practice_id",
            "expert",
            name=op.f("uq_plan_scores_plan_id_indicator_practice_id_expert"),
        ),
    )
    with op.batch_alter_table("plan_scores", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_scores_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=128), nullable=False),
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("expected_value", sa.Float(), nullable=False),
        sa.Column("responsible", sa.String(length=255), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_items_plan_id_plans")
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"], ["practices.id"], name=op.f("fk_plan_items_practice_id_practices")
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_plan_items_task_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_items")),
        sa.UniqueConstraint(
            "plan_id",
            "indicator",
            "practice_id",
            name=op.f("uq_plan_items_plan_id_indicator_practice_id"),
        ),
    )
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_items_plan_id"), ["plan_id"], unique=False)

    # No foreign key, so that the column can be dropped again on SQLite (tasks are referenced by
    # their events, comments and files); the plan is checked when a task is made from it.
    op.add_column("tasks", sa.Column("plan_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("tasks", "plan_id")

    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_items_plan_id"))

    op.drop_table("plan_items")
    with op.batch_alter_table("plan_scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_scores_plan_id"))

    op.drop_table("plan_scores")
    with op.batch_alter_table("practice_stages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_stages_practice_id"))

    op.drop_table("practice_stages")
    with op.batch_alter_table("practice_replications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_replications_practice_id"))

    op.drop_table("practice_replications")
    with op.batch_alter_table("practice_regions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_regions_region"))

    op.drop_table("practice_regions")
    with op.batch_alter_table("practice_indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_indicators_indicator"))

    op.drop_table("practice_indicators")
    with op.batch_alter_table("practice_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_evidence_practice_id"))

    op.drop_table("practice_evidence")
    op.drop_table("practice_effects")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plans_region"))

    op.drop_table("plans")
    with op.batch_alter_table("practices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practices_stage"))
        batch_op.drop_index(batch_op.f("ix_practices_sector"))
        batch_op.drop_index(batch_op.f("ix_practices_ai_kind"))

    op.drop_table("practices")
