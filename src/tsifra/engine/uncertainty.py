"""Uncertainty analysis: how far each unit's rank and score move when the choices behind the index
vary as the methodology's `uncertainty:` block declares.

The JRC's approach (Saisana, Saltelli & Tarantola 2005; COINr's `get_sensitivity`): every
uncertain choice is an input drawn uniformly from [0, 1) — a weight-noise level is a group of
inputs, one per weight it perturbs; a discrete choice maps its draw onto equally likely
alternatives — and the index is recomputed for each sampled combination. The recomputation
replays the pipeline from the denominated panel as `run_steps` does, but shares work across
samples: each distinct (imputation, winsorisation, normalisation) is computed once, and samples
are aggregated in batches along the periods axis, each scenario with its own weight vector.
Sensitivity analysis (`engine.sensitivity`) runs its Sobol' design through the same evaluator.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tsifra.engine.aggregate import aggregate
from tsifra.engine.impute import impute
from tsifra.engine.normalise import normalise
from tsifra.engine.panel import Panel
from tsifra.engine.rank import rank_desc
from tsifra.engine.result import Result
from tsifra.engine.screen import screen
from tsifra.engine.treat import treat
from tsifra.methodology import Methodology
from tsifra.methodology.uncertainty import drop_candidates, step_alternatives

Progress = Callable[[int, int], None]  # (samples done, samples in all)
STEP_OF = {
    "imputation": "impute",
    "winsorisation": "treat",
    "normalisation": "normalise",
    "aggregation": "aggregate",
}
BATCH_CELLS = 4_000_000  # values per aggregated batch (samples × units × codes): ~32 MB


@dataclass(frozen=True)
class UncertainInput:
    """One uncertain choice, and how its columns of a design (draws in [0, 1)) become values.

    Weight noise takes one column per weight it perturbs (`codes`); a discrete choice takes one
    column and picks among `options` with equal probability.
    """

    name: str  # weights_level_<L>, imputation, winsorisation, normalisation, … drop_indicator
    codes: tuple[str, ...] = ()
    noise: float = 0.0
    options: tuple = ()

    @property
    def width(self) -> int:
        return len(self.codes) if self.codes else 1

    def pick(self, draws: np.ndarray) -> np.ndarray:
        """Index of the alternative for each draw: [0, 1) cut into equal parts."""
        k = len(self.options)
        return np.minimum((np.asarray(draws) * k).astype(int), k - 1)

    def label(self, option: int) -> str:
        return describe(self.options[option])


def describe(choice: object) -> str:
    """A short label of an alternative for tables and exports."""
    if choice is None:
        return "—"
    if isinstance(choice, str):
        return choice
    method = getattr(choice, "method", None)
    if method == "winsorise":
        return str(choice.winmax)
    if method == "minmax":
        return f"minmax {choice.range[0]:g}–{choice.range[1]:g}"
    if method == "zscore":
        return f"zscore {choice.mean:g}±{choice.sd:g}"
    if getattr(choice, "group", None):
        return f"{method} ({choice.group})"
    if getattr(choice, "power", None) is not None:
        return f"{method} p={choice.power:g}"
    return str(method)


def uncertain_inputs(m: Methodology) -> tuple[UncertainInput, ...]:
    """The declared choices in pipeline order; empty when nothing is declared uncertain."""
    if m.uncertainty is None:
        return ()
    items = [*m.indicator_codes, *m.node_codes]
    out = [
        UncertainInput(
            f"weights_level_{noise.level}",
            codes=tuple(c for c in items if m.levels[c] == noise.level and c != m.root),
            noise=noise.noise,
        )
        for noise in m.uncertainty.weights
    ]
    out += [UncertainInput(name, options=tuple(s)) for name, s in step_alternatives(m).items()]
    drop = drop_candidates(m)
    if drop:
        out.append(UncertainInput("drop_indicator", options=(None, *drop)))
    return tuple(out)


def design_width(inputs: tuple[UncertainInput, ...]) -> int:
    return sum(i.width for i in inputs)


@dataclass(frozen=True)
class Configuration:
    """What each sample of a design fixes: step alternatives by index, and all its weights."""

    steps: dict[str, list]  # imputation/winsorisation/normalisation/aggregation -> specs
    picks: dict[str, np.ndarray]  # the same keys -> (samples,) index into the specs
    items: tuple[str, ...]  # indicators then nodes: the columns of `weights`
    weights: np.ndarray  # (samples, items)


def configure(
    m: Methodology, inputs: tuple[UncertainInput, ...], design: np.ndarray
) -> Configuration:
    """Map a design (samples × columns of draws in [0, 1)) to each sample's choices."""
    n = design.shape[0]
    if design.shape[1] != design_width(inputs):
        raise ValueError(
            f"design has {design.shape[1]} columns, inputs need {design_width(inputs)}"
        )
    steps = {name: [getattr(m.steps, step)] for name, step in STEP_OF.items()}
    picks = {name: np.zeros(n, dtype=int) for name in STEP_OF}
    items = (*m.indicator_codes, *m.node_codes)
    column = {c: j for j, c in enumerate(items)}
    weights = np.tile(np.array([m.weights[c] for c in items], dtype=float), (n, 1))
    start = 0
    for inp in inputs:
        block = design[:, start : start + inp.width]
        start += inp.width
        if inp.codes:
            cols = [column[c] for c in inp.codes]
            weights[:, cols] *= 1.0 - inp.noise + 2.0 * inp.noise * block
        elif inp.name == "drop_indicator":
            dropped = np.array([-1] + [column[c] for c in inp.options[1:]])[inp.pick(block[:, 0])]
            rows = np.flatnonzero(dropped >= 0)
            weights[rows, dropped[rows]] = 0.0
        else:
            steps[inp.name] = list(inp.options)
            picks[inp.name] = inp.pick(block[:, 0])
    return Configuration(steps, picks, items, weights)


