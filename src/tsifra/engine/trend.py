"""Damped-trend exponential smoothing, ETS(A,Ad,N), fitted to thousands of short series at once.

The model (Hyndman et al., *Forecasting with Exponential Smoothing*, 2008, §2.5 and class 1 of
ch. 6) in innovations form, with one-step error εₜ ~ N(0, σ²):

    ŷₜ = ℓₜ₋₁ + φ bₜ₋₁,   εₜ = yₜ − ŷₜ,   ℓₜ = ŷₜ + α εₜ,   bₜ = φ bₜ₋₁ + β εₜ

so the h-step forecast is ℓ + (φ + … + φʰ) b, flattening out as the trend is damped, and its
variance is σ²·(1 + Σⱼ₌₁..ₕ₋₁ (α + β(φ + … + φʲ))²). A missing quarter is a step with no
innovation: the state moves forward by its own dynamics and is not corrected.

Why not statsmodels' `ETSModel` per series: it fits one series in about 7 ms here, so the
≈2,000 unit × indicator series of the Russian panel take ≈15 s, the 85 × 60 benchmark panel ≈35 s,
before any propagation. This module fits the same model to all series at once in numpy:

- for given smoothing parameters (α, β, φ) the one-step errors are linear in the initial state
  (ℓ₀, b₀), so the least-squares initial state has a closed form (2 × 2 normal equations,
  accumulated during one recursion) — the same objective statsmodels optimises numerically;
- (α, β, φ) are chosen per series by minimising that concentrated sum of squares over a grid
  (logit-spaced α and β/α, φ within statsmodels' default bounds 0.8–0.98) refined three times
  around each series' best point.

Intervals condition on the fitted parameters, as statsmodels' and R's `forecast::ets` do, so for
short series they understate the uncertainty a little; σ² is divided by the residual degrees of
freedom (n − 5), not by n as statsmodels' maximum-likelihood σ², to offset part of that. A series
that looks like a straight line plus noise is fitted with α ≈ 0 and its interval barely widens:
the model reads the noise as measurement error around a stable trend, not as drift.

The tests check the recursions and the variance against `ETSModel` with the same parameters (to
rounding), and the fitted sums of squares against `ETSModel.fit` (never worse than 2 % above).

Short series cannot identify five parameters. With fewer than `MIN_OWN_FIT` observations a series
takes its group's (its indicator's) median α, β/α and φ, fitting only its initial state; a series
of one observation is carried flat. σ comes from the series' own residuals when they have at
least `MIN_RESIDUAL_DOF` degrees of freedom, otherwise it is the group's median σ (zero if no
series of the group has one: then paths are drawn without noise, and `sigma_known` says so,
so that no interval or probability is reported for the series). A series whose
observations are all equal has zero residuals and so a flat forecast of zero width — the data
show no movement to extrapolate; callers should read that as "no evidence of change", not as
certainty.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_OWN_FIT = 10  # observations needed to estimate α, β, φ, ℓ₀ and b₀ of the series itself
MIN_RESIDUAL_DOF = 3  # residual degrees of freedom needed to estimate σ from the series alone
PHI_BOUNDS = (0.8, 0.98)  # statsmodels' and Hyndman's default damping bounds
SHARE_BOUNDS = (1e-4, 1 - 1e-4)  # of α and of β/α, as statsmodels bounds them (β ≤ α)
DEFAULT_PARAMETERS = (0.5, 0.2, 0.9)  # α, β/α, φ when a group has no series to borrow from

MODELS = ("damped_trend", "shared_damped_trend", "constant", "last_value", "none")


@dataclass(frozen=True)
class TrendFit:
    """Fitted models of N series; state at each series' last observation.

    `gap` is how many periods separate that observation from the end of the history, so the
    forecast of the first period after the history is `gap + 1` steps ahead of the data.
    """

    alpha: np.ndarray  # (N,)
    beta: np.ndarray  # (N,) trend smoothing, β ≤ α
    phi: np.ndarray  # (N,) damping
    level: np.ndarray  # (N,) ℓ at the last observation, in the series' units
    trend: np.ndarray  # (N,) b at the last observation, per period
    sigma: np.ndarray  # (N,) standard deviation of one-step errors
    gap: np.ndarray  # (N,) int
    observations: np.ndarray  # (N,) int
    model: np.ndarray  # (N,) one of MODELS
    # False where no σ could be estimated (the series and its group too short): σ is then 0 so
    # that paths can still be drawn, but an interval or a probability would claim a certainty
    # the data do not give. None: every σ was estimated.
    sigma_known: np.ndarray | None = None

    def steps(self, horizon: int) -> np.ndarray:
        """(N, horizon) steps ahead of each series' last observation."""
        return self.gap[:, None] + np.arange(1, horizon + 1)[None, :]

    def mean(self, horizon: int) -> np.ndarray:
        """(N, horizon) point forecasts of the periods after the history; NaN without data."""
        h = self.steps(horizon)
        return self.level[:, None] + _damped_sum(self.phi[:, None], h) * self.trend[:, None]

    def sd(self, horizon: int) -> np.ndarray:
        """(N, horizon) standard deviations of the forecasts (class-1 ETS formula)."""
        h_max = int(self.steps(horizon).max(initial=0))
        j = np.arange(1, max(h_max, 1))[None, :]  # 1 … h_max − 1
        c = self.alpha[:, None] + self.beta[:, None] * _damped_sum(self.phi[:, None], j)
        cumulative = np.concatenate([np.zeros((len(c), 1)), np.cumsum(c * c, axis=1)], axis=1)
        at = np.take_along_axis(cumulative, self.steps(horizon) - 1, axis=1)
        return self.sigma[:, None] * np.sqrt(1.0 + at)

    def simulate(self, horizon: int, samples: int, rng: np.random.Generator) -> np.ndarray:
        """(samples, N, horizon) sample paths of the periods after the history.

        Paths run from each series' last observation through its gap, so a series last seen a
        year ago is as uncertain as that year deserves. NaN where a series has no data.
        """
        n = len(self.level)
        steps = int(self.gap.max(initial=0)) + horizon
        out = np.full((samples, n, horizon), np.nan)
        level = np.broadcast_to(self.level, (samples, n)).copy()
        trend = np.broadcast_to(self.trend, (samples, n)).copy()
        for step in range(1, steps + 1):
            error = rng.standard_normal((samples, n)) * self.sigma
            predicted = level + self.phi * trend
            column = step - self.gap - 1
            keep = (column >= 0) & (column < horizon)
            idx = np.flatnonzero(keep)
            out[:, idx, column[idx]] = predicted[:, idx] + error[:, idx]
            level = predicted + self.alpha * error
            trend = self.phi * trend + self.beta * error
        return out


