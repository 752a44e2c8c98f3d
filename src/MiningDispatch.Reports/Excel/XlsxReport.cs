using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Time;
using MiningDispatch.Reports.Common;
using MiningDispatch.Reports.Excel;
using S = MiningDispatch.Reports.Excel.XlsxStyle;

namespace MiningDispatch.Reports;

/// <summary>
/// The run as an Excel workbook (report.xlsx): Summary (the site total first, then the backtest summary and the inputs),
/// Monthly, Intervals (one row per interval, as hourly.csv) and one sheet per table of each section the run has.
/// Numbers are stored exactly (full double precision) and shown with number formats; times are real Excel dates
/// (UTC and market time, America/Chicago wall clock); percentages are stored as fractions (0.953 = 95.3 %).
/// Every sheet's header row is frozen and names the unit of each column.
/// </summary>
public static class XlsxReport
{
    private const double Wide = 46, Mid = 16, Narrow = 12;

    /// <summary>Writes the workbook for <paramref name="model"/> to <paramref name="path"/>, replacing it atomically.</summary>
    public static void Write(BacktestRun model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(model.Result);
        if (model.Result.Times.Length == 0) throw new ArgumentException("The backtest result has no intervals to report.");
        var sheets = Sheets(model);
        AtomicFile.Write(path, stream => XlsxWriter.Write(stream, sheets));
    }

    /// <summary>The sheets of <paramref name="model"/>, in workbook order.</summary>
    internal static IReadOnlyList<XlsxSheet> Sheets(BacktestRun model)
    {
        var clock = MarketClock.Ercot;
        var list = new List<XlsxSheet> { Summary(model, clock), Monthly(model.Result), Intervals(model, clock) };
        if (model.SiteTotal is { } total) list.Add(SiteTotal(total));
        if (model.Benchmarks.Count > 0 || model.Comparison is not null) list.Add(Comparison(model));
        if (model.Comparison is { } c) list.Add(Optimum(c));
        if (model.Fleet is { } fleet) list.Add(Fleet(fleet, model.Result.Summary.Hours));
        if (model.Contract is { } contract) list.AddRange(Contract(contract));
        if (model.Btc is { } btc) list.Add(Btc(btc));
        if (model.FourCp is { } f) list.AddRange(FourCp(f));
        if (model.Ancillary is { } a) list.Add(Ancillary(a, model.Result.Summary.ProfitUsd));
        if (model.Basis is { } b) list.Add(Basis(b));
        if (model.TwoSettlement is { } ts) list.Add(TwoSettlement(ts));
        if (model.Forecast is { } fc) list.AddRange(Forecast(fc));
        if (model.Risk is { } risk) list.AddRange(Risk(risk));
        if (model.Sweep is { } sw) list.AddRange(Sweep(sw));
        return list;
    }

    /// <summary>Item / Value / Unit rows; the value cell carries its own format.</summary>
    private sealed class Kv
    {
        public List<Action<XlsxRows>> Rows { get; } = [];

        public Kv Money(string item, double? v) => Add(item, r => r.Num(v, S.Usd2), "USD");
        public Kv Price(string item, double? v) => Add(item, r => r.Num(v, S.Price), "USD/MWh");
        public Kv Pct(string item, double? percent) => Add(item, r => r.Num(percent / 100, S.Pct), "%");
        public Kv Num(string item, double? v, string unit, S style = S.Num3) => Add(item, r => r.Num(v, style), unit);
        public Kv Text(string item, string? v) => Add(item, r => r.Text(v), "");
        public Kv Time(string item, DateTime v, string zone) => Add(item, r => r.Date(v, S.DateTime), zone);

        private Kv Add(string item, Action<XlsxRows> value, string unit)
        {
            Rows.Add(r =>
            {
                value(r.Row().Text(item));
                r.Text(unit);
            });
            return this;
        }

        public XlsxSheet Sheet(string name) => new(name, [new("Item", S.General, 58), new("Value", S.General, 20), new("Unit", S.General, 10)], r =>
        {
            foreach (var row in Rows) row(r);
        });
    }