def with_steps(m: Methodology, **specs: object) -> Methodology:
    """The methodology with some default steps replaced; the tree and its caches are shared."""
    return m.model_copy(update={"steps": m.steps.model_copy(update=specs)})


def evaluate(
    m: Methodology,
    denominated: Panel,
    units: pd.DataFrame | None,
    period: str,
    inputs: tuple[UncertainInput, ...],
    design: np.ndarray,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The index score and rank of every unit in `period` for every sample: (samples, units).

    Imputation runs over all periods of `denominated` (temporal methods need them); the later
    steps on `period` alone. A unit without a score in a sample (screened out, or a geometric
    mean of a non-positive value) has NaN there and no rank.
    """
    config = configure(m, inputs, design)
    n, n_units = design.shape[0], len(denominated.units)
    key = np.stack([config.picks[k] for k in ("imputation", "winsorisation", "normalisation")], 1)
    keys, inverse = np.unique(key, axis=0, return_inverse=True)
    blocks = _normalised_blocks(m, denominated, units, period, config.steps, keys)
    scores = np.full((n, n_units), np.nan)
    ranks = np.full((n, n_units), np.nan)
    chunk = max(1, BATCH_CELLS // (n_units * (len(config.items) + 1)))
    codes = tuple(m.indicator_codes)
    done = 0
    for a, spec in enumerate(config.steps["aggregation"]):
        m_a = with_steps(m, aggregate=spec)
        rows = np.flatnonzero(config.picks["aggregation"] == a)
        for start in range(0, rows.size, chunk):
            r = rows[start : start + chunk]
            batch = Panel((period,) * r.size, denominated.units, codes, blocks[inverse[r]])
            weights = {c: config.weights[r, j] for j, c in enumerate(config.items)}
            aggregated = aggregate(batch, m_a, weights)
            root = aggregated.values[:, :, aggregated.codes.index(m.root)]
            scores[r] = root
            ranks[r] = rank_desc(root[:, :, None])[:, :, 0]
            done += r.size
            if progress is not None:
                progress(done, n)
    return scores, ranks


def _normalised_blocks(
    m: Methodology,
    denominated: Panel,
    units: pd.DataFrame | None,
    period: str,
    steps: dict[str, list],
    keys: np.ndarray,
) -> np.ndarray:
    """Normalised (units, indicators) table of each distinct (imputation, winsorisation,
    normalisation) index triple, each step computed once and shared by the triples after it."""
    pi = denominated.periods.index(period)
    imputed: dict[int, Panel] = {}
    treated: dict[tuple[int, int], Panel] = {}
    out = []
    for i, w, z in keys.tolist():
        if i not in imputed:
            full = impute(denominated, with_steps(m, impute=steps["imputation"][i]), units)
            one = Panel((period,), full.units, full.codes, full.values[pi : pi + 1])
            imputed[i] = screen(one, m.steps.screen)[0]
        if (i, w) not in treated:
            treated[i, w] = treat(imputed[i], with_steps(m, treat=steps["winsorisation"][w]))[0]
        spec = steps["normalisation"][z]
        out.append(normalise(treated[i, w], with_steps(m, normalise=spec)).values[0])
    return np.stack(out)


def sample_methodology(
    m: Methodology, inputs: tuple[UncertainInput, ...], draws: np.ndarray
) -> Methodology:
    """The fixed methodology one sample stands for (one row of a design): with `engine.compute`
    it reproduces that sample's scores, which is how the batched evaluator is checked."""
    config = configure(m, inputs, np.asarray(draws, dtype=float)[None, :])
    data = m.model_dump()
    data["uncertainty"] = None
    for name, step in STEP_OF.items():
        data["steps"][step] = config.steps[name][config.picks[name][0]].model_dump()
    weight = dict(zip(config.items, config.weights[0], strict=True))
    for item in [*data["indicators"], *data["nodes"]]:
        item["weight"] = float(weight[item["code"]])
    return Methodology.model_validate(data)


@dataclass(frozen=True, eq=False)
class UncertaintyResult:
    """Scores and ranks of every unit in every sample, next to the nominal ones.

    Scores of samples that normalise differently are on different scales (min–max 1–100 against
    z-scores around 10), so ranks are what to compare; the score spread is shown as COINr does.
    """

    methodology: Methodology
    period: str
    units: tuple[str, ...]
    inputs: tuple[UncertainInput, ...]
    design: np.ndarray  # (samples, columns) draws in [0, 1)
    scores: np.ndarray  # (samples, units)
    ranks: np.ndarray  # (samples, units), 1 = best, NaN = no score in that sample
    nominal_scores: np.ndarray  # (units,)
    nominal_ranks: np.ndarray  # (units,)
    seed: int
    top: int = 10

    @property
    def n(self) -> int:
        return self.design.shape[0]

    def frame(self) -> pd.DataFrame:
        """One row per unit, best nominal rank first: nominal_rank, median_rank, rank_p05,
        rank_p95, mean_rank, top<k>_share (share of all samples in which the unit ranks in the
        top k), nominal_score, median_score, score_p05, score_p95, samples (with a score)."""
        with warnings.catch_warnings(action="ignore", category=RuntimeWarning):
            rank_q = np.nanpercentile(self.ranks, [50, 5, 95], axis=0)
            score_q = np.nanpercentile(self.scores, [50, 5, 95], axis=0)
            mean_rank = np.nanmean(self.ranks, axis=0)
        table = pd.DataFrame(
            {
                "unit": list(self.units),
                "nominal_rank": self.nominal_ranks,
                "median_rank": rank_q[0],
                "rank_p05": rank_q[1],
                "rank_p95": rank_q[2],
                "mean_rank": mean_rank,
                f"top{self.top}_share": np.mean(self.ranks <= self.top, axis=0),
                "nominal_score": self.nominal_scores,
                "median_score": score_q[0],
                "score_p05": score_q[1],
                "score_p95": score_q[2],
                "samples": np.sum(~np.isnan(self.ranks), axis=0),
            }
        )
        table["nominal_rank"] = table["nominal_rank"].astype("Int64")
        return table.sort_values(["nominal_rank", "unit"], na_position="last").reset_index(
            drop=True
        )

    def samples(self) -> pd.DataFrame:
        """One row per sample: the alternative each discrete choice took (weights are not shown
        here; `sample_methodology` gives a sample's full methodology)."""
        table = pd.DataFrame({"sample": np.arange(self.n)})
        start = 0
        for inp in self.inputs:
            if not inp.codes:
                picked = inp.pick(self.design[:, start])
                table[inp.name] = [inp.label(k) for k in picked]
            start += inp.width
        return table

    def long(self) -> pd.DataFrame:
        """`sample, unit, score, rank` for every sample and unit, for export and plots."""
        n, u = self.scores.shape
        return pd.DataFrame(
            {
                "sample": np.repeat(np.arange(n), u),
                "unit": np.tile(np.array(self.units, dtype=object), n),
                "score": self.scores.reshape(-1),
                "rank": self.ranks.reshape(-1),
            }
        )

    def rank_shift(self) -> np.ndarray:
        """Mean absolute rank shift from the nominal ranking in each sample, over units ranked in
        both (COINr's target for sensitivity indices)."""
        shift = np.abs(self.ranks - self.nominal_ranks[None, :])
        with warnings.catch_warnings(action="ignore", category=RuntimeWarning):
            return np.nanmean(shift, axis=1)

    def sample_methodology(self, sample: int) -> Methodology:
        return sample_methodology(self.methodology, self.inputs, self.design[sample])


def run_uncertainty(
    result: Result,
    n: int,
    seed: int | None = None,
    units: pd.DataFrame | None = None,
    period: str | None = None,
    top: int = 10,
    progress: Progress | None = None,
) -> UncertaintyResult:
    """Sample `n` combinations of the declared uncertain choices and recompute the index for each.

    `result` is the nominal computation and `units` the unit attributes it was computed with
    (group imputation needs them). The period is the latest unless named. The same `seed` gives
    the same samples; without one a fresh seed is drawn and kept in the result, so any run can be
    repeated. With nothing declared uncertain every sample is the nominal index: zero width.
    """
    if n < 1:
        raise ValueError(f"the number of samples must be at least 1, got {n}")
    m = result.methodology
    inputs = uncertain_inputs(m)
    seed = fresh_seed() if seed is None else int(seed)
    design = np.random.default_rng(seed).random((n, design_width(inputs)))
    return uncertainty_of_design(result, inputs, design, seed, units, period, top, progress)


def uncertainty_of_design(
    result: Result,
    inputs: tuple[UncertainInput, ...],
    design: np.ndarray,
    seed: int,
    units: pd.DataFrame | None = None,
    period: str | None = None,
    top: int = 10,
    progress: Progress | None = None,
) -> UncertaintyResult:
    """Evaluate a given design (plain random, or a Sobol' design) against the nominal result."""
    m = result.methodology
    period = period or result.periods[-1]
    pi = result.periods.index(period)
    scores, ranks = evaluate(m, result.denominated, units, period, inputs, design, progress)
    j = result.aggregated.codes.index(m.root)
    return UncertaintyResult(
        methodology=m,
        period=period,
        units=result.units,
        inputs=inputs,
        design=design,
        scores=scores,
        ranks=ranks,
        nominal_scores=result.aggregated.values[pi, :, j],
        nominal_ranks=result.ranks.values[pi, :, j],
        seed=seed,
        top=top,
    )


def fresh_seed() -> int:
    return int(np.random.SeedSequence().generate_state(1)[0] >> 1)
