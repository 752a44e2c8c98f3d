using System.Text.Json.Nodes;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Settlement;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Comparison;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Sweep;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;
using MiningDispatch.Reports.Sections;

namespace MiningDispatch.Reports.Tests;

/// <summary>result.json version 3: every optional section of the report model survives Save and Load.</summary>
public class ResultJsonSectionsTests
{
    private const int N = 71;                   // hours in TestModels.Market (72 minus the missing one)
    private const double BtcUsd = 60000, DrPrice = 2.5, FourCpRate = 50, ZoneOverHub = 3, DaUnderRt = 1;
    private static readonly int[] PeakIndex = [17, 65]; // market hours 2024-01-30 17:00 and 2024-02-01 17:00 CST

    /// <summary>Market hour t (0..71, skipping the missing one) to its index in the 71-hour series.</summary>
    private static int Ix(int t) => t < TestModels.MissingIndex ? t : t - 1;

    /// <summary>A model with every section set, built with Core on the 71-hour test market.</summary>
    internal static BacktestRun FullModel()
    {
        var market = TestModels.Market();
        var site = TestModels.Site;
        var clock = MarketClock.Ercot;
        var cmp = StrategyComparison.Run(market, site, new ThresholdStrategy(), OptimalOptions.None);
        var result = cmp.Strategy.Result;
        var problem = new DispatchProblem(market, site);
        var allOn = Enumerable.Repeat(1.0, N).ToArray();

        var dr = new AncillaryCapacityContract { PriceUsdPerMwHour = DrPrice, Name = "DR <test>" };
        var contract = new PpaContract([new PpaTranche(PowerBlock.SevenBy24, new Megawatts(4), new UsdPerMWh(30), new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31))], "PPA & co");
        var settled = PpaSettlement.Settle(problem, result.Run, contract,
            new PpaSettlementOptions { Btc = BtcPriceInput.Constant(BtcUsd), Ancillary = dr });
        var fleet = FleetBacktester.Run(market, new FleetSpec([new FleetTranche(new MinerModel("rig", 100, 2500), 2000)], 4), new SiteCommercials(0.02));

        var avoid = (double[])allOn.Clone();
        foreach (int t in PeakIndex) avoid[Ix(t)] = 0;
        var peaks = PeakIndex.Select((t, k) => new CoincidentPeak(2024, 6 + k, market.StartsUtc[Ix(t)], 70000 + k)).ToList();
        var fourCp = FourCpReport.AtPeaks(problem, allOn, avoid, peaks, FourCpRate, clock, "known intervals") with
        {
            Notes = ["4CP peaks from hourly system load <&>"],
            RuleBacktest = new FourCpRuleBacktest("rule <x>", 60, [new FourCpRuleSummer(2023, 4, 3, 3, 12.5)],
                [new FourCpRuleMonth(2023, 6, new DateTime(2023, 6, 20, 21, 0, 0, DateTimeKind.Utc), 80_000, false, true, 4, false),
                 new FourCpRuleMonth(2023, 7, new DateTime(2023, 7, 20, 21, 15, 0, DateTimeKind.Utc), null, true, false, 8.5, true)]),
        };

        var zone = market.PriceUsdPerMWh.Select(p => p + ZoneOverHub).ToArray();
        var basis = BasisSettlement.Compare(market.StartsUtc, market.PriceUsdPerMWh, zone, allOn, TestModels.Mw, 1.0, "HB_TEST", "LZ_TEST");
        var q = Enumerable.Repeat(TestModels.Mw, N).ToArray();
        var two = TwoSettlement.Settle(market.StartsUtc, q, market.PriceUsdPerMWh.Select(p => p - DaUnderRt).ToArray(), q, market.PriceUsdPerMWh);

        double[] monthly = [-10, 20, 30, 40, 50];
        var mc = MonteCarloEngine.Run(market, site, new MonteCarloOptions(12, 5, 1, 4) { SeasonalWindowDays = null, AlignWeekday = false, ExtraLevels = [0.9], MaxDegreeOfParallelism = 1 });

