using MiningDispatch.Data.Prices;
using MiningDispatch.Data.Tests.Prices;
using Xunit.Sdk;

namespace MiningDispatch.Data.Tests.Fuzz;

/// <summary>
/// Property tests: random valid files in every layout (random points, days including DST days, prices including
/// -251, 5,000.01 and 9,000, thousands separators in quotes, BOM, CRLF, UTF-16) load to exactly the hourly means
/// computed here from the rows written. Fixed seeds, so a failure reproduces.
/// </summary>
public sealed class LoaderPropertyTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static IEnumerable<object[]> LayoutsAndSeeds()
    {
        foreach (var layout in Enum.GetValues<FuzzLayout>())
            for (int seed = 1; seed <= 6; seed++)
                yield return [layout, seed];
    }

    [Theory]
    [MemberData(nameof(LayoutsAndSeeds))]
    public void Every_valid_row_is_in_the_loaded_series(FuzzLayout layout, int seed)
    {
        var rng = new Random(seed * 7919 + (int)layout * 104729);
        var f = PriceFileGenerator.Generate(rng, layout, _dir.Path);
        foreach (var point in f.Points)
        {
            PriceLoadResult r;
            try
            {
                r = PriceLoader.Load([f.Path], new PriceQuery(point));
            }
            catch (Exception e)
            {
                throw new XunitException($"{f.Description}: loading {point} failed: {e}");
            }
            AssertSeriesEqual(f, point, r);
            Assert.True(r.Quality.Duplicates == 0, $"{f.Description}: {r.Quality.Duplicates} duplicates");
            Assert.True(r.Quality.Gaps.Count == 0, $"{f.Description}: gaps {string.Join("; ", r.Quality.Gaps)}");
            Assert.True(r.Quality.PartialIntervals == 0, $"{f.Description}: {r.Quality.PartialIntervals} partial hours");
        }
        var listed = PriceLoader.ListSettlementPoints([f.Path]);
        Assert.True(f.Points.All(p => listed.Contains(p)), $"{f.Description}: listed {string.Join(" ", listed)}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Several_files_of_different_layouts_for_the_same_point_agree_and_duplicates_are_counted(int seed)
    {
        // Two files holding the same intervals (one hourly ERCOT DAM, one its zip) are exact duplicates of each other.
        var rng = new Random(seed);
        var a = PriceFileGenerator.Generate(new Random(seed), FuzzLayout.ErcotDam, _dir.Path);
        var b = PriceFileGenerator.Generate(new Random(seed), FuzzLayout.Zip, _dir.Path);
        Assert.Equal(a.Truth, b.Truth);
        string point = a.Points[rng.Next(a.Points.Count)];
        var r = PriceLoader.Load([a.Path, b.Path], new PriceQuery(point));
        AssertSeriesEqual(a, point, r);
        Assert.Equal(a.Truth.Count(t => t.Point == point), r.Quality.Duplicates);
    }

    internal static void AssertSeriesEqual(GeneratedFile f, string point, PriceLoadResult r)
    {
        var expected = f.ExpectedHourly(point);
        if (!expected.Keys.SequenceEqual(r.HoursUtc))
        {
            var missing = expected.Keys.Except(r.HoursUtc).Take(5).Select(h => h.ToString("O"));
            var extra = r.HoursUtc.Except(expected.Keys).Take(5).Select(h => h.ToString("O"));
            throw new XunitException($"{f.Description}, {point}: {expected.Count} hours expected, {r.Count} loaded; missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}]");
        }
        int i = 0;
        foreach (var (hour, value) in expected)
        {
            if (Math.Abs(value - r.PriceUsdPerMWh[i]) > 1e-9)
                throw new XunitException($"{f.Description}, {point} at {hour:O}: expected {value}, loaded {r.PriceUsdPerMWh[i]}");
            i++;
        }
    }
}
