"""The methodology file as pydantic models: what an analyst may write, and its defaults.

One file is one version of a methodology. The tree is flat in the file (every indicator and node
names its parent) because analysts edit it as a list; `Methodology` checks that the list forms
one tree and offers the derived views the engine needs (children, aggregation order).
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tsifra.kernel.periods import parse_period

ImputeMethod = Literal[
    "none", "mean", "median", "group_mean", "group_median", "locf", "interpolate"
]
TreatMethod = Literal["none", "winsorise"]
NormaliseMethod = Literal[
    "none",
    "minmax",
    "zscore",
    "goalposts",
    "distance_to_target",
    "target_achievement",
    "rank",
    "percentile_rank",
]
AggregateMethod = Literal["arithmetic", "geometric", "harmonic", "generalised"]


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a methodology must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ImputeSpec(Strict):
    method: ImputeMethod = "none"
    group: str | None = Field(
        default=None, description="unit attribute that forms the groups (group_* methods)"
    )


class ScreenSpec(Strict):
    min_availability: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="units with a smaller share of non-missing indicator values are dropped",
    )


class TreatSpec(Strict):
    """Outlier treatment; `winsorise` is COINr's default two-stage rule."""

    method: TreatMethod = "none"
    winmax: int = Field(default=5, ge=0)
    skew_threshold: float = Field(default=2.0, gt=0)
    kurtosis_threshold: float = 3.5


class NormaliseSpec(Strict):
    method: NormaliseMethod = "minmax"
    range: tuple[float, float] = (0.0, 100.0)
    mean: float = 0.0
    sd: float = Field(default=1.0, gt=0)
    clip: bool = True
    scale: float = Field(default=100.0, gt=0)

    @model_validator(mode="after")
    def _range_ordered(self) -> NormaliseSpec:
        if self.range[0] >= self.range[1]:
            raise ValueError(f"range: lower bound {self.range[0]} must be below {self.range[1]}")
        return self


class AggregateSpec(Strict):
    method: AggregateMethod = "arithmetic"
    power: float | None = None
    min_share: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="minimum share of the children's weight that must be present",
    )


class Steps(Strict):
    denominate: bool = True
    impute: ImputeSpec = ImputeSpec()
    screen: ScreenSpec = ScreenSpec()
    treat: TreatSpec = TreatSpec()
    normalise: NormaliseSpec = NormaliseSpec()
    aggregate: AggregateSpec = AggregateSpec()


class IndicatorSteps(Strict):
    """Per-indicator overrides; absent keys fall back to the methodology's steps."""

    impute: ImputeSpec | None = None
    treat: TreatSpec | None = None
    normalise: NormaliseSpec | None = None


class Goalposts(Strict):
    min: float
    max: float

    @model_validator(mode="after")
    def _ordered(self) -> Goalposts:
        if self.min >= self.max:
            raise ValueError(f"goalposts: min ({self.min}) must be below max ({self.max})")
        return self


class Indicator(Strict):
    code: str = Field(min_length=1)
    name: str
    name_en: str | None = None
    unit: str = ""
    direction: Literal[1, -1] = 1
    weight: float = Field(default=1.0, ge=0)
    parent: str
    denominator: str | None = None
    goalposts: Goalposts | None = None
    targets: dict[int, float] = Field(
        default_factory=dict, description="target value by year; a period uses its year's target"
    )
    valid_range: tuple[float, float] | None = None
    source: str | None = None
    description: str | None = None
    steps: IndicatorSteps = IndicatorSteps()

    def target_for_year(self, year: int) -> float | None:
        """The year's target; else the latest earlier year's; before the first year, the first."""
        if not self.targets:
            return None
        years = sorted(self.targets)
        earlier = [y for y in years if y <= year]
        return self.targets[earlier[-1] if earlier else years[0]]


class Node(Strict):
    code: str = Field(min_length=1)
    name: str
    name_en: str | None = None
    weight: float = Field(default=1.0, ge=0)
    parent: str | None = None
    aggregate: AggregateSpec | None = None


class AuxiliarySeries(Strict):
    """A series used only as a denominator (GDP, area): in the data, not in the tree."""

    code: str = Field(min_length=1)
    name: str
    unit: str = ""