    private static XlsxSheet Summary(BacktestRun model, MarketClock clock)
    {
        var r = model.Result;
        var s = r.Summary;
        var kv = new Kv();
        kv.Text("Title", string.IsNullOrWhiteSpace(model.Info?.Title) ? "Mining dispatch backtest" : model.Info.Title).Text("Strategy", s.Strategy);
        if (model.SiteTotal is { } t)
        {
            // The headline of every output: the site total, all lines in.
            kv.Money("Site total (strategy)", t.Strategy.SiteTotalUsd)
              .Money("Site total (always-on)", t.AlwaysOn.SiteTotalUsd)
              .Money("Uplift vs always-on (site total)", t.UpliftUsd)
              .Pct("Uplift vs always-on (site total)", t.UpliftPct);
            if (t.Optimum is { } o) kv.Money("Site total (" + o.Schedule + ")", o.SiteTotalUsd);
            if (t.RegretUsd is { } regret) kv.Money("Regret (optimum − strategy, site totals)", regret);
            if (t.CapturedUpliftPct is { } cap) kv.Pct("Captured uplift (share of the optimum's gain)", cap);
            if (t.InfeasibleReason is { } why) kv.Text("Strategy breaks the switching constraints", why);
            if (t.OneIntervalLate is { } late) kv.Money("Site total decided one interval late", late.SiteTotalUsd).Money("Value of instant response", t.InstantResponseValueUsd);
            if (t.ContractPaymentsUsd is { } paid) kv.Money("PPA contract payments (inside the total)", paid).Money("PPA power-sale credits (inside the total)", t.PowerSaleCreditsUsd);
            if (t.BasisCostUsd is { } basis) kv.Money("Basis cost vs " + t.BasisPoint + " (inside mining profit)", basis);
        }
        else if (model.Comparison is { } c)
        {
            kv.Money("Regret (optimum − strategy)", c.RegretUsd).Pct("Captured uplift (share of the optimum's gain)", c.CapturedUpliftPct);
        }
        kv.Time("First interval start", s.FirstHourUtc, "UTC").Time("First interval start", clock.ToLocal(s.FirstHourUtc), "CPT")
          .Time("Last interval start", s.LastHourUtc, "UTC").Time("Last interval start", clock.ToLocal(s.LastHourUtc), "CPT")
          .Num("Interval length", r.IntervalHours * 60, "min", S.Int)
          .Num("Hours in the backtest", s.Hours, "h", S.Int)
          .Num("Operating hours", s.OperatingHours, "h", S.Price)
          .Pct("Uptime", s.UptimePct)
          .Num("Curtailed hours", s.CurtailedHours, "h", S.Price)
          .Num("Energy consumed", s.EnergyMWh, "MWh")
          .Money("Mining revenue", s.RevenueUsd)
          .Money("Power cost", s.PowerCostUsd)
          .Money("Profit", s.ProfitUsd)
          .Money("Always-on revenue", s.AlwaysOnRevenueUsd)
          .Money("Always-on power cost", s.AlwaysOnPowerCostUsd)
          .Money("Always-on profit", s.AlwaysOnProfitUsd)
          .Money("Uplift vs always-on", s.UpliftUsd)
          .Pct("Uplift vs always-on", s.UpliftPct)
          .Price("Average settlement price (all hours)", s.AvgSettlementPriceUsdPerMWh)
          .Price("Average settlement price paid (while running)", s.AvgPricePaidUsdPerMWh)
          .Price("Average all-in price paid (while running)", s.AvgAllInPricePaidUsdPerMWh)
          .Price("Breakeven all-in price: min", s.Breakeven.Min)
          .Price("Breakeven all-in price: mean", s.Breakeven.Mean)
          .Price("Breakeven all-in price: median", s.Breakeven.Median)
          .Price("Breakeven all-in price: max", s.Breakeven.Max);
        double mw = SeriesMath.CapacityMW(r);
        if (mw > 0) kv.Num("Site capacity (energy ÷ operating hours)", mw, "MW");
        foreach (var input in model.Info?.Inputs ?? []) kv.Text("Input: " + input.Key, input.Value);
        return kv.Sheet("Summary");
    }

