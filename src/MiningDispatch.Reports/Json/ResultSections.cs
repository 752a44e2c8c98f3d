using System.Globalization;
using System.Text.Json.Serialization;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Settlement;
using MiningDispatch.Core.Strategies.Hysteresis;
using MiningDispatch.Core.Sweep;
using MiningDispatch.Core.Units;
using MiningDispatch.Reports.Sections;

namespace MiningDispatch.Reports;

/// <summary>
/// The optional sections of a <see cref="BacktestRun"/> in result.json (format version 2). Core types that serialise
/// as they are (records, classes with <c>required</c> init members; 2-D arrays through
/// <see cref="RectangularArrayConverter"/>) are written directly; a fleet and a sweep go through DTOs. After loading,
/// <see cref="AddTo"/> checks what the JSON types cannot: no null list items and array lengths that match the
/// intervals of the main result.
/// </summary>
internal sealed class SectionsDto
{
    public SiteTotalSection? SiteTotal { get; set; }
    public ComparisonSection? Comparison { get; set; }
    public FleetDto? Fleet { get; set; }
    public ContractResult? Contract { get; set; }
    public BtcSection? Btc { get; set; }
    public FourCpResult? FourCp { get; set; }
    public AncillaryIncome? Ancillary { get; set; }
    public AncillarySection? AncillaryServices { get; set; }
    public BasisResult? Basis { get; set; }
    public TwoSettlementResult? TwoSettlement { get; set; }
    public RiskSection? Risk { get; set; }
    public SweepDto? Sweep { get; set; }
    public ForecastSection? Forecast { get; set; }
    /// <summary>The what-if panel's inputs (so <c>report --from</c> renders the same panel).</summary>
    public WhatIfDto? WhatIf { get; set; }
    /// <summary>Why the report has no what-if panel.</summary>
    public string? WhatIfAbsentReason { get; set; }

    public static SectionsDto From(BacktestRun m) => new()
    {
        WhatIf = m.WhatIf is { } w ? WhatIfDto.From(w) : null,
        WhatIfAbsentReason = m.WhatIfAbsentReason,
        SiteTotal = m.SiteTotal,
        Comparison = m.Comparison,
        Fleet = m.Fleet is { } f ? FleetDto.From(f, m.Result) : null,
        Contract = m.Contract,
        Btc = m.Btc,
        FourCp = m.FourCp,
        Ancillary = m.Ancillary,
        AncillaryServices = m.AncillaryServices,
        Basis = m.Basis,
        TwoSettlement = m.TwoSettlement,
        Risk = m.Risk,
        Sweep = m.Sweep is { } s ? SweepDto.From(s) : null,
        Forecast = m.Forecast,
    };

