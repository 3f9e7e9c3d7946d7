"""A proactive rule as declared in its YAML file, versioned like a methodology.

Every rule file has the same head — `rule` (its code), `version`, `kind`, `title`, `title_en`,
`region` and `source` (the mart or register it reads) — and a `params` mapping the rule's kind
checks (`proactive.kinds`). The file's SHA-256 goes with every run, so a notice or a case can
say exactly which text of which rule caused it, even after the file changed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tsifra.kernel.problems import Problem, ValidationFailed

HEAD = ("rule", "version", "kind", "title", "title_en", "region", "source", "params")
CODE = re.compile(r"[a-z][a-z0-9_-]{1,63}")
REGION = re.compile(r"RU-[A-Z]{2,3}")


@dataclass(frozen=True)
class Rule:
    rule: str
    version: str
    kind: str
    title: str
    title_en: str
    region: str
    source: dict[str, Any]
    params: dict[str, Any] = field(default_factory=dict)
    sha256: str = ""
    file: str = ""


def load_rule(path: str | Path) -> Rule:
    """Read and check a rule file; every problem of its head and its params, located."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        document = yaml.safe_load(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        raise ValidationFailed([Problem("pro_rule_unreadable", file=path.name)]) from None
    return parse_rule(document, path.name, hashlib.sha256(raw).hexdigest())


def parse_rule(document: Any, file: str, sha256: str = "") -> Rule:
    from tsifra.proactive.kinds import KINDS, kind_module

    if not isinstance(document, dict):
        raise ValidationFailed([Problem("pro_rule_not_mapping", file=file)])
    problems = [
        Problem("pro_rule_unknown_key", file=file, path=str(key), params={"known": ", ".join(HEAD)})
        for key in document
        if key not in HEAD
    ]
    for key in HEAD[:-1]:
        value = document.get(key)
        if key == "source":
            if not isinstance(value, dict) or not value:
                problems.append(Problem("pro_rule_missing", file=file, path=key))
        elif not isinstance(value, str | int | float) or not str(value).strip():
            problems.append(Problem("pro_rule_missing", file=file, path=key))
    code, region, kind = (str(document.get(k, "")) for k in ("rule", "region", "kind"))
    if code and not CODE.fullmatch(code):
        problems.append(Problem("pro_rule_bad_code", file=file, path="rule", value=code))
    if region and not REGION.fullmatch(region):
        problems.append(Problem("pro_rule_bad_region", file=file, path="region", value=region))
    if kind and kind not in KINDS:
        known = {"known": ", ".join(KINDS)}
        bad = Problem("pro_rule_bad_kind", file=file, path="kind", value=kind, params=known)
        problems.append(bad)
    params = document.get("params") or {}
    if not isinstance(params, dict):
        problems.append(Problem("pro_rule_not_mapping", file=file, path="params"))
    elif kind in KINDS:
        problems += [
            Problem(p.code, file=file, path=f"params.{p.path}" if p.path else "params",
                    value=p.value, params=p.params)
            for p in kind_module(kind).params_problems(params)
        ]  # fmt: skip
    if problems:
        raise ValidationFailed(problems)
    return Rule(
        rule=code,
        version=str(document["version"]),
        kind=kind,
        title=str(document["title"]),
        title_en=str(document["title_en"]),
        region=region,
        source=dict(document["source"]),
        params=dict(params),
        sha256=sha256,
        file=file,
    )