    private static XlsxSheet Monthly(BacktestResult r) => new("Monthly",
    [
        new("Month (CPT)", S.Month, Narrow), new("Hours (h)", S.Int, 10), new("Operating hours (h)", S.Price, Mid), new("Uptime (%)", S.Pct, 10),
        new("Energy (MWh)", S.Num3, Mid), new("Revenue (USD)", S.Usd, Mid), new("Power cost (USD)", S.Usd, Mid), new("Profit (USD)", S.Usd, Mid),
        new("Always-on profit (USD)", S.Usd, Mid), new("Uplift (USD)", S.Usd, Mid), new("Avg price (USD/MWh)", S.Price, Mid), new("Avg breakeven (USD/MWh)", S.Price, Mid),
    ], rows =>
    {
        foreach (var m in r.Monthly)
        {
            rows.Row().Date(new DateTime(m.Year, m.Month, 1, 0, 0, 0, DateTimeKind.Unspecified)).Num(m.Hours).Num(m.OperatingHours).Num(m.UptimePct / 100)
                .Num(m.EnergyMWh).Num(m.RevenueUsd).Num(m.PowerCostUsd).Num(m.ProfitUsd).Num(m.AlwaysOnProfitUsd).Num(m.ProfitUsd - m.AlwaysOnProfitUsd)
                .Num(m.AvgSettlementPriceUsdPerMWh).Num(m.AvgBreakevenUsdPerMWh);
        }
        var s = r.Summary;
        rows.Row().Text("Total", S.Bold).Num(s.Hours).Num(s.OperatingHours).Num(s.UptimePct / 100).Num(s.EnergyMWh).Num(s.RevenueUsd).Num(s.PowerCostUsd)
            .Num(s.ProfitUsd).Num(s.AlwaysOnProfitUsd).Num(s.UpliftUsd).Num(s.AvgSettlementPriceUsdPerMWh).Num(s.Breakeven.Mean);
    });

    private static XlsxSheet Intervals(BacktestRun model, MarketClock clock)
    {
        var r = model.Result;
        var gaps = HourlyCsv.Disjoint(model.Info?.DataQuality.SelectMany(q => q.FilledGaps).ToList() ?? []);
        return new XlsxSheet("Intervals",
        [
            new("Interval start (UTC)", S.DateTime, 17), new("Interval start (CPT)", S.DateTime, 17), new("Price (USD/MWh)", S.Price, Narrow),
            new("All-in price (USD/MWh)", S.Price, Narrow), new("Hashprice (USD/PH/s/day)", S.Price, Narrow), new("Breakeven (USD/MWh)", S.Price, Narrow),
            new("Run (% of capacity)", S.Pct, 10), new("Running (MW)", S.Num3, Narrow), new("Energy (MWh)", S.Num3, Narrow), new("Revenue (USD)", S.Usd2, Narrow),
            new("Power cost (USD)", S.Usd2, Narrow), new("Profit (USD)", S.Usd2, Narrow), new("Always-on profit (USD)", S.Usd2, Mid),
            new("Cumulative profit (USD)", S.Usd, Mid), new("Price filled (gap fill)", S.General, 10),
        ], rows =>
        {
            double mw = SeriesMath.CapacityMW(r), dt = r.IntervalHours, cumulative = 0;
            int g = 0;
            for (int t = 0; t < r.Times.Length; t++)
            {
                DateTime utc = r.Times[t];
                cumulative += r.Profit[t];
                while (g < gaps.Length && gaps[g].ToUtc <= utc) g++;
                rows.Row().Date(utc).Date(clock.ToLocal(utc)).Num(r.Price[t]).Num(r.AllInPrice[t]).Num(MiningEconomics.PerThDayToPerPhDay(r.Hashprice[t]))
                    .Num(r.Breakeven[t]).Num(r.Run[t]).Num(r.Run[t] * mw).Num(r.Run[t] * mw * dt).Num(r.Revenue[t]).Num(r.Cost[t]).Num(r.Profit[t])
                    .Num(r.AlwaysOnProfit[t]).Num(cumulative).Bool(g < gaps.Length && gaps[g].FromUtc <= utc);
            }
        })
        { FreezeColumns = 1 };
    }