    /// <summary>The model with the checked sections added; throws <see cref="InvalidDataException"/> naming the file and the JSON path.</summary>
    public BacktestRun AddTo(BacktestRun model, string file, int version = ResultJson.FormatVersion)
    {
        var c = new SectionCheck(file, model.Result.Times.Length);
        if (Comparison is { } cmp) c.Items(cmp.Rows, "comparison.rows");
        if (SiteTotal is { } st)
        {
            c.Items(st.Lines, "siteTotal.lines");
            if (st.Lines.Count is < 2 or > 3)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{file}: siteTotal.lines has {st.Lines.Count} schedules; expected the strategy, always-on and optionally the optimum."));
        }
        if (Contract is { } k)
        {
            c.Intervals(k.Intervals, "contract.intervals");
            c.PerInterval(k.ContractedMWhByInterval, "contract.contractedMWhByInterval");
            c.PerInterval(k.ConsumedMWhByInterval, "contract.consumedMWhByInterval");
            c.PerInterval(k.SellBackMWhByInterval, "contract.sellBackMWhByInterval");
            c.PerInterval(k.PowerSaleCreditUsdByInterval, "contract.powerSaleCreditUsdByInterval");
            c.PerInterval(k.ContractPaymentUsdByInterval, "contract.contractPaymentUsdByInterval");
            c.PerInterval(k.NetProfitUsdByInterval, "contract.netProfitUsdByInterval");
            c.Items(k.Monthly, "contract.monthly");
            c.Items(k.Tranches, "contract.tranches");
            if (k.Ancillary is { } ka) c.PerInterval(ka.IncomeUsdByInterval, "contract.ancillary.incomeUsdByInterval");
        }
        if (FourCp is { } f)
        {
            c.Items(f.Months, "fourCp.months");
            c.Items(f.Years, "fourCp.years");
            c.Items(f.Notes, "fourCp.notes");
            if (f.RuleBacktest is { } rb)
            {
                c.Items(rb.Summers, "fourCp.ruleBacktest.summers");
                c.Items(rb.Months, "fourCp.ruleBacktest.months");
            }
        }
        if (Ancillary is { } a) c.PerInterval(a.IncomeUsdByInterval, "ancillary.incomeUsdByInterval");
        if (AncillaryServices is { } asv)
        {
            c.Items(asv.Stack, "ancillaryServices.stack");
            c.Items(asv.Monthly, "ancillaryServices.monthly");
            if (asv.Stack.Count < 2)
                throw new InvalidDataException($"{file}: ancillaryServices.stack needs at least the co-optimized and the energy-only schedules.");
        }
        if (Basis is { } b)
        {
            c.PerInterval(b.BasisByInterval, "basis.basisByInterval");
            c.PerInterval(b.BasisCostUsdByInterval, "basis.basisCostUsdByInterval");
        }
        if (TwoSettlement is { } ts) c.PerInterval(ts.EnergyCostUsdByInterval, "twoSettlement.energyCostUsdByInterval");
        if (Risk is { } r)
        {
            if (r.HistoricalMonthly is { } h) c.Summary(h, "risk.historicalMonthly");
            if (r.MonteCarlo is { } mc) c.MonteCarlo(mc, "risk.monteCarlo");
        }
        if (Forecast is { } fc) c.Items(fc.Blocks, "forecast.blocks");
        return model with
        {
            SiteTotal = SiteTotal,
            Comparison = Comparison,
            Fleet = Fleet?.ToFleet(model.Result, c),
            Contract = Contract,
            Btc = Btc,
            FourCp = FourCp,
            Ancillary = Ancillary,
            AncillaryServices = AncillaryServices,
            Basis = Basis,
            TwoSettlement = TwoSettlement,
            Risk = version < 3 && Risk is { } old ? Upgrade(old) : Risk,
            Sweep = Sweep?.ToSection(c),
            Forecast = Forecast,
            WhatIf = WhatIf?.ToInputs(file),
            WhatIfAbsentReason = WhatIfAbsentReason,
        };
    }

    /// <summary>
    /// A version 2 risk section on the version 3 convention: its summaries recomputed from the saved samples (monthly
    /// profits, per-path figures) at the levels it was run with.
    /// </summary>
    private static RiskSection Upgrade(RiskSection r)
    {
        double[] extra = r.HistoricalMonthly is { } h ? [.. h.Tail.Select(t => t.Level).Where(l => l is not (0.95 or 0.99))] : [];
        var historical = r.HistoricalMonthly is null || r.HistoricalMonthlyProfitsUsd.Count == 0
            ? r.HistoricalMonthly
            : RiskMetrics.HistoricalMonthly([.. r.HistoricalMonthlyProfitsUsd], extra);
        return r with { HistoricalMonthly = historical, MonteCarlo = r.MonteCarlo?.WithSummaries() };
    }
}

/// <summary>A <see cref="FleetBacktestResult"/>; <see cref="Result"/> is null when it is the report's main result (the usual case).</summary>
internal sealed class FleetDto
{
    public ResultDto? Result { get; set; }
    public required List<FleetTranche> MeritOrder { get; set; }
    /// <summary>[tranche in merit order][interval].</summary>
    public required double[][] MwRunning { get; set; }
    /// <summary>[tranche in merit order][interval].</summary>
    public required double[][] TrancheBreakeven { get; set; }
    public required List<TrancheSummary> Tranches { get; set; }
    public required double AvailableMw { get; set; }
    /// <summary>Always-on fleet revenue per interval; absent in files written before it was stored.</summary>
    public double[]? AlwaysOnRevenueUsd { get; set; }

    public static FleetDto From(FleetBacktestResult f, BacktestResult main) => new()
    {
        Result = ReferenceEquals(f.Result, main) ? null : ResultDto.From(f.Result),
        MeritOrder = f.MeritOrder.ToList(),
        MwRunning = f.MwRunning,
        TrancheBreakeven = f.TrancheBreakeven,
        Tranches = f.Tranches.ToList(),
        AvailableMw = f.AvailableMw,
        AlwaysOnRevenueUsd = f.AlwaysOnRevenueUsd,
    };