class UnitAttribute(Strict):
    """A property of each unit that data files carry beside the values (a group, a name), as
    COINr's iData does: a wide file's column of this name is read into the unit list, never
    as an indicator. Groups for `group_mean` imputation are declared here."""

    code: str = Field(min_length=1)
    name: str
    name_en: str | None = None


class DataCycle(Strict):
    """When a period's data are due from the units and when a period counts as complete.

    The official rule for the regional index is the 8th day of the month after the quarter
    (`due_day: 8`, `due_months_after: 1`); a quarter whose submitted values cover less than
    `complete_share` of what is expected is incomplete: shown as such, never the default rated
    period and never drawn as a fact in a history. Expected is every unit that takes part in the
    data × every indicator in `submitted` (every indicator of the tree when it is left out;
    indicators computed by formulas over raw marts are left out of it by listing the others).
    """

    due_day: int = Field(
        default=8, ge=1, le=31, description="a day the month lacks means its last day"
    )
    due_months_after: int = Field(default=1, ge=0, le=12)
    complete_share: float = Field(default=0.9, gt=0.0, le=1.0)
    submitted: list[str] | None = None

    def due_date(self, period: str) -> date:
        """The day a period's data are due: `due_day` of the month `due_months_after` months
        after the period's last month (2026Q1 → 8 April 2026 under the official rule)."""
        parsed = parse_period(period)
        if parsed is None:
            raise ValueError(f"not a period label: {period!r}")
        last_month = {"Y": 12, "Q": parsed.sub * 3, "M": parsed.sub}[parsed.freq]
        year, month = divmod(parsed.year * 12 + last_month - 1 + self.due_months_after, 12)
        month += 1
        return date(year, month, min(self.due_day, monthrange(year, month)[1]))


class Scale(Strict):
    min: float = 0.0
    max: float = 100.0
    unit: str = ""


class WeightNoise(Strict):
    """The weights of every item at one level of the tree, each multiplied by its own uniform
    factor in [1 − noise, 1 + noise]. Levels count from the bottom as in COINr: 1 is the
    indicators, 2 the aggregates just above them, and a node's level is one above its highest
    child, so the index (the top level) has no weight to perturb."""

    level: int = Field(ge=1)
    noise: float = Field(gt=0, le=1)


class WinsorisationRange(Strict):
    """The winsorisation limit (`steps.treat.winmax`) drawn as a whole number in [min, max]."""

    min: int = Field(ge=0)
    max: int = Field(ge=0)


class Band(Strict):
    """A named group of scores, as the federal rating of agencies sorts them into high, medium
    and low: a score belongs to the first band (in file order, highest `min` first) whose `min`
    it reaches. `methodology.bands` checks the list against the scale and finds a score's band."""

    code: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_-]+$")
    name: str = Field(min_length=1)
    name_en: str | None = None
    min: float

    def name_in(self, lang: str) -> str:
        return (self.name_en or self.name) if lang == "en" else self.name


class Uncertainty(Strict):
    """The choices behind the index that an uncertainty or sensitivity analysis varies.

    Each list holds the alternatives drawn with equal probability; the methodology's own choice
    is not added, so list it if it should be drawn too. An alternative names only what differs
    from the methodology's step (`geometric` keeps the step's `min_share`), and replaces the
    step's default: indicators and nodes with their own override keep it.
    """

    weights: list[WeightNoise] = Field(default_factory=list)
    imputation: Annotated[list[ImputeSpec], Field(min_length=2)] | None = None
    winsorisation: WinsorisationRange | None = None
    normalisation: Annotated[list[NormaliseSpec], Field(min_length=2)] | None = None
    aggregation: Annotated[list[AggregateSpec], Field(min_length=2)] | None = None
    drop_indicator: bool | list[str] = Field(
        default=False,
        description="leave out one indicator at a time: true for any, or a list of candidates",
    )

    @field_validator("imputation", "normalisation", "aggregation", mode="before")
    @classmethod
    def _method_names(cls, value: object) -> object:
        """`[arithmetic, geometric]` is shorthand for `[{method: arithmetic}, …]`."""
        if isinstance(value, list):
            return [{"method": v} if isinstance(v, str) else v for v in value]
        return value