    private static XlsxSheet SiteTotal(SiteTotalSection total) => new("Site total",
    [
        new("Schedule", S.General, 34), new("Role", S.General, Narrow), new("Mining profit (USD)", S.Usd, Mid), new("Restart costs (USD)", S.Usd, Mid),
        new("Contract value (USD)", S.Usd, Mid), new("DR income (USD)", S.Usd, Mid), new("4CP charge (USD)", S.Usd, Mid),
        new("Site total (USD) = mining − restarts + contract + DR − 4CP", S.Usd, 24),
    ], rows =>
    {
        void Line(SiteTotalLine l, string role) => rows.Row().Text(l.Schedule).Text(role).Num(l.MiningProfitUsd).Num(l.RestartCostUsd).Num(l.ContractValueUsd)
            .Num(l.DrIncomeUsd).Num(l.FourCpChargeUsd).Num(l.SiteTotalUsd);
        foreach (var l in total.Lines) Line(l, l.Role);
        if (total.OneIntervalLate is { } late) Line(late, "one interval late");
    });

    private static XlsxSheet Comparison(BacktestRun model)
    {
        var r = model.Result;
        var s = r.Summary;
        double mw = SeriesMath.CapacityMW(r);
        double? best = model.Benchmarks.Count > 0 ? model.Benchmarks.Max(b => b.Summary.ProfitUsd) : null;
        return new XlsxSheet("Comparison",
        [
            new("Strategy", S.General, 34), new("Profit (USD)", S.Usd, Mid), new("vs always-on (USD)", S.Usd, Mid), new("Uptime (%)", S.Pct, 10),
            new("Energy (MWh)", S.Num3, Mid), new("Avg price paid (USD/MWh)", S.Price, Mid), new("Share of best benchmark (%)", S.Pct, Mid),
        ], rows =>
        {
            void Row(string name, double profit, double uptime, double energy, double? avgPaid) => rows.Row().Text(name).Num(profit).Num(profit - s.AlwaysOnProfitUsd)
                .Num(uptime / 100).Num(energy).Num(avgPaid).Num(best is double b && b > 0 ? profit / b : null);
            Row(r.Strategy + " (this report)", s.ProfitUsd, s.UptimePct, s.EnergyMWh, s.AvgPricePaidUsdPerMWh);
            Row(AlwaysOnStrategy.StrategyName, s.AlwaysOnProfitUsd, 100, mw * s.Hours, s.AvgSettlementPriceUsdPerMWh);
            foreach (var b in model.Benchmarks) Row(b.Strategy, b.Summary.ProfitUsd, b.Summary.UptimePct, b.Summary.EnergyMWh, b.Summary.AvgPricePaidUsdPerMWh);
        });
    }

    private static XlsxSheet Optimum(ComparisonSection c) => new("Optimum",
    [
        new("Schedule", S.General, 34), new("Role", S.General, Narrow), new("Profit (USD)", S.Usd, Mid), new("Uptime (%)", S.Pct, 10), new("Starts (count)", S.Int, Narrow),
        new("Restart costs (USD)", S.Usd, Mid), new("Profit after restarts (USD)", S.Usd, Mid), new("Min-up violations (count)", S.Int, Mid),
        new("Min-down violations (count)", S.Int, Mid), new("Switching constraints", S.General, 60),
    ], rows =>
    {
        foreach (var x in c.Rows)
        {
            rows.Row().Text(x.Name).Text(x.Role).Num(x.ProfitUsd).Num(x.UptimePct / 100).Num(x.Starts).Num(x.RestartCostUsd).Num(x.ProfitAfterRestartsUsd)
                .Num(x.MinUpViolations).Num(x.MinDownViolations).Text(c.Constraints);
        }
    });

