"""Source names, and who may store values under which.

A source says where a figure came from, and readers trust it: `region:<code>` is what a
region's own office sent, `formula:<name>` what a formula computed over raw marts, `demo:` the
synthetic panel (whose presence is how the demo recognises a database it may overwrite). So
these namespaces belong to their owners: a person's upload may use `region:` only as the
operator of that very region (which is what an operator's upload gets anyway), and no file may
be stored under `formula:` or `demo:`, which only the processes that compute them write
(`marts.publish`, `demo.store`, through `ingest_values`/`ingest_frame`). The command line's
`tsifra ingest` is run by whoever holds the database, who may load a region's file on its behalf,
so `region:` stays open to it.
"""

from __future__ import annotations

from tsifra.kernel.problems import Problem, ValidationFailed

REGION = "region:"
PROCESSES = ("formula:", "demo:")


def region_source(region: str) -> str:
    return f"{REGION}{region}"


def check_file_source(source: str) -> None:
    """A file is never a formula's output nor the demo: refuse those namespaces."""
    if _namespace(source) in PROCESSES:
        raise ValidationFailed([Problem("reserved_source_process", path="source", value=source)])


def check_upload_source(source: str, own_region: str | None) -> None:
    """What a person names in an upload: not a process's namespace, and `region:` only for the
    operator's own region (`own_region`, None for an account bound to no region)."""
    check_file_source(source)
    if _namespace(source) == REGION and _squeezed(source) != _own(own_region):
        raise ValidationFailed([Problem("reserved_source_region", path="source", value=source)])


def _own(region: str | None) -> str | None:
    return _squeezed(region_source(region)) if region else None


def _squeezed(source: str) -> str:
    return "".join(source.split()).lower()


def _namespace(source: str) -> str | None:
    """The reserved prefix a name starts with, read as loosely as a person might type it
    («Formula :x», « demo:»), so that spelling cannot get round the rule."""
    squeezed = _squeezed(source)
    return next((p for p in (REGION, *PROCESSES) if squeezed.startswith(p)), None)