def fit_damped_trend(
    y: np.ndarray, groups: np.ndarray | None = None, min_own_fit: int = MIN_OWN_FIT
) -> TrendFit:
    """Fit ETS(A,Ad,N) to every row of `y` (N series × T periods, NaN = missing).

    `groups` (N ints) says which series may lend each other parameters and σ — series of the
    same indicator across units, which share a scale. Series with no observation get NaN.
    """
    y = np.asarray(y, dtype=float)
    n, _t = y.shape
    groups = np.zeros(n, dtype=int) if groups is None else np.asarray(groups)
    observed = ~np.isnan(y)
    count = observed.sum(axis=1)
    with np.errstate(all="ignore"):
        centre = np.where(count > 0, np.nansum(y, axis=1) / np.maximum(count, 1), 0.0)
        spread = np.sqrt(np.nansum((y - centre[:, None]) ** 2, axis=1) / np.maximum(count, 1))
    constant = (count >= 2) & (spread <= 1e-12 * np.maximum(1.0, np.abs(centre)))
    scale = np.where(spread > 0, spread, 1.0)
    z = (y - centre[:, None]) / scale[:, None]  # the model is affine-equivariant

    own = (count >= min_own_fit) & ~constant
    alpha = np.full(n, np.nan)
    share = np.full(n, np.nan)
    phi = np.full(n, np.nan)
    if own.any():
        alpha[own], share[own], phi[own] = _grid_search(z[own], observed[own])
    borrowed = ~own & (count > 0)
    for g in np.unique(groups[borrowed]):
        members = borrowed & (groups == g)
        donors = own & (groups == g)
        if not donors.any():
            donors = own
        params = (
            [float(np.median(p[donors])) for p in (alpha, share, phi)]
            if donors.any()
            else list(DEFAULT_PARAMETERS)
        )
        alpha[members], share[members], phi[members] = params
    beta = alpha * share

    sse, level, trend = _final_pass(z, observed, alpha, beta, phi)
    dof = count - np.where(own, 5, 2)
    with np.errstate(all="ignore"):
        sigma = np.sqrt(np.maximum(sse, 0.0) / dof) * scale
    sigma = np.where(dof >= MIN_RESIDUAL_DOF, sigma, np.nan)
    sigma = np.where(constant & (dof >= MIN_RESIDUAL_DOF), 0.0, sigma)
    sigma = _borrow_sigma(sigma, groups, count, donors=own)
    sigma_known = ~np.isnan(sigma)
    sigma = np.nan_to_num(sigma)

    single = count == 1
    last = np.where(observed.any(axis=1), _t - 1 - np.argmax(observed[:, ::-1], axis=1), -1)
    level = level * scale + centre
    trend = np.where(single | constant, 0.0, trend * scale)
    level = np.where(constant, centre, level)
    if single.any():
        level[single] = y[single, last[single]]
    model = np.select(
        [count == 0, single, constant, own],
        ["none", "last_value", "constant", "damped_trend"],
        "shared_damped_trend",
    )
    nan = count == 0
    return TrendFit(
        alpha=np.where(nan, np.nan, alpha),
        beta=np.where(nan, np.nan, beta),
        phi=np.where(nan, np.nan, phi),
        level=np.where(nan, np.nan, level),
        trend=np.where(nan, np.nan, trend),
        sigma=np.where(nan, np.nan, sigma),
        gap=np.where(nan, 0, _t - 1 - last).astype(int),
        observations=count.astype(int),
        model=model,
        sigma_known=sigma_known | nan,
    )