    private static XlsxSheet Fleet(Core.Fleet.FleetBacktestResult fleet, double hours) => new("Fleet",
    [
        new("Model (merit order)", S.General, 30), new("Machines (count)", S.Int, Narrow), new("Hashrate each (TH/s)", S.Price, Narrow), new("Power each (W)", S.Int, Narrow),
        new("Efficiency (W/TH)", S.Price, Narrow), new("Nameplate (MW)", S.Num3, Narrow), new("Avg running (MW)", S.Num3, Narrow), new("Uptime (%)", S.Pct, 10),
        new("Energy (MWh)", S.Num3, Mid), new("Revenue (USD)", S.Usd, Mid), new("Power cost (USD)", S.Usd, Mid), new("Profit (USD)", S.Usd, Mid),
    ], rows =>
    {
        foreach (var t in fleet.Tranches)
        {
            rows.Row().Text(t.Model.Name).Num(t.Count).Num(t.Model.TerahashPerSecond).Num(t.Model.Watts).Num(t.Model.Efficiency.Value).Num(t.NameplateMw)
                .Num(t.EnergyMWh / hours).Num(t.UtilisationPct / 100).Num(t.EnergyMWh).Num(t.RevenueUsd).Num(t.PowerCostUsd).Num(t.ProfitUsd);
        }
    });

    private static IEnumerable<XlsxSheet> Contract(Core.Contracts.ContractResult c)
    {
        var kv = new Kv().Text("Contract", c.ContractName + (c.HubSettled ? " (hub-settled)" : ""))
            .Money("Mining revenue", c.MiningRevenueUsd)
            .Money("Contract payments (take-or-pay)", -c.ContractPaymentsUsd)
            .Money("Power sale credits (unused contract energy sold back)", c.PowerSaleCreditsUsd)
            .Money("Spot purchases above the contract", -c.SpotPurchaseCostUsd)
            .Money("Adders on consumed energy", -c.AdderCostUsd);
        if (c.HubSettled) kv.Money("Hub basis on contract energy", c.HubBasisUsd);
        if (c.Ancillary is not null) kv.Money("Demand response / ancillary income", c.AncillaryIncomeUsd);
        kv.Money("Total net profit", c.NetProfitUsd)
          .Money("… of which mining profit at market prices", c.MiningProfitAtMarketUsd)
          .Money("… of which contract value vs market", c.ContractValueUsd)
          .Money("Always-on under the same contract", c.AlwaysOnNetProfitUsd)
          .Money("Value of flexibility under the contract", c.FlexibilityUpliftUsd)
          .Num("Contracted energy", c.ContractedMWh, "MWh").Num("Consumed energy", c.ConsumedMWh, "MWh")
          .Num("Sold back", c.SellBackMWh, "MWh").Num("Bought at spot", c.SpotPurchaseMWh, "MWh")
          .Price("Average contract price", c.AvgContractPriceUsdPerMWh).Price("Average sell-back price", c.AvgSellBackPriceUsdPerMWh)
          .Money("Net power cost after credits", c.NetPowerCostUsd)
          .Num("BTC mined", c.BtcMined, "BTC", S.Num4)
          .Money("Cost to mine one BTC, net of credits", c.CostToMinePerBtcUsd);
        yield return kv.Sheet("Contract");
        yield return new XlsxSheet("Contract tranches",
        [
            new("Tranche", S.General, 30), new("Contracted (MWh)", S.Num3, Mid), new("Payments (USD)", S.Usd, Mid), new("Market value (USD)", S.Usd, Mid), new("Value vs market (USD)", S.Usd, Mid),
        ], rows =>
        {
            foreach (var t in c.Tranches) rows.Row().Text(t.Label).Num(t.ContractedMWh).Num(t.PaymentsUsd).Num(t.MarketValueUsd).Num(t.ValueUsd);
        });
        yield return new XlsxSheet("Contract monthly",
        [
            new("Month (CPT)", S.Month, Narrow), new("Contracted (MWh)", S.Num3, Mid), new("Consumed (MWh)", S.Num3, Mid), new("Sold back (MWh)", S.Num3, Mid),
            new("Mining revenue (USD)", S.Usd, Mid), new("Contract payments (USD)", S.Usd, Mid), new("Sale credits (USD)", S.Usd, Mid), new("Spot purchases (USD)", S.Usd, Mid),
            new("Mining profit at market (USD)", S.Usd, Mid), new("Total (USD)", S.Usd, Mid),
        ], rows =>
        {
            foreach (var x in c.Monthly)
            {
                rows.Row().Date(new DateTime(x.Year, x.Month, 1, 0, 0, 0, DateTimeKind.Unspecified)).Num(x.ContractedMWh).Num(x.ConsumedMWh).Num(x.SellBackMWh)
                    .Num(x.MiningRevenueUsd).Num(x.ContractPaymentsUsd).Num(x.PowerSaleCreditsUsd).Num(x.SpotPurchaseCostUsd).Num(x.MiningProfitAtMarketUsd).Num(x.NetProfitUsd);
            }
        });
    }

