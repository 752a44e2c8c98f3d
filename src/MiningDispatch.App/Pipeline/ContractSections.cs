using System.Globalization;
using MiningDispatch.App.Inputs;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Settlement;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.SystemLoad;

namespace MiningDispatch.App.Pipeline;

/// <summary>
/// The 4CP inputs of a run: the system load (when given), ERCOT's official intervals (when given) and the avoidance
/// rule (with <c>--avoid-4cp</c>): the load rule on any day and hour of June–September with system load, else the
/// calendar window 15:00–17:30 CPT on every day of June–September.
/// </summary>
internal sealed record FourCpSetup(SystemLoad? Load, FourCpAvoidance? Avoidance, IReadOnlyList<CoincidentPeak>? Official = null, string? OfficialFile = null)
{
    /// <summary>The calendar window (no load data): every day June–September, 15:00–17:30 CPT.</summary>
    public static readonly FourCpWindowRule Window = FourCpWindowRule.AnyDay;
    /// <summary>Where the load rule may act: any day, any hour of June–September.</summary>
    public static readonly FourCpWindowRule LoadWindow = FourCpWindowRule.AllDay();

    /// <summary>
    /// The 4CP charge a schedule's demand sets, as the run's 4CP section computes it: at the peaks (official intervals
    /// or system load), or the calendar worst case without either.
    /// </summary>
    public double ChargeUsd(SiteLoadProfile profile, double rate)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var (peaks, _, _) = Peaks(profile.Market, MarketClock.Ercot);
        return peaks is not null
            ? FourCpReport.AtPeaks(profile, profile, peaks, rate, MarketClock.Ercot).ChargeWithAvoidanceUsd
            : FourCpReport.CalendarWorstCase(profile, profile, Window, rate, MarketClock.Ercot).ChargeWithAvoidanceUsd;
    }

    /// <summary>Reads <c>--system-load</c> and <c>--four-cp-intervals</c> and builds the avoidance rule; empty when there is no <c>--four-cp-rate</c>.</summary>
    public static FourCpSetup From(ContractRequest s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.FourCpRateUsdPerKwYear is null) return new FourCpSetup(null, null);
        SystemLoad? load = s.SystemLoad is { } path ? SystemLoadCsvLoader.Load(path) : null;
        var official = s.FourCpIntervals is { } ip ? FourCpIntervalsCsvLoader.Load(ip) : null;
        FourCpAvoidance? avoidance = s.Avoid4cp
            ? load is null ? FourCpAvoidance.Calendar(Window) : FourCpAvoidance.LoadThreshold(load, s.FourCpLoadFraction, LoadWindow)
            : null;
        return new FourCpSetup(load, avoidance, official, s.FourCpIntervals is { } f ? Path.GetFileName(f) : null);
    }

    /// <summary>Inputs-table text of the avoidance rule.</summary>
    public string DescribeAvoidance(string? what = null) =>
        "curtail " + (what is null ? "" : what + " ") + "when " + Avoidance!.Describe() +
        (Avoidance.Load is null ? " (every day Jun-Sep, 15:00-17:30 CPT)" : " (any day, any hour Jun-Sep; decided on load known before the interval)");

    /// <summary>
    /// The peaks that set the tag and how they were found: the official intervals where given, else the system load's
    /// highest interval of each month (hourly load: the peak hour; the notes say so), else none (calendar worst case).
    /// </summary>
    public (IReadOnlyList<CoincidentPeak>? Peaks, string Basis, List<string> Notes) Peaks(MarketSeries market, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(clock);
        var notes = new List<string>();
        var fromLoad = Load is null ? null : CoincidentPeaks.FromSystemLoad(Load, clock);
        string loadRes = Load is null ? "" : Load.Interval == TimeSpan.FromMinutes(15) ? "15-minute" : Load.Interval == TimeSpan.FromHours(1) ? "hourly" : $"{Load.Interval.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)}-minute";
        if (Official is null)
        {
            if (fromLoad is null) return (null, "calendar worst case (every day Jun-Sep, 15:00-17:30 CPT)", notes);
            AddLoadNote(notes, loadRes);
            return (fromLoad, $"system load ({Load!.Source}, {loadRes} peaks)", notes);
        }
        // Official intervals; a run month missing from the file falls back to the load's peak or is not charged.
        var peaks = Official.ToList();
        var runMonths = market.StartsUtc.Select(t => clock.ToLocal(t)).Where(l => l.Month is >= 6 and <= 9).Select(l => (l.Year, l.Month)).Distinct().ToList();
        var missing = runMonths.Where(m => !Official.Any(o => o.Year == m.Year && o.Month == m.Month)).ToList();
        var fromLoadUsed = new List<string>();
        var notCharged = new List<string>();
        foreach (var (y, mo) in missing)
        {
            var lp = fromLoad?.FirstOrDefault(p => p.Year == y && p.Month == mo);
            string label = string.Create(CultureInfo.InvariantCulture, $"{y}-{mo:00}");
            if (lp is not null) { peaks.Add(lp); fromLoadUsed.Add(label); }
            else notCharged.Add(label);
        }
        string basis = $"ERCOT 4CP intervals ({OfficialFile})";
        if (fromLoadUsed.Count > 0)
        {
            basis += $"; {string.Join(", ", fromLoadUsed)} from system load ({Load!.Source})";
            notes.Add($"{string.Join(", ", fromLoadUsed)} not in {OfficialFile}: the peak is the highest {loadRes} interval of {Load.Source}.");
            AddLoadNote(notes, loadRes);
        }
        if (notCharged.Count > 0)
            notes.Add($"{string.Join(", ", notCharged)} not in {OfficialFile} and no system load for it: that month has no 4CP peak and the tag averages the months given.");
        if (market.IntervalHours > 0.25 + 1e-9)
            notes.Add("Official 15-minute 4CP intervals with hourly market data: the site's demand in an interval is its MW in the hour holding it.");
        return (peaks.OrderBy(p => p.StartUtc).ToList(), basis, notes);
    }

    private void AddLoadNote(List<string> notes, string loadRes)
    {
        if (Load!.Interval > TimeSpan.FromMinutes(15))
            notes.Add($"4CP peaks from {loadRes} system load ({Load.Source}): each is the month's highest {loadRes} sample, not ERCOT's 15-minute settlement interval; " +
                "the site's demand at a peak is its highest MW in that sample's time, and the month's real 4CP interval may lie in another hour or day. " +
                "Give --four-cp-intervals with ERCOT's published intervals for the billed peaks.");
        else
            notes.Add($"4CP peaks from 15-minute system load ({Load.Source}): the month's highest 15-minute interval; ERCOT bills on settlement load, which can differ from operational load.");
    }
}

