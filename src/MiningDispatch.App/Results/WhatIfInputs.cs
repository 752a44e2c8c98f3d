using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies.Hysteresis;

namespace MiningDispatch.App.Results;

/// <summary>
/// What the report's what-if panel needs to recompute a single-model site's dispatch in the page: the site as run and,
/// for the hysteresis strategy, its band. Set only when the run was a single-model site dispatched by the threshold
/// or hysteresis rule on its own (no 4CP avoidance wrapped around it); the interval data come from the result.
/// </summary>
/// <param name="Site">The site as run (MW, W/TH, pool fee, adder, minimum profit).</param>
/// <param name="Strategy">"threshold" or "hysteresis".</param>
/// <param name="Hysteresis">The hysteresis band when <paramref name="Strategy"/> is hysteresis, else null.</param>
public sealed record WhatIfInputs(SiteSpec Site, string Strategy, HysteresisOptions? Hysteresis);