    private static XlsxSheet Btc(BtcSection b) => new Kv().Num("BTC mined", b.BtcMined, "BTC", S.Num4).Money("Power cost", b.PowerCostUsd)
        .Money("Power cost per BTC", b.CostPerBtcUsd).Text("BTC price", b.Source).Sheet("Cost per BTC");

    private static IEnumerable<XlsxSheet> FourCp(Core.FourCp.FourCpResult f)
    {
        yield return new Kv().Num("Rate", f.RateUsdPerKwYear, "USD/kW-yr", S.Price).Text("Peaks", f.PeakBasis)
            .Money("Charge without avoidance", f.ChargeWithoutAvoidanceUsd).Money("Charge with avoidance", f.ChargeWithAvoidanceUsd)
            .Money("Avoided charge", f.AvoidedChargeUsd).Money("Mining profit given up by curtailing", f.EnergyProfitGivenUpUsd)
            .Num("Curtailed intervals", f.CurtailedIntervals, "count", S.Int).Num("Curtailed energy", f.CurtailedMWh, "MWh")
            .Money("Net benefit of avoidance", f.NetBenefitUsd).Sheet("4CP");
        yield return new XlsxSheet("4CP months",
        [
            new("Month", S.Month, Narrow), new("Peak interval start (UTC)", S.DateTime, 18), new("System load (MW)", S.Int, Mid),
            new("Site without avoidance (MW)", S.Num3, Mid), new("Site with avoidance (MW)", S.Num3, Mid),
        ], rows =>
        {
            foreach (var x in f.Months)
            {
                rows.Row().Date(new DateTime(x.Year, x.Month, 1, 0, 0, 0, DateTimeKind.Unspecified)).Date(x.PeakStartUtc).Num(x.SystemLoadMw)
                    .Num(x.SiteMwWithoutAvoidance).Num(x.SiteMwWithAvoidance);
            }
        });
        yield return new XlsxSheet("4CP summers",
        [
            new("Summer", S.General, 10), new("Complete", S.General, 10), new("Months found (count)", S.Int, Mid), new("Tag without (MW)", S.Num3, Mid),
            new("Tag with (MW)", S.Num3, Mid), new("Charge without (USD)", S.Usd, Mid), new("Charge with (USD)", S.Usd, Mid),
        ], rows =>
        {
            foreach (var y in f.Years)
            {
                rows.Row().Text(y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).Bool(y.IsComplete).Num(y.MonthsFound).Num(y.TagMwWithoutAvoidance).Num(y.TagMwWithAvoidance)
                    .Num(y.ChargeWithoutAvoidanceUsd).Num(y.ChargeWithAvoidanceUsd);
            }
        });
    }

    private static XlsxSheet Ancillary(Core.Contracts.AncillaryIncome a, double profitUsd) => new Kv().Text("Programme", a.Name).Money("Income", a.IncomeUsd)
        .Num("Curtailable capacity sold", a.CurtailableMwHours, "MW-h").Num("Average curtailable capacity", a.AverageCurtailableMw, "MW")
        .Money("Mining profit including it", profitUsd + a.IncomeUsd).Sheet("Demand response");

    private static XlsxSheet Basis(Core.Settlement.BasisResult b) => new Kv().Text("Site point", b.ZoneName).Text("Compared with", b.HubName)
        .Money($"Energy cost at {b.ZoneName}", b.ZoneCostUsd).Money($"Energy cost at {b.HubName}", b.HubCostUsd)
        .Money($"Basis cost ({b.ZoneName} − {b.HubName})", b.BasisCostUsd).Price("Average basis, all hours", b.AverageBasisUsdPerMWh)
        .Price("Load-weighted basis", b.LoadWeightedBasisUsdPerMWh).Price("Lowest basis", b.MinBasisUsdPerMWh).Price("Highest basis", b.MaxBasisUsdPerMWh)
        .Sheet("Basis");