/// <summary>A second settlement point and its prices on the backtest intervals.</summary>
internal sealed record BasisSeries(string Point, double[] Prices);

/// <summary>What a schedule is settled under: the contracts, the hashprice CSV (for its BTC price column) and the basis point.</summary>
internal sealed record SettlementInputs(ContractRequest Contracts, string? HashpriceFile, BasisSeries? Basis)
{
    /// <summary>The contracts with neither a hashprice file nor a basis point (forecasts).</summary>
    public static SettlementInputs Without(ContractRequest contracts) => new(contracts, null, null);
}

/// <summary>
/// The settlement sections shared by a single-model site and a mixed fleet, computed on load profiles (MW consumed
/// and mining revenue per interval): BTC mined, demand-response income, the PPA (take-or-pay with sell-back, zone or
/// hub settled), the 4CP charge and the basis against a second settlement point.
/// </summary>
internal static class ContractSections
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <param name="model">The run so far; its <see cref="BacktestRun.Result"/> is the schedule being settled.</param>
    /// <param name="inputs">Lines describing the run; the contracts add theirs.</param>
    /// <param name="market">The backtest intervals and the site's prices.</param>
    /// <param name="s">The contracts.</param>
    /// <param name="basis">The basis point and its prices on the same intervals; null without <c>--basis-point</c>.</param>
    /// <param name="hashpriceFile">The hashprice CSV, whose BTC price column is used when no BTC price is given; null for the API.</param>
    /// <param name="fourCp">The 4CP inputs.</param>
    /// <param name="profile">The schedule's MW and mining revenue.</param>
    /// <param name="alwaysOn">The same site running everything in every interval (for the PPA's always-on line).</param>
    /// <param name="fourCpBase">The schedule without 4CP avoidance (the same as <paramref name="profile"/> without <c>--avoid-4cp</c>).</param>
    /// <param name="optimum">The perfect-foresight optimum's schedule and what it maximised; null when the strategy is the optimum.</param>
    public static BacktestRun Apply(BacktestRun model, List<KeyValuePair<string, string>> inputs, MarketSeries market, ContractRequest s,
        BasisSeries? basis, string? hashpriceFile, FourCpSetup fourCp, SiteLoadProfile profile, SiteLoadProfile alwaysOn, SiteLoadProfile fourCpBase,
        (SiteLoadProfile Profile, string Sees)? optimum)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(s);
        var result = model.Result;
        var btc = BtcPriceSource.Resolve(s.BtcPrice, hashpriceFile, market);
        if (btc is { } b) inputs.Add(new("BTC price", b.Source));
        var dr = DrContract(s);
        if (dr is not null)
            inputs.Add(new("Demand response", string.Create(Ci, $"${dr.PriceUsdPerMwHour:0.##}/MW-h for running MW above {dr.MinimumLoadMw:0.##} MW")));
        double[]? basisPrices = basis?.Prices;
        if (s.Ppa is { } ppaPath)
        {
            var contract = PpaInput.Load(ppaPath);
            bool atHub = s.SettleAt == PpaSettlePlace.Hub;
            var options = new PpaSettlementOptions
            {
                Clock = Clock,
                HubPriceUsdPerMWh = atHub ? basisPrices : null,
                Btc = btc is { } bb ? BtcPriceInput.FromUsdPerBtc(bb.UsdPerBtc) : null,
                Ancillary = dr,
            };
            var settled = PpaSettlement.Settle(profile, alwaysOn, contract, options);
            model = model with { Contract = settled, Ancillary = settled.Ancillary };
            inputs.Add(new("PPA", $"{contract.Name} ({Path.GetFileName(ppaPath)}): " + string.Join("; ", contract.Tranches.Select(t =>
                string.Create(Ci, $"{t.Label} {t.FirstDay:yyyy-MM-dd}..{t.LastDay:yyyy-MM-dd}")))));
            inputs.Add(new("PPA settlement", atHub ? $"contract energy at {basis?.Point}, site at {market.SettlementPoint} (take-or-pay, sell-back)" : $"at {market.SettlementPoint} (take-or-pay, sell-back)"));
        }
        else
        {
            if (dr is not null) model = model with { Ancillary = AncillaryCapacity.Compute(profile, dr, Clock) };
            if (btc is { } bb)
            {
                double mined = 0;
                for (int t = 0; t < result.Revenue.Length; t++) mined += result.Revenue[t] / bb.UsdPerBtc[t];
                model = model with { Btc = new BtcSection(mined, result.Summary.PowerCostUsd, bb.Source) };
            }
        }

        // 4CP charge: the schedule without avoidance against the one run.
        if (s.FourCpRateUsdPerKwYear is { } rate)
        {
            var (peaks, peakBasis, notes) = fourCp.Peaks(market, Clock);
            var charge = peaks is null
                ? FourCpReport.CalendarWorstCase(fourCpBase, profile, FourCpSetup.Window, rate, Clock)
                : FourCpReport.AtPeaks(fourCpBase, profile, peaks, rate, Clock, peakBasis);
            if (fourCp.Avoidance is { Load: not null } rule)
            {
                var blind = rule.Decide(market.StartsUtc, market.IntervalHours, Clock);
                if (blind.BlindIntervals > 0)
                    notes.Add(string.Create(Ci, $"The 4CP load rule had no system load just before {blind.BlindIntervals} June-September interval(s) (first {blind.FirstBlindUtc:yyyy-MM-dd HH:mm}Z): it did not curtail there."));
                charge = charge with { RuleBacktest = FourCpRuleBacktest.Run(rule, Clock, fourCp.Official) };
            }
            charge = charge with { Notes = notes };
            model = model with { FourCp = charge };
            inputs.Add(new("4CP rate", string.Create(Ci, $"${rate:0.##}/kW-yr; peaks: {charge.PeakBasis}")));
        }

        // Basis against a second settlement point.
        if (basisPrices is not null)
        {
            model = model with
            {
                Basis = BasisSettlement.CompareMw(market.StartsUtc, basisPrices, market.PriceUsdPerMWh, profile.MwConsumed, market.IntervalHours,
                    basis!.Point, market.SettlementPoint),
            };
        }
        // Regret and captured uplift on site totals: the optimum's line sees what the strategy is charged and paid.
        return WithSiteTotal(model, SiteTotals(model, s, dr, fourCp, profile, alwaysOn, optimum));
    }

    /// <summary>The run with <paramref name="total"/> as its site total, and regret and captured uplift on site totals.</summary>
    internal static BacktestRun WithSiteTotal(BacktestRun model, SiteTotalSection total)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(total);
        if (model.Comparison is { } cmp && total.Optimum is { } best)
            model = model with
            {
                Comparison = cmp with
                {
                    RegretUsd = best.SiteTotalUsd - total.Strategy.SiteTotalUsd,
                    CapturedUpliftPct = best.SiteTotalUsd - total.AlwaysOn.SiteTotalUsd > 1e-9
                        ? 100.0 * total.UpliftUsd / (best.SiteTotalUsd - total.AlwaysOn.SiteTotalUsd) : null,
                },
            };
        return model with { SiteTotal = total };
    }

    internal static double DrIncome(AncillaryCapacityContract? dr, SiteLoadProfile p) => dr is null ? 0 : AncillaryCapacity.Compute(p, dr, Clock).IncomeUsd;

    internal static double FourCpCharge(ContractRequest s, FourCpSetup fourCp, SiteLoadProfile p) =>
        s.FourCpRateUsdPerKwYear is { } rate ? fourCp.ChargeUsd(p, rate) : 0;

    /// <summary>
    /// Adds to the run's site total the same rule decided one interval late, on the last settled price
    /// (<see cref="MarketSeries.LastSettledPrices"/>), settled like the others, when the rule decides on an interval's
    /// own price; the run unchanged otherwise.
    /// </summary>
    /// <param name="model">The settled run.</param>
    /// <param name="late">The late schedule, booked on the real prices.</param>
    /// <param name="restartCostUsd">Its restart costs under the run's constraints.</param>
    /// <param name="profile">Its MW and mining revenue.</param>
    public static BacktestRun WithLateDecision(BacktestRun model, ContractRequest s, FourCpSetup fourCp, BacktestResult late, double restartCostUsd, SiteLoadProfile profile)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(late);
        if (model.SiteTotal is not { } total) return model;
        var line = new SiteTotalLine(late.Strategy, "one interval late", late.Summary.ProfitUsd, restartCostUsd, total.Strategy.ContractValueUsd,
            DrIncome(DrContract(s), profile), FourCpCharge(s, fourCp, profile));
        return model with { SiteTotal = total with { OneIntervalLate = line } };
    }

    /// <summary>The demand-response / ancillary capacity contract of <c>--dr-price</c>; null without it.</summary>
    public static AncillaryCapacityContract? DrContract(ContractRequest s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.DrPriceUsdPerMwHour is { } drPrice
            ? new AncillaryCapacityContract { PriceUsdPerMwHour = drPrice, MinimumLoadMw = s.DrMinLoadMw, Name = "Demand response / ancillary capacity" }
            : null;
    }

    /// <summary>
    /// What a MW running is worth to the perfect-foresight optimum beyond its energy margin (DR capacity income, the 4CP
    /// charge at the load's peaks), and a description of what the optimum maximises. Null on-values when there is
    /// nothing beyond the energy margin. The calendar worst case of 4CP (no load data) is not linear in the schedule, so
    /// the optimum does not see it and says so.
    /// </summary>
    public static (double[]? OnValue, string Sees) OptimumOnValue(MarketSeries market, ContractRequest s, FourCpSetup fourCp, double siteMw)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(fourCp);
        var parts = new List<string> { "energy margin" };
        double[]? drValue = null, fourCpValue = null;
        if (DrContract(s) is { } dr)
        {
            drValue = Core.Fleet.OptimumOnValue.FromAncillary(market, dr, siteMw, Clock);
            parts.Add("demand-response income");
        }
        if (s.FourCpRateUsdPerKwYear is { } rate)
        {
            if (fourCp.Peaks(market, Clock).Peaks is { } peaks)
            {
                fourCpValue = Core.Fleet.OptimumOnValue.FromFourCpPeaks(market, peaks, rate);
                parts.Add(fourCp.Official is null
                    ? "the 4CP charge at the system-load peaks (perfect foresight of the peaks)"
                    : "the 4CP charge at ERCOT's 4CP intervals (perfect foresight of the peaks)");
            }
            else parts.Add("not the 4CP charge (no load data: the calendar worst case is not a per-interval price)");
        }
        string sees = parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
        return (Core.Fleet.OptimumOnValue.Sum(drValue, fourCpValue), sees);
    }

    /// <summary>The site total of the strategy, always-on and the optimum, each settled the same way.</summary>
    private static SiteTotalSection SiteTotals(BacktestRun model, ContractRequest s, AncillaryCapacityContract? dr, FourCpSetup fourCp,
        SiteLoadProfile profile, SiteLoadProfile alwaysOn, (SiteLoadProfile Profile, string Sees)? optimum)
    {
        var summary = model.Result.Summary;
        var rows = model.Comparison?.Rows;
        double Restart(string role) => rows?.FirstOrDefault(r => r.Role == role)?.RestartCostUsd ?? 0;
        double contractValue = model.Contract?.ContractValueUsd ?? 0;
        double Dr(SiteLoadProfile p) => DrIncome(dr, p);
        double FourCp(SiteLoadProfile p) => FourCpCharge(s, fourCp, p);

        var lines = new List<SiteTotalLine>
        {
            new(summary.Strategy, "strategy", summary.ProfitUsd, Restart("strategy"), contractValue,
                model.Ancillary?.IncomeUsd ?? 0, model.FourCp?.ChargeWithAvoidanceUsd ?? 0),
            new(Core.Strategies.AlwaysOn.AlwaysOnStrategy.StrategyName, "baseline", summary.AlwaysOnProfitUsd, Restart("baseline"), contractValue,
                Dr(alwaysOn), FourCp(alwaysOn)),
        };
        string sees = "energy margin";
        if (optimum is { } o)
        {
            var optimal = model.Benchmarks.First(b => b.Strategy == Core.Strategies.Optimal.OptimalStrategy.StrategyName).Summary;
            lines.Add(new(rows?.FirstOrDefault(r => r.Role == "optimum")?.Name ?? ComparisonSection.OptimumLabel, "optimum", optimal.ProfitUsd,
                Restart("optimum"), contractValue, Dr(o.Profile), FourCp(o.Profile)));
            sees = o.Sees;
        }
        var st = rows?.FirstOrDefault(r => r.Role == "strategy");
        string? infeasible = null;
        if (st is { } x && x.MinUpViolations + x.MinDownViolations > 0)
        {
            var broken = new List<string>();
            if (x.MinUpViolations > 0) broken.Add(string.Create(Ci, $"the minimum up time {x.MinUpViolations} time(s)"));
            if (x.MinDownViolations > 0) broken.Add(string.Create(Ci, $"the minimum down time {x.MinDownViolations} time(s)"));
            infeasible = $"the {summary.Strategy} schedule breaks {string.Join(" and ", broken)}, which the optimum obeys";
        }
        return new SiteTotalSection(lines, sees, infeasible, model.Contract?.PowerSaleCreditsUsd, model.Contract?.ContractPaymentsUsd,
            model.Basis?.HubName, model.Basis?.BasisCostUsd);
    }
}
