"""Tasks with their whole life: source and document, agency, co-executors, target, report,
acceptance and cancellation; comments and report files; an outbox of messages; accounts' e-mail.

A task «done» before this migration had no acceptance step: it becomes «accepted», accepted when
it was last marked done, so "done on time" stays what it was.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TASK_COLUMNS = (
    ("source", sa.String(length=16)),
    ("document_number", sa.String(length=128)),
    ("document_date", sa.Date()),
    ("issued_by", sa.String(length=255)),
    ("agency", sa.String(length=255)),
    ("responsible_email", sa.String(length=255)),
    ("co_executors", sa.Text()),
    ("target_value", sa.Float()),
    ("report_text", sa.Text()),
    ("reported_by", sa.String(length=64)),
    ("reported_at", sa.DateTime()),
    ("accepted_at", sa.DateTime()),
    ("cancel_reason", sa.Text()),
)


def upgrade() -> None:
    # Plain ADD COLUMN: a batch operation would copy `tasks`, which task_events refers to.
    for name, kind in TASK_COLUMNS:
        if name == "source":
            op.add_column("tasks", sa.Column(name, kind, server_default="other", nullable=False))
        else:
            op.add_column("tasks", sa.Column(name, kind, nullable=True))
    op.add_column("users", sa.Column("email", sa.String(length=255), nullable=True))

    bind = op.get_bind()
    tasks = sa.table(
        "tasks",
        sa.column("id", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("accepted_at", sa.DateTime()),
    )
    events = sa.table(
        "task_events",
        sa.column("task_id", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("at", sa.DateTime()),
    )
    done = bind.execute(
        sa.select(events.c.task_id, sa.func.max(events.c.at))
        .where(events.c.status == "done")
        .group_by(events.c.task_id)
    ).all()
    for task_id, at in done:
        bind.execute(
            sa.update(tasks)
            .where(tasks.c.id == task_id, tasks.c.status == "done")
            .values(status="accepted", accepted_at=at)
        )
    bind.execute(sa.update(tasks).where(tasks.c.status == "done").values(status="accepted"))

    op.create_table(
        "task_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_comments_task_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_comments")),
    )
    op.create_index(op.f("ix_task_comments_task_id"), "task_comments", ["task_id"])
    op.create_table(
        "task_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=128), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_files_task_id_tasks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_files")),
    )
    op.create_index(op.f("ix_task_files_task_id"), "task_files", ["task_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("recipient", sa.String(length=255), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("key", name=op.f("uq_outbox_key")),
    )
    op.create_index(op.f("ix_outbox_status"), "outbox", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_outbox_status"), table_name="outbox")
    op.drop_table("outbox")
    op.drop_index(op.f("ix_task_files_task_id"), table_name="task_files")
    op.drop_table("task_files")
    op.drop_index(op.f("ix_task_comments_task_id"), table_name="task_comments")
    op.drop_table("task_comments")
    op.execute("UPDATE tasks SET status = 'done' WHERE status = 'accepted'")
    op.drop_column("users", "email")
    for name, _ in reversed(TASK_COLUMNS):
        op.drop_column("tasks", name)