    private static XlsxSheet TwoSettlement(Core.Settlement.TwoSettlementResult ts) => new Kv()
        .Num("Day-ahead purchase", ts.DayAheadMWh, "MWh").Money("Day-ahead cost", ts.DayAheadCostUsd)
        .Num("Real-time deviations bought", ts.DeviationBoughtMWh, "MWh").Num("Real-time deviations sold", ts.DeviationSoldMWh, "MWh")
        .Money("Real-time deviation cost", ts.RealTimeDeviationCostUsd).Money("Energy cost, two-settlement", ts.EnergyCostUsd)
        .Money("Energy cost, all real-time", ts.RealTimeOnlyCostUsd).Money("Day-ahead gain", ts.DayAheadGainUsd).Money("Profit with two-settlement", ts.ProfitUsd)
        .Sheet("DA vs RT");

    private static IEnumerable<XlsxSheet> Forecast(ForecastSection fc)
    {
        yield return new Kv().Text("Forward curve", fc.Curve).Text("Hourly shape from", fc.History).Text("Hashprice path", fc.HashpricePath).Sheet("Forecast");
        yield return new XlsxSheet("Forecast blocks",
        [
            new("Month", S.Month, Narrow), new("Block", S.General, Narrow), new("Hours (h)", S.Int, 10), new("Block price (USD/MWh)", S.Price, Mid), new("Shape", S.General, Narrow),
            new("Historical block mean (USD/MWh)", S.Price, Mid), new("Hourly min (USD/MWh)", S.Price, Mid), new("Hourly max (USD/MWh)", S.Price, Mid),
        ], rows =>
        {
            foreach (var x in fc.Blocks)
            {
                rows.Row().Date(new DateTime(x.Year, x.Month, 1, 0, 0, 0, DateTimeKind.Unspecified)).Text(ForwardBlockCalendar.Name(x.Block)).Num(x.Hours)
                    .Num(x.BlockPriceUsdPerMWh).Text(x.Mode.ToString()).Num(x.HistoricalBlockMeanUsdPerMWh).Num(x.MinUsdPerMWh).Num(x.MaxUsdPerMWh);
            }
        });
    }

    private static IEnumerable<XlsxSheet> Risk(RiskSection risk)
    {
        var measures = new List<(string Name, RiskSummary S)>();
        if (risk.HistoricalMonthly is { } h) measures.Add(("Historical monthly profit", h));
        if (risk.MonteCarlo is { } mc)
        {
            measures.Add(("Simulated monthly profit", mc.MonthlyProfit));
            measures.Add(($"Simulated {mc.Options.HorizonDays}-day profit", mc.HorizonProfit));
            measures.Add(("Simulated uplift over always-on", mc.HorizonUplift));
        }
        yield return new XlsxSheet("Risk",
        [
            new("Measure (VaR/CVaR are losses, −profit)", S.General, 34), new("Mean (USD)", S.Usd, Narrow), new("Std dev (USD)", S.Usd, Narrow), new("P5 (USD)", S.Usd, Narrow),
            new("P50 (USD)", S.Usd, Narrow), new("P95 (USD)", S.Usd, Narrow), new("VaR 95 (USD)", S.Usd, Narrow), new("CVaR 95 (USD)", S.Usd, Narrow),
            new("VaR 99 (USD)", S.Usd, Narrow), new("CVaR 99 (USD)", S.Usd, Narrow), new("P(loss) (%)", S.Pct, 10), new("N (count)", S.Int, 10),
        ], rows =>
        {
            foreach (var (name, s) in measures)
            {
                rows.Row().Text(name).Num(s.MeanUsd).Num(s.StdDevUsd).Num(s.P5Usd).Num(s.P50Usd).Num(s.P95Usd).Num(s.VaR95Usd).Num(s.CVaR95Usd)
                    .Num(s.VaR99Usd).Num(s.CVaR99Usd).Num(s.ProbabilityOfLoss).Num(s.Count);
            }
        });
        var tail = (risk.MonteCarlo?.HorizonProfit ?? risk.HistoricalMonthly)?.Tail ?? [];
        if (tail.Count > 0)
        {
            yield return new XlsxSheet("Risk tail",
                [new("Level (%)", S.Pct, 10), new("VaR (USD)", S.Usd, Mid), new("CVaR (USD)", S.Usd, Mid)],
                rows => { foreach (var x in tail) rows.Row().Num(x.Level).Num(x.VaRUsd).Num(x.CVaRUsd); });
        }
        if (risk.MonteCarlo is { } m2)
        {
            yield return new XlsxSheet("Risk simulated months",
            [
                new("Simulated month", S.Month, Narrow), new("Complete", S.General, 10), new("Hours (h)", S.Int, 10), new("Mean (USD)", S.Usd, Narrow), new("P5 (USD)", S.Usd, Narrow),
                new("P50 (USD)", S.Usd, Narrow), new("P95 (USD)", S.Usd, Narrow), new("VaR 95 (USD)", S.Usd, Narrow), new("CVaR 95 (USD)", S.Usd, Narrow),
            ], rows =>
            {
                foreach (var x in m2.Months)
                {
                    rows.Row().Date(new DateTime(x.Year, x.Month, 1, 0, 0, 0, DateTimeKind.Unspecified)).Bool(x.Complete).Num(x.Hours).Num(x.ProfitUsd.MeanUsd)
                        .Num(x.ProfitUsd.P5Usd).Num(x.ProfitUsd.P50Usd).Num(x.ProfitUsd.P95Usd).Num(x.ProfitUsd.VaR95Usd).Num(x.ProfitUsd.CVaR95Usd);
                }
            });
        }
    }