    public FleetBacktestResult ToFleet(BacktestResult main, SectionCheck c)
    {
        var result = Result is null ? main : Result.ToResult(c.File, "sections.fleet.result");
        c.Items(MeritOrder, "fleet.meritOrder");
        c.Items(Tranches, "fleet.tranches");
        c.Grid(MwRunning, MeritOrder.Count, result.Times.Length, "fleet.mwRunning", "tranches in meritOrder");
        c.Grid(TrancheBreakeven, MeritOrder.Count, result.Times.Length, "fleet.trancheBreakeven", "tranches in meritOrder");
        if (AlwaysOnRevenueUsd is not null) c.PerInterval(AlwaysOnRevenueUsd, "fleet.alwaysOnRevenueUsd");
        return new FleetBacktestResult
        {
            Result = result,
            MeritOrder = MeritOrder,
            MwRunning = MwRunning,
            TrancheBreakeven = TrancheBreakeven,
            Tranches = Tranches,
            AvailableMw = AvailableMw,
            AlwaysOnRevenueUsd = AlwaysOnRevenueUsd,
        };
    }
}

/// <summary>A <see cref="SweepSection"/>; its scenarios are stored column by column (one array per field).</summary>
internal sealed class SweepDto
{
    public SweepSpec? Spec { get; set; }
    public required int Intervals { get; set; }
    public required double IntervalHours { get; set; }
    public required SweepColumns Scenarios { get; set; }
    public required SweepPoint Base { get; set; }
    public required TornadoResult Tornado { get; set; }
    public ProfitGrid? Grid { get; set; }
    public BreakevenSurface? Breakeven { get; set; }
    public required List<SweepScenarioResult> Top { get; set; }

    public static SweepDto From(SweepSection s) => new()
    {
        Spec = s.Result.Spec,
        Intervals = s.Result.Intervals,
        IntervalHours = s.Result.IntervalHours,
        Scenarios = SweepColumns.From(s.Result.Scenarios),
        Base = s.Base,
        Tornado = s.Tornado,
        Grid = s.Grid,
        Breakeven = s.Breakeven,
        Top = s.Top.ToList(),
    };

    public SweepSection ToSection(SectionCheck c)
    {
        var scenarios = Scenarios.ToScenarios(c);
        if (Spec is { } spec)
        {
            foreach (var (axis, name) in new[] { (spec.EfficienciesWPerTh, "efficienciesWPerTh"), (spec.HashpriceMultipliers, "hashpriceMultipliers"),
                         (spec.PriceAddersUsdPerMWh, "priceAddersUsdPerMWh"), (spec.MinProfitsUsdPerHour, "minProfitsUsdPerHour") })
                if (axis.Length == 0) throw c.Error($"sweep.spec.{name} is empty.");
            long count = (long)spec.EfficienciesWPerTh.Length * spec.HashpriceMultipliers.Length * spec.PriceAddersUsdPerMWh.Length * spec.MinProfitsUsdPerHour.Length;
            if (count != scenarios.Length) throw c.Error($"sweep.spec has {count} combinations but sweep.scenarios has {scenarios.Length}.");
        }
        c.Items(Tornado.Bars, "sweep.tornado.bars");
        if (Grid is { } g)
        {
            foreach (var (m, name) in new[] { (g.ProfitUsd, "profitUsd"), (g.UpliftUsd, "upliftUsd"), (g.UptimePct, "uptimePct"), (g.MeanBreakevenUsdPerMWh, "meanBreakevenUsdPerMWh") })
                c.Matrix(m, g.RowValues.Length, g.ColumnValues.Length, $"sweep.grid.{name}");
        }
        if (Breakeven is { } be) c.Matrix(be.Values, be.RowValues.Length, be.ColumnValues.Length, "sweep.breakeven.values");
        return new SweepSection(new SweepResult(Spec, scenarios, Intervals, IntervalHours), Base, Tornado, Grid, Breakeven, Top);
    }
}

/// <summary>The scenarios of a sweep, one array per field, index-aligned.</summary>
internal sealed class SweepColumns
{
    public required double[] EfficiencyWPerTh { get; set; }
    public required double[] HashpriceMultiplier { get; set; }
    public required double[] PriceAdderUsdPerMWh { get; set; }
    public required double[] MinProfitUsdPerHour { get; set; }
    public required double[] ProfitUsd { get; set; }
    public required double[] RevenueUsd { get; set; }
    public required double[] PowerCostUsd { get; set; }
    public required double[] OperatingHours { get; set; }
    public required double[] UptimePct { get; set; }
    public required double[] EnergyMWh { get; set; }
    public required double[] AlwaysOnProfitUsd { get; set; }
    public required double[] MeanBreakevenUsdPerMWh { get; set; }
    /// <summary>Site cap of each scenario of a fleet sweep, MW (infinity = no cap); absent for a single-site sweep (and in older files).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[]? SiteCapMw { get; set; }