        var spec = new SweepSpec([20, 25], [0.8, 1.2], [5], [700]);
        var sweep = SweepEngine.Run(market, site, spec, 1);
        var tornado = SweepEngine.Tornado(market, site, [new TornadoRange(SweepParameter.Efficiency, 20, 25), new TornadoRange(SweepParameter.HashpriceMultiplier, 0.8, 1.2)]);
        var grid = SweepEngine.Grid(market, site, SweepParameter.Efficiency, [20, 25], SweepParameter.HashpriceMultiplier, [0.8, 1.2]);
        var breakeven = BreakevenSurfaces.Efficiency([40, 60], [-5, 0, 50], 0.02); // -5 and 0 $/MWh give +Infinity

        ShapedBlock[] blocks =
        [
            new(2027, 1, ForwardBlock.Peak5x16, 336, 61.25, ShapeMode.Multiplicative, 1200, 48.5, 30.125, 140.75),
            new(2027, 1, ForwardBlock.Night7x8, 248, 3.5, ShapeMode.Flat, 0, null, 3.5, 3.5),
        ];
        return new BacktestRun(result, TestModels.Info(), [cmp.Optimal.Result])
        {
            Comparison = ComparisonSection.From(cmp, "none"),
            Fleet = fleet,
            Contract = settled,
            Btc = new BtcSection(result.Revenue.Sum() / BtcUsd, result.Summary.PowerCostUsd, "constant $60,000"),
            FourCp = fourCp,
            Ancillary = AncillaryCapacity.Compute(problem, allOn, dr, clock),
            Basis = basis,
            TwoSettlement = two,
            Risk = new RiskSection(RiskMetrics.Summarize(monthly, 0.9), monthly, mc),
            Sweep = new SweepSection(sweep, SweepEngine.BasePoint(site), tornado, grid, breakeven, sweep.Scenarios.OrderByDescending(s => s.ProfitUsd).Take(3).ToList()),
            Forecast = new ForecastSection("curve.csv", "flat 45 $/PH/day", "HB_WEST <history>", blocks),
        };
    }

    private static readonly Lazy<(BacktestRun Model, BacktestRun Back, string Path)> Saved = new(() =>
    {
        var model = FullModel();
        string path = Path.Combine(TestModels.TempDir(), "result.json");
        ResultJson.Save(model, path);
        return (model, ResultJson.Load(path), path);
    });

    [Fact]
    public void Every_section_round_trips_value_for_value()
    {
        var (model, back, _) = Saved.Value;
        foreach (var section in new (string Name, Func<BacktestRun, object?> Get)[]
                 {
                     ("Comparison", m => m.Comparison), ("Fleet", m => m.Fleet), ("Contract", m => m.Contract), ("Btc", m => m.Btc),
                     ("FourCp", m => m.FourCp), ("Ancillary", m => m.Ancillary), ("Basis", m => m.Basis), ("TwoSettlement", m => m.TwoSettlement),
                     ("Risk", m => m.Risk), ("Sweep", m => m.Sweep), ("Forecast", m => m.Forecast),
                 })
        {
            Assert.NotNull(section.Get(model));
            DeepEqual.Assert(section.Get(model), section.Get(back), section.Name);
        }
        DeepEqual.Assert(model.Result, back.Result, "Result");
        DeepEqual.Assert(model.Benchmarks, back.Benchmarks, "Benchmarks");
        DeepEqual.Assert(model.Info, back.Info, "Info");
        Assert.Contains(back.Sweep!.Breakeven!.Values.Cast<double>(), double.IsPositiveInfinity);
        Assert.Equal(HtmlReport.Render(model), HtmlReport.Render(back));
    }

    [Fact]
    public void Loaded_sections_hold_the_hand_computed_numbers()
    {
        var back = Saved.Value.Back;
        double strat = 0, opt = 0, ao = 0, revenue = 0, sweepProfit = 0;
        int running = 0;
        for (int t = 0; t < 72; t++)
        {
            if (t == TestModels.MissingIndex) continue;
            var (rev, cost) = TestModels.HandHour(TestModels.PriceAt(t), TestModels.HashpricePhDay(t / 24));
            double net = rev - cost;
            ao += net;
            if (net > 0) opt += net;
            if (net > TestModels.MinProfit) { strat += net; revenue += rev; running++; }
            double net12 = 1.2 * rev - cost; // sweep scenario 20 W/TH, hashprice x1.2, adder 5, min profit 700
            if (net12 > 700) sweepProfit += net12;
        }
        Assert.Equal(opt - strat, back.Comparison!.RegretUsd, 6);
        Assert.Equal(4.0, back.Fleet!.AvailableMw, 12);                               // 1,600 whole 2.5 kW machines under the 4 MW cap
        Assert.Equal(1600 * 2.5 / 1000, back.Fleet.MwRunning[0].Max(), 12);
        Assert.Equal(4 * 30.0 * N, back.Contract!.ContractPaymentsUsd, 6);            // 4 MW x $30 x 71 h
        Assert.Equal(DrPrice * TestModels.Mw * running, back.Contract.Ancillary!.IncomeUsd, 6);   // DR on the hours the strategy runs
        Assert.Equal(revenue / BtcUsd, back.Btc!.BtcMined, 9);
        Assert.Equal(TestModels.Mw * 1000 * FourCpRate, back.FourCp!.AvoidedChargeUsd, 6); // tag 10 MW -> 0 MW, x 1000 kW/MW x $50/kW-yr
        Assert.Equal(new DateTime(2024, 1, 30, 23, 0, 0, DateTimeKind.Utc), back.FourCp.Months[0].PeakStartUtc);
        Assert.Equal(DateTimeKind.Utc, back.FourCp.Months[0].PeakStartUtc!.Value.Kind);
        Assert.Equal(PeakIndex.Length, back.FourCp.PeaksAvoided);                      // avoidance is off at every peak, base on
        Assert.Equal(PeakIndex.Length, back.FourCp.CurtailedHours, 12);
        Assert.Equal(12.5, back.FourCp.RuleBacktest!.Summers[0].HoursCurtailed);
        Assert.Equal(DateTimeKind.Utc, back.FourCp.RuleBacktest.Months[1].PeakStartUtc.Kind);
        Assert.Equal(["4CP peaks from hourly system load <&>"], back.FourCp.Notes);
        Assert.Equal(DrPrice * TestModels.Mw * N, back.Ancillary!.IncomeUsd, 6);      // always on: 10 MW x 71 h x $2.5
        Assert.Equal(ZoneOverHub * TestModels.Mw * N, back.Basis!.BasisCostUsd, 6);
        Assert.Equal(DaUnderRt * TestModels.Mw * N, back.TwoSettlement!.DayAheadGainUsd, 6);
        Assert.Equal(26, back.Risk!.HistoricalMonthly!.MeanUsd, 12);                  // mean of -10, 20, 30, 40, 50
        Assert.Equal(4, back.Risk.HistoricalMonthly.VaR95Usd!.Value, 9);              // -P5: h = 4 x 0.05 = 0.2 -> -10 + 0.2 x 30 = -4
        Assert.Equal(10, back.Risk.HistoricalMonthly.CVaR95Usd!.Value, 9);            // only -10 is at or below P5
        var mc = back.Risk.MonteCarlo!;
        Assert.Equal(mc.PathProfitUsd.Average(), mc.HorizonProfit.MeanUsd, 6);
        Assert.Equal(12, mc.PathProfitUsd.Length);
        Assert.Equal([0.9], mc.Options.ExtraLevels);
        Assert.Equal(sweepProfit, back.Sweep!.Result.At(0, 1, 0, 0).ProfitUsd, 6);
        Assert.Equal(4, back.Sweep.Result.Count);
        Assert.Null(back.Forecast!.Blocks[1].HistoricalBlockMeanUsdPerMWh);
        Assert.Equal((ForwardBlock.Night7x8, ShapeMode.Flat, 3.5), (back.Forecast.Blocks[1].Block, back.Forecast.Blocks[1].Mode, back.Forecast.Blocks[1].BlockPriceUsdPerMWh));
    }

    [Fact]
    public void The_value_comparison_sees_a_changed_number()
    {
        string path = Path.Combine(TestModels.TempDir(), "changed.json");
        var doc = JsonNode.Parse(File.ReadAllText(Saved.Value.Path))!;
        doc["sections"]!["contract"]!["netProfitUsdByInterval"]![5] = (double)doc["sections"]!["contract"]!["netProfitUsdByInterval"]![5]! + 0.01;
        File.WriteAllText(path, doc.ToJsonString());
        var ex = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => DeepEqual.Assert(Saved.Value.Model.Contract, ResultJson.Load(path).Contract, "Contract"));
        Assert.Contains("Contract.NetProfitUsdByInterval[5]", ex.Message);
    }

    [Fact]
    public void Save_load_save_gives_the_same_bytes()
    {
        var (_, back, path) = Saved.Value;
        string again = Path.Combine(TestModels.TempDir(), "again.json");
        ResultJson.Save(back, again);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
        var doc = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(3, (int)doc["version"]!);
        Assert.Equal("Multiplicative", (string)doc["sections"]!["forecast"]!["blocks"]![0]!["mode"]!); // enums by name
        Assert.Null(doc["sections"]!["fourCp"]!["avoidedChargeUsd"]);                               // computed, not stored
    }

    [Fact]
    public void A_fleet_on_the_main_result_stores_it_once()
    {
        var market = TestModels.Market();
        var fleet = FleetBacktester.Run(market, new FleetSpec([new FleetTranche(new MinerModel("rig", 100, 2500), 2000)], 4), new SiteCommercials(0.02));
        var model = new BacktestRun(fleet.Result, TestModels.Info()) { Fleet = fleet };
        string path = Path.Combine(TestModels.TempDir(), "fleet.json");
        ResultJson.Save(model, path);
        Assert.Null(JsonNode.Parse(File.ReadAllText(path))!["sections"]!["fleet"]!["result"]);
        var back = ResultJson.Load(path);
        Assert.Same(back.Result, back.Fleet!.Result);
        DeepEqual.Assert(model.Fleet, back.Fleet, "Fleet");
    }

    [Fact]
    public void A_model_without_sections_loads_without_sections()
    {
        string path = Path.Combine(TestModels.TempDir(), "plain.json");
        ResultJson.Save(TestModels.Model(), path);
        var back = ResultJson.Load(path);
        Assert.True(back.Comparison is null && back.Fleet is null && back.Contract is null && back.Btc is null && back.FourCp is null && back.Ancillary is null
            && back.Basis is null && back.TwoSettlement is null && back.Risk is null && back.Sweep is null && back.Forecast is null);
    }

    /// <summary>Saves the full model, applies <paramref name="edit"/> to its JSON and returns the load error.</summary>
    private static string LoadError(Action<JsonNode> edit)
    {
        string path = Path.Combine(TestModels.TempDir(), "result.json");
        var doc = JsonNode.Parse(File.ReadAllText(Saved.Value.Path))!;
        edit(doc["sections"]!);
        File.WriteAllText(path, doc.ToJsonString());
        var ex = Assert.Throws<InvalidDataException>(() => ResultJson.Load(path));
        Assert.StartsWith(path + ":", ex.Message);
        return ex.Message;
    }

    [Fact]
    public void A_missing_field_names_the_json_path()
    {
        string msg = LoadError(s => s["fourCp"]!["months"]![1]!.AsObject().Remove("siteMwWithAvoidance"));
        Assert.Contains("$.sections.fourCp.months[1]", msg);
        Assert.Contains("siteMwWithAvoidance", msg);
        msg = LoadError(s => s["contract"]!.AsObject().Remove("netProfitUsd"));
        Assert.Contains("$.sections.contract", msg);
        Assert.Contains("netProfitUsd", msg);
        msg = LoadError(s => s["sweep"]!["scenarios"]!.AsObject().Remove("profitUsd"));
        Assert.Contains("$.sections.sweep.scenarios", msg);
        Assert.Contains("profitUsd", msg);
    }

    [Fact]
    public void Wrong_types_and_nulls_name_the_json_path()
    {
        string msg = LoadError(s => s["basis"]!["hubName"] = null);
        Assert.Contains("$.sections.basis", msg);
        msg = LoadError(s => s["ancillary"]!["incomeUsd"] = "lots");
        Assert.Contains("$.sections.ancillary.incomeUsd", msg);
        msg = LoadError(s => s["forecast"]!["blocks"]![0]!["mode"] = "Hourly");
        Assert.Contains("$.sections.forecast.blocks[0].mode", msg);
        msg = LoadError(s => s["forecast"]!["blocks"]![0] = null);
        Assert.Contains("$.sections.forecast.blocks[0] is null", msg);
    }

    [Fact]
    public void Inconsistent_sizes_name_the_json_path()
    {
        string msg = LoadError(s => s["basis"]!["basisByInterval"]!.AsArray().RemoveAt(0));
        Assert.Contains($"$.sections.basis.basisByInterval has {N - 1} values but the result has {N} intervals", msg);
        msg = LoadError(s => s["risk"]!["monteCarlo"]!["monthlyProfitUsd"]![3]!.AsArray().RemoveAt(0));
        Assert.Contains("$.sections.risk.monteCarlo.monthlyProfitUsd", msg);
        Assert.Contains("rectangular", msg);
        msg = LoadError(s => s["risk"]!["monteCarlo"]!["pathEnergyMWh"]!.AsArray().RemoveAt(0));
        Assert.Contains("$.sections.risk.monteCarlo.pathEnergyMWh has 11 values but there are 12 paths", msg);
        msg = LoadError(s => s["fleet"]!["mwRunning"]![0]!.AsArray().RemoveAt(0));
        Assert.Contains($"$.sections.fleet.mwRunning[0] has {N - 1} values", msg);
        msg = LoadError(s => s["sweep"]!["scenarios"]!["uptimePct"]!.AsArray().RemoveAt(0));
        Assert.Contains("$.sections.sweep.scenarios.uptimePct has 3 values but sweep.scenarios.efficiencyWPerTh has 4", msg);
    }

    [Fact]
    public void A_version_1_file_still_loads_without_sections()
    {
        // Written by hand in the version 1 layout: two hours, no "sections"; the computed "missingIntervals" that
        // version 1 wrote is ignored.
        string json = """
        {"format":"mining-dispatch-result","version":1,
         "info":{"title":"v1 run","inputs":[{"label":"Site","value":"1 MW"}],
           "dataQuality":[{"source":"p.csv","description":"prices","rowsRead":2,"rowsUsed":2,"duplicates":0,"gaps":[],"partialIntervals":0,
             "filledIntervals":0,"notes":[],"missingIntervals":0,"filledGaps":[]}]},
         "result":{"strategy":"threshold","intervalHours":1,"timesUtc":["2024-03-01T06:00:00Z","2024-03-01T07:00:00Z"],
           "price":[20,-5.5],"allInPrice":[25,-0.5],"hashprice":[0.05,0.05],"breakeven":[95,95],"run":[1,1],"revenue":[100,100],
           "cost":[25,-0.5],"profit":[75,100.5],"alwaysOnProfit":[75,100.5],
           "summary":{"strategy":"threshold","hours":2,"operatingHours":2,"uptimePct":100,"energyMWh":2,"revenueUsd":200,"powerCostUsd":24.5,
             "profitUsd":175.5,"alwaysOnRevenueUsd":200,"alwaysOnPowerCostUsd":24.5,"alwaysOnProfitUsd":175.5,"upliftUsd":0,"upliftPct":0,
             "curtailedHours":0,"avgPricePaidUsdPerMWh":7.25,"avgAllInPricePaidUsdPerMWh":12.25,"avgSettlementPriceUsdPerMWh":7.25,
             "breakeven":{"min":95,"mean":95,"median":95,"max":95},"firstHourUtc":"2024-03-01T06:00:00Z","lastHourUtc":"2024-03-01T07:00:00Z"},
           "monthly":[{"year":2024,"month":3,"hours":2,"operatingHours":2,"uptimePct":100,"energyMWh":2,"revenueUsd":200,"powerCostUsd":24.5,
             "profitUsd":175.5,"alwaysOnProfitUsd":175.5,"avgSettlementPriceUsdPerMWh":7.25,"avgBreakevenUsdPerMWh":95}],
           "daily":[{"day":"2024-03-01","hours":2,"operatingHours":2,"profitUsd":175.5,"alwaysOnProfitUsd":175.5}],
           "runRateByHourOfDay":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1],
           "runRateByMonthAndHour":[[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]]},
         "benchmarks":[]}
        """;
        string path = Path.Combine(TestModels.TempDir(), "v1.json");
        File.WriteAllText(path, json);
        var m = ResultJson.Load(path);
        Assert.Equal(175.5, m.Result.Summary.ProfitUsd);
        Assert.Equal([75, 100.5], m.Result.Profit);
        Assert.Equal(new DateOnly(2024, 3, 1), m.Result.Daily[0].Day);
        Assert.Equal("1 MW", m.Info.Inputs[0].Value);
        Assert.True(m.Comparison is null && m.Contract is null && m.Risk is null && m.Sweep is null && m.Forecast is null && m.Fleet is null);
        Assert.Contains("v1 run", HtmlReport.Render(m));

        File.WriteAllText(path, json.Replace("\"version\":1", "\"version\":4"));
        var ex = Assert.Throws<InvalidDataException>(() => ResultJson.Load(path));
        Assert.Contains("format version 4 is not supported", ex.Message);
    }

    [Fact]
    public void A_version_2_file_gets_its_risk_figures_on_the_current_convention()
    {
        // A version 2 file: the old estimators (VaR by order statistic, historical VaR with 5 months). Loading it
        // recomputes every risk summary from the samples it saved.
        var doc = JsonNode.Parse(File.ReadAllText(Saved.Value.Path))!;
        doc["version"] = 2;
        var risk = doc["sections"]!["risk"]!;
        risk["historicalMonthly"]!["vaR95Usd"] = 10.0;                     // what version 2 wrote for -10, 20, 30, 40, 50
        risk["monteCarlo"]!["horizonProfit"]!["vaR95Usd"] = 123.0;
        string path = Path.Combine(TestModels.TempDir(), "v2.json");
        File.WriteAllText(path, doc.ToJsonString());
        var back = ResultJson.Load(path);
        var h = back.Risk!.HistoricalMonthly!;
        Assert.Equal(26, h.MeanUsd, 9);
        Assert.Null(h.VaR95Usd);                                           // 5 months: not meaningful
        Assert.Empty(h.Tail);
        var mc = back.Risk.MonteCarlo!;
        var sorted = mc.PathProfitUsd.Order().ToArray();
        double hh = (sorted.Length - 1) * 0.05;
        int lo = (int)Math.Floor(hh);
        double p5 = sorted[lo] + (hh - lo) * (sorted[lo + 1] - sorted[lo]);
        Assert.Equal(-p5, mc.HorizonProfit.VaR95Usd!.Value, 6);
        Assert.Equal(-mc.HorizonProfit.P5Usd, mc.HorizonProfit.VaR95Usd);
    }
}