    private static IEnumerable<XlsxSheet> Sweep(SweepSection sw)
    {
        bool fleet = sw.Base.IsFleet;
        var cols = new List<XlsxColumn>();
        if (fleet) cols.Add(new("Site cap (MW, blank = none)", S.Num3, Mid));
        cols.AddRange(
        [
            new(fleet ? "Efficiency under cap (W/TH)" : "Efficiency (W/TH)", S.Price, Mid), new("Hashprice multiplier (×)", S.Num4, Mid), new("Adder (USD/MWh)", S.Price, Mid),
            new("Min profit (USD/h)", S.Price, Mid), new("Profit (USD)", S.Usd, Mid), new("Revenue (USD)", S.Usd, Mid), new("Power cost (USD)", S.Usd, Mid),
            new("Operating hours (h)", S.Price, Mid), new("Uptime (%)", S.Pct, 10), new("Energy (MWh)", S.Num3, Mid), new("Always-on profit (USD)", S.Usd, Mid),
            new("Uplift (USD)", S.Usd, Mid), new("Mean breakeven (USD/MWh)", S.Price, Mid),
        ]);
        yield return new XlsxSheet("Sweep", cols, rows =>
        {
            foreach (var s in sw.Result.Scenarios)
            {
                rows.Row();
                if (fleet) rows.Num(s.Point.SiteCapMw);
                rows.Num(s.Point.EfficiencyWPerTh).Num(s.Point.HashpriceMultiplier).Num(s.Point.PriceAdderUsdPerMWh).Num(s.Point.MinProfitUsdPerHour)
                    .Num(s.ProfitUsd).Num(s.RevenueUsd).Num(s.PowerCostUsd).Num(s.OperatingHours).Num(s.UptimePct / 100).Num(s.EnergyMWh)
                    .Num(s.AlwaysOnProfitUsd).Num(s.UpliftUsd).Num(s.MeanBreakevenUsdPerMWh);
            }
        });
        yield return new XlsxSheet("Sweep tornado",
        [
            new("Input", S.General, 28), new("Unit", S.General, 10), new("Base", S.Num4, Narrow), new("Low", S.Num4, Narrow), new("High", S.Num4, Narrow),
            new("Profit at low (USD)", S.Usd, Mid), new("Profit at high (USD)", S.Usd, Mid), new("Swing (USD)", S.Usd, Mid),
        ], rows =>
        {
            foreach (var x in sw.Tornado.Bars)
                rows.Row().Text(x.Label).Text(x.Unit).Num(x.BaseValue).Num(x.LowValue).Num(x.HighValue).Num(x.ProfitAtLowUsd).Num(x.ProfitAtHighUsd).Num(x.SwingUsd);
        });
    }
}