    public static SweepColumns From(IReadOnlyList<SweepScenarioResult> s)
    {
        double[] Col(Func<SweepScenarioResult, double> f)
        {
            var a = new double[s.Count];
            for (int i = 0; i < a.Length; i++) a[i] = f(s[i]);
            return a;
        }
        return new SweepColumns
        {
            EfficiencyWPerTh = Col(x => x.Point.EfficiencyWPerTh),
            HashpriceMultiplier = Col(x => x.Point.HashpriceMultiplier),
            PriceAdderUsdPerMWh = Col(x => x.Point.PriceAdderUsdPerMWh),
            MinProfitUsdPerHour = Col(x => x.Point.MinProfitUsdPerHour),
            ProfitUsd = Col(x => x.ProfitUsd),
            RevenueUsd = Col(x => x.RevenueUsd),
            PowerCostUsd = Col(x => x.PowerCostUsd),
            OperatingHours = Col(x => x.OperatingHours),
            UptimePct = Col(x => x.UptimePct),
            EnergyMWh = Col(x => x.EnergyMWh),
            AlwaysOnProfitUsd = Col(x => x.AlwaysOnProfitUsd),
            MeanBreakevenUsdPerMWh = Col(x => x.MeanBreakevenUsdPerMWh),
            SiteCapMw = s.Count > 0 && s[0].Point.IsFleet ? Col(x => x.Point.SiteCapMw ?? double.NaN) : null,
        };
    }

    public SweepScenarioResult[] ToScenarios(SectionCheck c)
    {
        int n = EfficiencyWPerTh.Length;
        foreach (var (a, name) in new[]
                 {
                     (HashpriceMultiplier, "hashpriceMultiplier"), (PriceAdderUsdPerMWh, "priceAdderUsdPerMWh"), (MinProfitUsdPerHour, "minProfitUsdPerHour"),
                     (ProfitUsd, "profitUsd"), (RevenueUsd, "revenueUsd"), (PowerCostUsd, "powerCostUsd"), (OperatingHours, "operatingHours"),
                     (UptimePct, "uptimePct"), (EnergyMWh, "energyMWh"), (AlwaysOnProfitUsd, "alwaysOnProfitUsd"), (MeanBreakevenUsdPerMWh, "meanBreakevenUsdPerMWh"),
                 })
            if (a.Length != n) throw c.Error($"sweep.scenarios.{name} has {a.Length} values but sweep.scenarios.efficiencyWPerTh has {n}.");
        if (SiteCapMw is { } caps && caps.Length != n)
            throw c.Error($"sweep.scenarios.siteCapMw has {caps.Length} values but sweep.scenarios.efficiencyWPerTh has {n}.");
        var r = new SweepScenarioResult[n];
        for (int i = 0; i < n; i++)
            r[i] = new SweepScenarioResult(new SweepPoint(EfficiencyWPerTh[i], HashpriceMultiplier[i], PriceAdderUsdPerMWh[i], MinProfitUsdPerHour[i]) { SiteCapMw = SiteCapMw?[i] },
                ProfitUsd[i], RevenueUsd[i], PowerCostUsd[i], OperatingHours[i], UptimePct[i], EnergyMWh[i], AlwaysOnProfitUsd[i], MeanBreakevenUsdPerMWh[i]);
        return r;
    }
}