def _damped_sum(phi: np.ndarray, h: np.ndarray) -> np.ndarray:
    """φ + φ² + … + φʰ (h ≥ 0), elementwise with broadcasting."""
    h = np.asarray(h, dtype=float)
    with np.errstate(all="ignore"):
        closed = phi * (1.0 - phi**h) / (1.0 - phi)
    return np.where(np.abs(1.0 - phi) < 1e-12, h, closed)


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _grid_search(z: np.ndarray, observed: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per-series (α, β/α, φ) minimising the concentrated sum of squares, in coordinates
    (logit α, logit β/α, φ): a coarse grid, then three rounds of a 3 × 3 × 3 local grid."""
    lo, hi = _logit(SHARE_BOUNDS[0]), _logit(SHARE_BOUNDS[1])
    a_axis = np.linspace(lo, hi, 10)
    s_axis = np.linspace(lo, hi, 7)
    p_axis = np.linspace(*PHI_BOUNDS, 5)
    a, s, p = (g.reshape(-1, 1) for g in np.meshgrid(a_axis, s_axis, p_axis, indexing="ij"))
    sse = _concentrated_sse(z, observed, _sigmoid(a), _sigmoid(a) * _sigmoid(s), p)
    best = np.argmin(sse, axis=0)
    n = z.shape[0]
    a, s, p = a[best, 0], s[best, 0], p[best, 0]
    step = np.array([a_axis[1] - a_axis[0], s_axis[1] - s_axis[0], p_axis[1] - p_axis[0]]) / 2
    offsets = np.stack(np.meshgrid([-1, 0, 1], [-1, 0, 1], [-1, 0, 1], indexing="ij"), -1)
    offsets = offsets.reshape(-1, 3)
    for _ in range(3):
        ca = np.clip(a[None, :] + offsets[:, :1] * step[0], lo, hi)
        cs = np.clip(s[None, :] + offsets[:, 1:2] * step[1], lo, hi)
        cp = np.clip(p[None, :] + offsets[:, 2:] * step[2], *PHI_BOUNDS)
        sse = _concentrated_sse(z, observed, _sigmoid(ca), _sigmoid(ca) * _sigmoid(cs), cp)
        best = np.argmin(sse, axis=0)
        cols = np.arange(n)
        a, s, p = ca[best, cols], cs[best, cols], cp[best, cols]
        step = step / 2
    return _sigmoid(a), _sigmoid(s), p


def _concentrated_sse(
    z: np.ndarray, observed: np.ndarray, alpha: np.ndarray, beta: np.ndarray, phi: np.ndarray
) -> np.ndarray:
    """(G, N) sums of squared one-step errors with the least-squares initial state, for G
    parameter sets (arrays broadcasting to (G, N)) and N series."""
    sums = _recursion_sums(z, observed, alpha, beta, phi)
    _, sse = _solve_initial(sums)
    return sse


def _recursion_sums(z, observed, alpha, beta, phi):
    """Run the filter from a zero state on the data, and from unit ℓ₀ and unit b₀ on no data;
    by linearity the errors from any initial state (ℓ₀, b₀) are e + ℓ₀·e₁ + b₀·e₂, so the six
    cross-products summed over observed periods are all the least-squares problem needs."""
    shape = np.broadcast_shapes(np.shape(alpha), np.shape(beta), np.shape(phi), z.shape[:1])
    level, trend = np.zeros(shape), np.zeros(shape)
    level1, trend1 = np.ones(shape), np.zeros(shape)
    level2, trend2 = np.zeros(shape), np.ones(shape)
    s = [np.zeros(shape) for _ in range(6)]  # e·e, e·e₁, e·e₂, e₁·e₁, e₁·e₂, e₂·e₂
    for t in range(z.shape[1]):
        seen = observed[:, t]
        f0 = level + phi * trend
        f1 = level1 + phi * trend1
        f2 = level2 + phi * trend2
        e0 = np.where(seen, np.nan_to_num(z[:, t]) - f0, 0.0)
        e1 = np.where(seen, -f1, 0.0)
        e2 = np.where(seen, -f2, 0.0)
        s[0] += e0 * e0
        s[1] += e0 * e1
        s[2] += e0 * e2
        s[3] += e1 * e1
        s[4] += e1 * e2
        s[5] += e2 * e2
        level, trend = f0 + alpha * e0, phi * trend + beta * e0
        level1, trend1 = f1 + alpha * e1, phi * trend1 + beta * e1
        level2, trend2 = f2 + alpha * e2, phi * trend2 + beta * e2
    return s


def _solve_initial(sums) -> tuple[tuple[np.ndarray, np.ndarray], np.ndarray]:
    """Least-squares (ℓ₀, b₀) and the resulting sum of squares; with one observation (or
    collinear responses) b₀ = 0 and ℓ₀ alone is fitted."""
    s00, s01, s02, s11, s12, s22 = sums
    det = s11 * s22 - s12 * s12
    ok = det > 1e-10 * np.maximum(s11 * s22, 1e-300)
    with np.errstate(all="ignore"):
        l0 = np.where(ok, (-s01 * s22 + s02 * s12) / det, -s01 / s11)
        b0 = np.where(ok, (-s02 * s11 + s01 * s12) / det, 0.0)
    l0 = np.nan_to_num(l0)
    b0 = np.nan_to_num(b0)
    sse = s00 + 2 * (l0 * s01 + b0 * s02) + l0 * l0 * s11 + 2 * l0 * b0 * s12 + b0 * b0 * s22
    return (l0, b0), sse


def _final_pass(z, observed, alpha, beta, phi):
    """The exact residual sum of squares with the fitted initial state, and the state at each
    series' last observation (periods after it are left out: the forecast steps through them)."""
    (l0, b0), _ = _solve_initial(_recursion_sums(z, observed, alpha, beta, phi))
    level, trend = l0.copy(), b0.copy()
    sse = np.zeros(len(z))
    last_level, last_trend = l0.copy(), b0.copy()
    for t in range(z.shape[1]):
        seen = observed[:, t]
        predicted = level + phi * trend
        error = np.where(seen, np.nan_to_num(z[:, t]) - predicted, 0.0)
        sse += error * error
        level, trend = predicted + alpha * error, phi * trend + beta * error
        last_level = np.where(seen, level, last_level)
        last_trend = np.where(seen, trend, last_trend)
    return sse, last_level, last_trend


def _borrow_sigma(
    sigma: np.ndarray, groups: np.ndarray, count: np.ndarray, donors: np.ndarray
) -> np.ndarray:
    """Series without their own σ take the median σ of their group's fully fitted series; NaN
    remains where the group has none."""
    out = sigma.copy()
    need = np.isnan(out) & (count > 0)
    for g in np.unique(groups[need]):
        lenders = donors & (groups == g)
        if lenders.any():
            out[need & (groups == g)] = float(np.median(sigma[lenders]))
    return out
