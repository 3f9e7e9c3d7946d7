"""A synthetic panel of indicator values for every region, for demonstrations and tests.

THE DATA ARE SYNTHETIC. They are drawn from a random model so that the index, the ratings, the
governor's dashboard and the reports can be shown and tested before any real data are loaded. They
must never be read, quoted or published as real figures of any region. The frame carries
`attrs["synthetic"] = True`, and everything built from it must show `DEMO_MARK` visibly.

The model is meant to look plausible, not to be true: a region's latent "digital maturity" grows
with its population and district (plus a few well-known leaders); every indicator starts below its
yearly targets in 2021 and closes most of the gap by the end; regions report irregularly, so some
values and some whole quarters are missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tsifra.kernel.language import DEMO_MARK as DEMO_MARK  # re-exported
from tsifra.kernel.language import DEMO_NOTE
from tsifra.methodology.schema import Indicator, Methodology

# The public record names these regions as leaders of digital transformation; a fixed lift keeps
# the demo ranking recognisable instead of letting chance put a small region first.
LEADERS: dict[str, float] = {
    "RU-MOW": 2.0,
    "RU-SPE": 1.5,
    "RU-MOS": 1.5,
    "RU-TA": 1.3,
    "RU-TYU": 1.2,
    "RU-NVS": 0.6,
    "RU-KLU": 0.6,
    "RU-CHE": 0.4,
}

# Matched as lower-case substrings of the district (code or name, "_" read as a space), so that
# codes such as `north_caucasian` and Russian or English names all work.
DISTRICT_LIFT: dict[str, float] = {
    "централ": 0.3,
    "central": 0.3,
    "северо-запад": 0.2,
    "north-west": 0.2,
    "northwest": 0.2,
    "приволж": 0.15,
    "volga": 0.15,
    "урал": 0.15,
    "ural": 0.15,
    "северо-кавказ": -0.5,
    "north caucas": -0.5,
    "дальневост": -0.2,
    "far east": -0.2,
}


def generate_panel(
    methodology: Methodology,
    regions: pd.DataFrame,
    seed: int = 2024,
    start: str = "2021Q1",
    end: str = "2025Q4",
    missing_share: float = 0.03,
) -> pd.DataFrame:
    """Long-form `unit, period, indicator, value` rows of synthetic data, marked as such in attrs.

    Values are drawn before missingness, so the same seed gives the same observed values whatever
    `missing_share` is; only which rows are dropped changes.
    """
    if not 0.0 <= missing_share < 1.0:
        raise ValueError(f"missing_share must be in [0, 1), got {missing_share}")
    periods = pd.period_range(start, end, freq="Q")
    if len(periods) == 0:
        raise ValueError(f"no quarters between {start} and {end}")
    rng = np.random.default_rng(seed)
    regions = regions.sort_index()
    codes = regions.index.astype(str).to_numpy()
    maturity = _maturity(regions, rng)

    # Targets are end-of-year goals: Q4 of year y sits at time y, Q1 at y - 0.75.
    time = periods.year.to_numpy() - 1 + periods.quarter.to_numpy() / 4
    progress = (time - time[0]) / max(time[-1] - time[0], 1e-9)
    values = np.stack(
        [_indicator_values(ind, maturity, time, progress, rng) for ind in methodology.indicators]
    )  # indicator × region × period

    n_ind, n_reg, n_per = values.shape
    missing = np.zeros((n_reg, n_per, n_ind), dtype=bool)
    if missing_share > 0:
        # A few regions skip a whole quarter, as late reporters do; the rest is missing at random,
        # topped up so that the total share stays near `missing_share`.
        n_gaps = max(1, n_reg // 25)
        gap_regions = rng.choice(n_reg, size=min(n_gaps, n_reg), replace=False)
        missing[gap_regions, rng.integers(0, n_per, size=len(gap_regions)), :] = True
        rest = max(0.0, missing_share - missing.mean())
        missing |= rng.random(missing.shape) < rest

    flat = values.transpose(1, 2, 0).reshape(-1)
    frame = pd.DataFrame(
        {
            "unit": np.repeat(codes, n_per * n_ind),
            "period": np.tile(np.repeat(periods.astype(str).to_numpy(), n_ind), n_reg),
            "indicator": np.tile(np.array(methodology.indicator_codes), n_reg * n_per),
            "value": np.round(flat, 1),
        }
    )
    frame = frame[~missing.reshape(-1)].reset_index(drop=True)
    frame.attrs["synthetic"] = True
    frame.attrs["note"] = DEMO_NOTE
    frame.attrs["seed"] = seed
    return frame


def _maturity(regions: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """Standardised latent maturity: bigger regions and richer districts tend to be further on."""
    population = pd.to_numeric(regions["population"], errors="coerce").astype(float)
    log_pop = np.log(population.fillna(population.median()).clip(lower=1.0).to_numpy())
    size = (log_pop - log_pop.mean()) / (log_pop.std() or 1.0)

    district = regions["federal_district"].astype(str).to_numpy()
    names, which = np.unique(district, return_inverse=True)
    known = np.array([sum(v for k, v in DISTRICT_LIFT.items() if k in n.lower()) for n in names])
    district_lift = (known + rng.normal(0.0, 0.2, len(names)))[which]

    leaders = regions.index.astype(str).map(lambda c: LEADERS.get(c, 0.0)).to_numpy(dtype=float)
    latent = 0.5 * size + district_lift + leaders + rng.normal(0.0, 0.6, len(regions))
    return (latent - latent.mean()) / (latent.std() or 1.0)


def _indicator_values(
    ind: Indicator,
    maturity: np.ndarray,
    time: np.ndarray,
    progress: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Region × period values: achievement of the period's target, shared trend plus region noise.

    Achievement rather than raw levels keeps every indicator on its own scale and makes
    lower-is-better indicators fall over time simply by dividing the target by it.
    """
    target = _reference_path(ind, time, progress)
    # Nationally most indicators are well short of target early on and close part of the gap;
    # the spread keeps the leaders mostly below the 100 % cap so that the ranking stays readable.
    start, finish = rng.uniform(0.55, 0.72), rng.uniform(0.78, 0.88)
    spread = rng.uniform(0.05, 0.09)
    national = start + (finish - start) * progress
    own = rng.normal(0.0, spread / 2, len(maturity))  # the region's strengths differ by indicator
    jitter = rng.normal(0.0, 0.02, (len(maturity), len(time)))
    achievement = national[None, :] + (spread * maturity + own)[:, None] + jitter
    achievement = np.clip(achievement, 0.05, None)
    values = achievement * target if ind.direction == 1 else target / achievement
    if ind.valid_range is not None:
        values = np.clip(values, *ind.valid_range)
    return values


def _reference_path(ind: Indicator, time: np.ndarray, progress: np.ndarray) -> np.ndarray:
    """The yearly targets interpolated by quarter; without targets, a path inside the range."""
    if ind.targets:
        years = sorted(ind.targets)
        return np.interp(time, years, [ind.targets[y] for y in years])
    if ind.goalposts is not None:
        low, high = ind.goalposts.min, ind.goalposts.max
    else:
        low, high = ind.valid_range or (0.0, 100.0)
    share = 0.6 + 0.3 * progress if ind.direction == 1 else 0.5 - 0.3 * progress
    return low + (high - low) * share