/// <summary>Consistency checks of loaded sections; every message names the file and the JSON path under <c>$.sections</c>.</summary>
internal sealed class SectionCheck(string file, int intervals)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public string File { get; } = file;

    public InvalidDataException Error(string message) => new($"{File}: $.sections.{message}");

    /// <summary>No null item in a list (the JSON types cannot say so).</summary>
    public void Items<T>(IReadOnlyList<T> items, string where)
    {
        for (int i = 0; i < items.Count; i++)
            if (items[i] is null) throw Error($"{where}[{i}] is null.");
    }

    public void Intervals(int count, string where)
    {
        if (count != intervals) throw Error(string.Create(Ci, $"{where} is {count} but the result has {intervals} intervals."));
    }

    public void PerInterval(double[] values, string where)
    {
        if (values.Length != intervals) throw Error(string.Create(Ci, $"{where} has {values.Length} values but the result has {intervals} intervals."));
    }

    /// <summary>A jagged [row][column] array with the given size.</summary>
    public void Grid(double[][] rows, int count, int length, string where, string what)
    {
        if (rows.Length != count) throw Error(string.Create(Ci, $"{where} has {rows.Length} rows but there are {count} {what}."));
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] is null) throw Error($"{where}[{i}] is null.");
            if (rows[i].Length != length) throw Error(string.Create(Ci, $"{where}[{i}] has {rows[i].Length} values but the result has {length} intervals."));
        }
    }

    /// <summary>A 2-D array with the size its row and column values give.</summary>
    public void Matrix(double[,] m, int rows, int columns, string where)
    {
        if (rows == 0 && m.GetLength(0) == 0) return; // [] carries no column count
        if (m.GetLength(0) != rows || m.GetLength(1) != columns)
            throw Error(string.Create(Ci, $"{where} is {m.GetLength(0)} x {m.GetLength(1)} but the row and column values give {rows} x {columns}."));
    }

    public void Summary(RiskSummary s, string where) => Items(s.Tail, where + ".tail");

    public void MonteCarlo(MonteCarloResult mc, string where)
    {
        int paths = mc.PathProfitUsd.Length;
        if (paths != mc.Options.Paths) throw Error(string.Create(Ci, $"{where}.pathProfitUsd has {paths} values but options.paths is {mc.Options.Paths}."));
        foreach (var (a, name) in new[]
                 {
                     (mc.PathRevenueUsd, "pathRevenueUsd"), (mc.PathPowerCostUsd, "pathPowerCostUsd"), (mc.PathEnergyMWh, "pathEnergyMWh"),
                     (mc.PathOperatingHours, "pathOperatingHours"), (mc.PathAlwaysOnProfitUsd, "pathAlwaysOnProfitUsd"),
                 })
            if (a.Length != paths) throw Error(string.Create(Ci, $"{where}.{name} has {a.Length} values but there are {paths} paths."));
        if (mc.PathAncillaryIncomeUsd is { } asIncome && asIncome.Length != paths)
            throw Error(string.Create(Ci, $"{where}.pathAncillaryIncomeUsd has {asIncome.Length} values but there are {paths} paths."));
        Items(mc.Months, where + ".months");
        Matrix(mc.MonthlyProfitUsd, paths, mc.Months.Count, where + ".monthlyProfitUsd");
        Summary(mc.HorizonProfit, where + ".horizonProfit");
        Summary(mc.HorizonUplift, where + ".horizonUplift");
        Summary(mc.MonthlyProfit, where + ".monthlyProfit");
        for (int i = 0; i < mc.Months.Count; i++) Summary(mc.Months[i].ProfitUsd, $"{where}.months[{i}].profitUsd");
    }
}

/// <summary>The what-if panel's inputs in result.json: the site as run and, for hysteresis, its band.</summary>
internal sealed class WhatIfDto
{
    public required string Strategy { get; set; }
    public required double Megawatts { get; set; }
    public required double WattsPerTh { get; set; }
    public required double PoolFee { get; set; }
    public required double AdderUsdPerMWh { get; set; }
    public required double MinProfitUsdPerHour { get; set; }
    public HysteresisOptions? Hysteresis { get; set; }

    public static WhatIfDto From(WhatIfInputs w) => new()
    {
        Strategy = w.Strategy,
        Megawatts = w.Site.Capacity.Value,
        WattsPerTh = w.Site.Efficiency.Value,
        PoolFee = w.Site.PoolFee,
        AdderUsdPerMWh = w.Site.Adder.Value,
        MinProfitUsdPerHour = w.Site.MinProfitUsdPerHour,
        Hysteresis = w.Hysteresis,
    };

    /// <summary>The inputs, validated; throws <see cref="InvalidDataException"/> naming the file.</summary>
    public WhatIfInputs ToInputs(string file)
    {
        var site = new SiteSpec(new Megawatts(Megawatts), new WattsPerTerahash(WattsPerTh), PoolFee, new UsdPerMWh(AdderUsdPerMWh), MinProfitUsdPerHour);
        try
        {
            site.Validate();
            Hysteresis?.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{file}: sections.whatIf: {ex.Message}", ex);
        }
        if (Strategy is not ("threshold" or "hysteresis") || (Strategy == "hysteresis") != (Hysteresis is not null))
            throw new InvalidDataException($"{file}: sections.whatIf.strategy must be threshold (without a band) or hysteresis (with one).");
        return new WhatIfInputs(site, Strategy, Hysteresis);
    }
}