class Methodology(Strict):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    title: str
    title_en: str | None = None
    version: str
    unit_type: str = "region"
    description: str | None = None
    scale: Scale = Scale()
    steps: Steps = Steps()
    indicators: list[Indicator] = Field(min_length=1)
    nodes: list[Node] = Field(min_length=1)
    denominators: list[AuxiliarySeries] = Field(default_factory=list)
    attributes: list[UnitAttribute] = Field(default_factory=list)
    uncertainty: Uncertainty | None = None
    data_cycle: DataCycle = DataCycle()
    bands: list[Band] = Field(
        default_factory=list, description="named groups of the index score, highest first"
    )

    @cached_property
    def submitted_indicators(self) -> list[str]:
        """The indicators units submit each period (what a period's completeness counts)."""
        listed = self.data_cycle.submitted
        return list(self.indicator_codes) if listed is None else list(listed)

    @cached_property
    def indicator_codes(self) -> list[str]:
        return [i.code for i in self.indicators]

    @cached_property
    def node_codes(self) -> list[str]:
        return [n.code for n in self.nodes]

    @cached_property
    def root(self) -> str:
        return next(n.code for n in self.nodes if n.parent is None)

    @cached_property
    def children(self) -> dict[str, list[str]]:
        """Children of every node, in file order (indicators first, then nodes)."""
        out: dict[str, list[str]] = {n.code: [] for n in self.nodes}
        for item in [*self.indicators, *self.nodes]:
            if item.parent is not None:
                out[item.parent].append(item.code)
        return out

    @cached_property
    def weights(self) -> dict[str, float]:
        return {item.code: item.weight for item in [*self.indicators, *self.nodes]}

    @cached_property
    def aggregation_order(self) -> list[str]:
        """Nodes ordered so that every node comes after all of its children (level by level)."""
        height: dict[str, int] = {}

        def level(code: str) -> int:
            if code not in height:
                kids = [k for k in self.children.get(code, []) if k in self.children]
                height[code] = 1 + max((level(k) for k in kids), default=0)
            return height[code]

        return sorted(self.node_codes, key=lambda c: (level(c), self.node_codes.index(c)))

    @cached_property
    def levels(self) -> dict[str, int]:
        """Level of every indicator (1) and node (one above its highest child), as COINr counts."""
        out = dict.fromkeys(self.indicator_codes, 1)
        for node in self.aggregation_order:
            out[node] = 1 + max((out[k] for k in self.children[node]), default=0)
        return out

    def indicator(self, code: str) -> Indicator:
        return self._indicator_by_code[code]

    def node(self, code: str) -> Node:
        return self._node_by_code[code]

    @cached_property
    def _indicator_by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    @cached_property
    def _node_by_code(self) -> dict[str, Node]:
        return {n.code: n for n in self.nodes}

    def name_of(self, code: str, lang: str) -> str:
        item = self._indicator_by_code.get(code) or self._node_by_code.get(code)
        if item is None:
            return code
        return (item.name_en or item.name) if lang == "en" else item.name

    def steps_for(self, code: str) -> Steps:
        """The methodology steps with the indicator's own overrides applied."""
        own = self._indicator_by_code[code].steps
        overrides = {
            name: getattr(own, name)
            for name in ("impute", "treat", "normalise")
            if getattr(own, name) is not None
        }
        return self.steps.model_copy(update=overrides) if overrides else self.steps

    @model_validator(mode="after")
    def _one_tree(self) -> Methodology:
        from tsifra.methodology.tree import tree_problems

        problems = tree_problems(self)
        if not problems and self.uncertainty is not None:
            from tsifra.methodology.uncertainty import uncertainty_problems

            problems = uncertainty_problems(self)
        if self.bands:
            from tsifra.methodology.bands import band_problems

            problems = [*problems, *band_problems(self)]
        if problems:
            raise TreeInvalid(problems)
        return self


class TreeInvalid(ValueError):
    """The items parse but do not form one valid tree; carries every problem found."""

    def __init__(self, problems: list):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))
