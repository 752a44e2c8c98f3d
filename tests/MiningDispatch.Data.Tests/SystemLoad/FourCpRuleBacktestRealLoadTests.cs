using System.Globalization;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.SystemLoad;
using MiningDispatch.Data.Tests.Prices;

namespace MiningDispatch.Data.Tests.SystemLoad;

/// <summary>
/// The 4CP load rule on ERCOT's real hourly system load, June–September 2017–2025 (data/ercot/system_load): the
/// per-summer hit rate the README reports, checked against a plain loop over the CSV that shares no code with the product.
/// </summary>
public class FourCpRuleBacktestRealLoadTests
{
    private static string LoadFile => Path.Combine(TestFiles.RepoRoot, "data", "ercot", "system_load", "ercot_np6346_actual_system_load_hourly_jun-sep_2017-2025.csv");

    [Fact]
    [Trait("Category", "Slow")]
    public void Default_rule_per_summer_matches_a_plain_loop_and_the_README_table()
    {
        // The loop: read the two columns, local time by the zone's rules, monthly peak = highest hour (first on a tie),
        // hour i curtailed when hours i−1 and i−2 are the two hours before it, load(i−1) > load(i−2) and
        // load(i−1) ≥ 0.95 × the highest hour of the same local month that ended before hour i.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var t = new List<DateTime>();
        var mw = new List<double>();
        foreach (var line in File.ReadLines(LoadFile).Skip(1))
        {
            var parts = line.Split(',');
            t.Add(DateTime.Parse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
            mw.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        var local = t.Select(x => TimeZoneInfo.ConvertTimeFromUtc(x, zone)).ToList();
        var peak = new Dictionary<(int Y, int M), int>();
        for (int i = 0; i < t.Count; i++)
        {
            var k = (local[i].Year, local[i].Month);
            if (!peak.TryGetValue(k, out int p) || mw[i] > mw[p]) peak[k] = i;
        }
        var curtail = new bool[t.Count];
        var hours = new SortedDictionary<int, int>();
        var monthMax = double.NegativeInfinity;
        for (int i = 0; i < t.Count; i++)
        {
            // monthMax = max over the hours of this local month before i
            if (i == 0 || local[i - 1].Month != local[i].Month || local[i - 1].Year != local[i].Year) monthMax = double.NegativeInfinity;
            if (i >= 2 && !double.IsNegativeInfinity(monthMax) && t[i - 1] == t[i].AddHours(-1) && t[i - 2] == t[i].AddHours(-2)
                && mw[i - 1] > mw[i - 2] && mw[i - 1] >= 0.95 * monthMax)
            {
                curtail[i] = true;
                hours[local[i].Year] = hours.GetValueOrDefault(local[i].Year) + 1;
            }
            monthMax = Math.Max(monthMax, mw[i]);
        }
        var caught = peak.GroupBy(p => p.Key.Y).ToDictionary(g => g.Key, g => g.Count(p => curtail[p.Value]));

        var load = SystemLoadCsvLoader.Load(LoadFile);
        var bt = FourCpRuleBacktest.Run(FourCpAvoidance.LoadThreshold(load, 0.95, FourCpWindowRule.AllDay()), MarketClock.Ercot);
        Assert.Equal(Enumerable.Range(2017, 9), bt.Summers.Select(s => s.Year));
        Assert.Equal(hours.Keys.Select(y => caught[y]), bt.Summers.Select(s => s.PeaksCaught));
        Assert.Equal(hours.Values.Select(h => (double)h), bt.Summers.Select(s => s.HoursCurtailed));
        Assert.Equal(peak.Select(p => t[p.Value]).Order(), bt.Months.Select(m => m.PeakStartUtc));
        Assert.Equal(Enumerable.Repeat(4, 9), bt.Summers.Select(s => s.Months));
        Assert.Equal(3, bt.Summers[0].CompleteMonths); // the file starts on 2017-06-29

        // The README table (computed separately from the same file): every peak caught, these hours per summer.
        Assert.Equal(36, caught.Values.Sum());
        Assert.Equal([198, 187, 209, 190, 232, 262, 304, 271, 318], hours.Values);
    }
}
