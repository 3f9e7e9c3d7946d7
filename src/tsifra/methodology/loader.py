"""Loading a methodology file: YAML in; a valid `Methodology`, or each problem with its key path."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology.schema import Methodology, TreeInvalid

BUNDLED_PACKAGE = "tsifra.methodology.bundled"
# libyaml's parser where PyYAML was built with it: five times faster than the pure-Python one on
# a methodology file, which `tsifra methodology check` pays at every start.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_methodology(source: str | Path) -> Methodology:
    """Load a methodology from a file path or the id of a bundled methodology.

    Raises `ValidationFailed` with every problem found, each naming the file and key path.
    """
    path = resolve(source)
    name = str(source)
    if path is None:
        raise ValidationFailed([Problem("file_not_found", file=name)])
    return parse_methodology(path.read_text(encoding="utf-8"), file=name)


def resolve(source: str | Path) -> Path | None:
    """A path that exists, or the bundled file of that id (`ru-digital-maturity`)."""
    path = Path(source)
    if path.is_file():
        return path
    bundled = resources.files(BUNDLED_PACKAGE).joinpath(f"{source}.yaml")
    if bundled.is_file():
        return Path(str(bundled))
    return None


def bundled_ids() -> list[str]:
    return sorted(
        p.name.removesuffix(".yaml")
        for p in resources.files(BUNDLED_PACKAGE).iterdir()
        if p.name.endswith(".yaml")
    )


def parse_methodology(text: str, file: str = "<methodology>") -> Methodology:
    raw = yaml_mapping(text, file)
    try:
        return Methodology.model_validate(raw)
    except ValidationError as exc:
        raise ValidationFailed(pydantic_problems(exc, file)) from None


def yaml_mapping(text: str, file: str) -> dict:
    """The top-level mapping of a YAML file; a syntax error is reported with its line."""
    try:
        raw = yaml.load(text, Loader=YAML_LOADER)  # a safe loader, C or Python
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = Problem(
            "yaml_syntax",
            file=file,
            row=mark.line + 1 if mark else None,
            params={"detail": getattr(exc, "problem", None) or str(exc)},
        )
        raise ValidationFailed([problem]) from None
    if not isinstance(raw, dict):
        raise ValidationFailed([Problem("not_a_mapping", file=file)])
    return raw


def methodology_hash(text: str) -> str:
    """A stable fingerprint of a methodology version, stored with every result computed from it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pydantic_problems(exc: ValidationError, file: str) -> list[Problem]:
    """Every pydantic error as a Problem with its key path; other YAML-backed schemas reuse it."""
    out: list[Problem] = []
    for err in exc.errors():
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, TreeInvalid):
            out += [
                Problem(p.code, file=file, path=p.path, value=p.value, params=p.params)
                for p in cause.problems
            ]
            continue
        path = _key_path(err["loc"])
        kind = err["type"]
        if kind in ("missing", "extra_forbidden"):
            out.append(Problem(kind, file=file, path=path))
        elif kind in TYPED:
            ctx = {k: _shown(v) for k, v in (err.get("ctx") or {}).items()}
            if "expected" in ctx:  # pydantic joins choices with an English "or"
                ctx["expected"] = str(ctx["expected"]).replace(" or ", ", ")
            out.append(Problem(kind, file=file, path=path, value=err.get("input"), params=ctx))
        else:
            detail = err["msg"].removeprefix("Value error, ")
            out.append(
                Problem(
                    "wrong_value",
                    file=file,
                    path=path,
                    value=err.get("input"),
                    params={"detail": detail},
                )
            )
    return out


# pydantic error types that have their own message in the catalogue (Russian and English);
# any other type falls back to pydantic's English text inside `wrong_value`.
TYPED = {
    "literal_error",
    "float_parsing",
    "float_type",
    "int_parsing",
    "int_type",
    "string_type",
    "bool_parsing",
    "greater_than",
    "greater_than_equal",
    "less_than_equal",
    "too_short",
    "string_too_short",
    "string_pattern_mismatch",
    "dict_type",
    "list_type",
}


def _shown(value: object) -> object:
    return value if isinstance(value, int | float | str) else str(value)


def _key_path(loc: tuple) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part in ("function-after", "tagged-union") or str(part).startswith("function-"):
            continue
        else:
            text += f".{part}" if text else str(part)
    return text
