using System.Globalization;
using System.Text;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// <c>ercot-api</c> names what <c>fetch</c> wrote, for every flag that reads a fetched kind of file and in every
/// command that has such a flag (issue 14): a fake fetched folder (the layouts <c>fetch</c> writes) in a cache folder
/// given by <c>MINING_DISPATCH_CACHE_DIR</c> or <c>--cache-dir</c>; and a clear message when that kind was not fetched.
/// </summary>
public sealed class FetchedAliasTests : IDisposable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly string _dir = CliHarness.NewTempDir();

    public FetchedAliasTests()
    {
        Cache = Path.Combine(_dir, "cache");
        string f = Path.Combine(Cache, "ercot-api");
        Directory.CreateDirectory(Path.Combine(f, "as"));
        Directory.CreateDirectory(Path.Combine(f, "load"));
        foreach (var point in new[] { "HB_WEST", "HB_NORTH" })
        {
            var rt = new StringBuilder("deliveryDate,deliveryHour,deliveryInterval,settlementPoint,settlementPointType,settlementPointPrice,DSTFlag\n");
            foreach (var (day, he) in Hours(1, 7))
                for (int i = 1; i <= 4; i++)
                    rt.Append(Ci, $"{day:yyyy-MM-dd},{he},{i},{point},HU,{Rt(point, he, i):R},false\n");
            File.WriteAllText(Path.Combine(f, $"ercot-api_rt_np6-905-cd_{point}_2024-07-01_2024-07-07.csv"), rt.ToString());
        }
        var da = new StringBuilder("deliveryDate,hourEnding,settlementPoint,settlementPointPrice,DSTFlag\n");
        foreach (var (day, he) in Hours(1, 7)) da.Append(Ci, $"{day:yyyy-MM-dd},{he:00}:00,HB_WEST,{24 + 0.5 * he:R},false\n");
        File.WriteAllText(Path.Combine(f, "ercot-api_dam_np4-190-cd_HB_WEST_2024-07-01_2024-07-07.csv"), da.ToString());
        var asp = new StringBuilder("deliveryDate,hourEnding,ancillaryType,MCPC,DSTFlag\n");
        foreach (var (day, he) in Hours(1, 7))
            foreach (var (type, price) in new[] { ("REGUP", 6.0), ("REGDN", 4.0), ("RRS", 9.5), ("NSPIN", 3.0), ("ECRS", 7.25) })
                asp.Append(Ci, $"{day:yyyy-MM-dd},{he:00}:00,{type},{price:R},false\n");
        File.WriteAllText(Path.Combine(f, "as", "ercot-api_as_np4-188-cd_2024-07-01_2024-07-07.csv"), asp.ToString());
        // Two fetches whose ranges overlap on 3-4 July (same values there), as fetch writes them.
        WriteLoad(Path.Combine(f, "load", "ercot-api_load_np6-346-cd_2024-07-01_2024-07-04.csv"), 1, 4);
        WriteLoad(Path.Combine(f, "load", "ercot-api_load_np6-346-cd_2024-07-03_2024-07-07.csv"), 3, 7);
    }

    public void Dispose() => Directory.Delete(_dir, true);

    private string Cache { get; }

    private string Folder => Path.Combine(Cache, "ercot-api");

    private static IEnumerable<(DateOnly Day, int He)> Hours(int fromDay, int toDay) =>
        from d in Enumerable.Range(fromDay, toDay - fromDay + 1) from he in Enumerable.Range(1, 24) select (new DateOnly(2024, 7, d), he);

    /// <summary>The fake's real-time price: 20 + 0.5·he + 0.1·interval, HB_NORTH $10 above HB_WEST.</summary>
    private static double Rt(string point, int he, int interval) => Math.Round(20 + 0.5 * he + 0.1 * interval + (point == "HB_NORTH" ? 10 : 0), 2);

    /// <summary>System load of hour ending <paramref name="he"/> on 2024-07-<paramref name="day"/>: 60,000 + 100·he + 10·day MW.</summary>
    private static double Load(int day, int he) => 60000 + 100 * he + 10 * day;

    private static void WriteLoad(string path, int fromDay, int toDay)
    {
        var sb = new StringBuilder("interval_start_utc,load_mw,operatingDay,hourEnding,DSTFlag\n");
        foreach (var (day, he) in Hours(fromDay, toDay))
        {
            var startUtc = day.ToDateTime(new TimeOnly(0, 0), DateTimeKind.Utc).AddHours(he - 1 + 5); // CDT = UTC-5 in July
            sb.Append(Ci, $"{startUtc:yyyy-MM-dd'T'HH:mm'Z'},{Load(day.Day, he):R},{day:yyyy-MM-dd},{he:00}:00,false\n");
        }
        File.WriteAllText(path, sb.ToString());
    }

    private (int Code, string Out, string Err) Run(params string[] args) =>
        CliHarness.Run(new Dictionary<string, string?> { ["MINING_DISPATCH_CACHE_DIR"] = Cache }, args);

    private static (int Code, string Out, string Err) RunNoEnv(params string[] args) => CliHarness.Run(null, args);

    private string Out(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Validate_prices_ercot_api_checks_the_fetched_files()
    {
        var (code, stdout, stderr) = Run("validate", "--prices", "ercot-api", "--sp", "HB_WEST");
        Assert.True(code == 0, stderr + stdout);
        // The folder's three files (HB_WEST real-time and day-ahead, HB_NORTH real-time), together as backtest reads them:
        // HB_WEST real-time, 7 days x 24 hours x 4 intervals; the hourly means of the formula's lowest and highest hour.
        var hourly = Hours(1, 7).Select(h => Enumerable.Range(1, 4).Average(i => Rt("HB_WEST", h.He, i))).ToList();
        string together = stdout[stdout.IndexOf("all 3 files together", StringComparison.Ordinal)..];
        Assert.Contains(string.Create(Ci, $"{7 * 24 * 4:#,0} used for HB_WEST"), together, StringComparison.Ordinal);
        Assert.Contains(string.Create(Ci, $"Min price:     {hourly.Min():0.00} $/MWh"), together, StringComparison.Ordinal);
        Assert.Contains(string.Create(Ci, $"Max price:     {hourly.Max():0.00} $/MWh"), together, StringComparison.Ordinal);
        Assert.Contains("HB_WEST real-time, 168 hour(s)", together, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_takes_cache_dir_and_says_what_to_fetch_when_nothing_was()
    {
        var (code, _, stderr) = RunNoEnv("validate", "--prices", "ercot-api", "--cache-dir", Cache, "--sp", "HB_NORTH");
        Assert.True(code == 0, stderr);
        string empty = Path.Combine(_dir, "empty");
        (code, _, stderr) = RunNoEnv("validate", "--prices", "ercot-api", "--cache-dir", empty);
        Assert.Equal(2, code);
        Assert.Contains($"--prices ercot-api: nothing has been fetched yet into {Path.Combine(empty, "ercot-api")}", stderr, StringComparison.Ordinal);
        Assert.Contains("mining-dispatch fetch --report rt", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_prices_ercot_api_ranks_every_fetched_point()
    {
        var (code, stdout, stderr) = Run("screen", "--prices", "ercot-api", "--out", Out("screen"));
        Assert.True(code == 0, stderr + stdout);
        int west = stdout.IndexOf("HB_WEST", StringComparison.Ordinal), north = stdout.IndexOf("HB_NORTH", StringComparison.Ordinal);
        Assert.True(west >= 0 && north >= 0, stdout);
        Assert.True(west < north, "HB_WEST is $10/MWh cheaper in every interval, so it ranks first:\n" + stdout);
    }

    [Fact]
    public void As_prices_ercot_api_reads_the_as_subfolder()
    {
        string asFile = Path.Combine(Folder, "as", "ercot-api_as_np4-188-cd_2024-07-01_2024-07-07.csv");
        var alias = Run("backtest", "--prices", "ercot-api", "--as-prices", "ercot-api", "--start", "2024-07-01", "--end", "2024-07-07", "--out", Out("a"));
        Assert.True(alias.Code == 0, alias.Err);
        var file = RunNoEnv("backtest", "--prices", Folder, "--as-prices", asFile, "--start", "2024-07-01", "--end", "2024-07-07", "--out", Out("b"));
        Assert.True(file.Code == 0, file.Err);
        string a = File.ReadAllText(Path.Combine(Out("a"), "summary.json")), b = File.ReadAllText(Path.Combine(Out("b"), "summary.json"));
        using var doc = System.Text.Json.JsonDocument.Parse(a);
        Assert.True(doc.RootElement.GetProperty("ancillaryIncomeUsd").GetDouble() > 0);
        Assert.Equal(b.Replace(asFile, "", StringComparison.Ordinal), a.Replace(asFile, "", StringComparison.Ordinal));
    }

    [Fact]
    public void System_load_ercot_api_merges_the_load_subfolder_and_finds_the_peak_in_either_file()
    {
        var (code, stdout, stderr) = Run("backtest", "--prices", "ercot-api", "--four-cp-rate", "55", "--system-load", "ercot-api",
            "--start", "2024-07-01", "--end", "2024-07-07", "--no-report");
        Assert.True(code == 0, stderr + stdout);
        // The July peak is hour ending 24 of 7 July: only in the second file.
        double peak = Hours(1, 7).Max(h => Load(h.Day.Day, h.He));
        Assert.Equal(62470, peak);
        Assert.Contains(peak.ToString("#,0", Ci), stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Da_prices_ercot_api_equals_the_fetched_folder_given_by_path()
    {
        var alias = Run("backtest", "--prices", "ercot-api", "--da-prices", "ercot-api", "--start", "2024-07-01", "--end", "2024-07-07", "--out", Out("a"));
        Assert.True(alias.Code == 0, alias.Err);
        var path = RunNoEnv("backtest", "--prices", Folder, "--da-prices", Folder, "--start", "2024-07-01", "--end", "2024-07-07", "--out", Out("b"));
        Assert.True(path.Code == 0, path.Err);
        Assert.Equal(File.ReadAllText(Path.Combine(Out("b"), "summary.json")), File.ReadAllText(Path.Combine(Out("a"), "summary.json")));
    }

    [Theory]
    [InlineData("--as-prices", "as", "fetch --report as --start")]
    [InlineData("--system-load", "load", "fetch --report load --start")]
    [InlineData("--da-prices", "", "fetch --report da --start")]
    public void A_kind_not_fetched_names_the_flag_the_folder_and_the_fetch_command(string flag, string sub, string command)
    {
        string cache = Path.Combine(_dir, "rt-only");
        string folder = Path.Combine(cache, "ercot-api");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(Folder, "ercot-api_rt_np6-905-cd_HB_WEST_2024-07-01_2024-07-07.csv"), Path.Combine(folder, "ercot-api_rt_np6-905-cd_HB_WEST_2024-07-01_2024-07-07.csv"));
        string[] extra = flag == "--system-load" ? ["--four-cp-rate", "55"] : [];
        var (code, _, stderr) = RunNoEnv(["backtest", "--no-report", "--cache-dir", cache, "--prices", "ercot-api", flag, "ercot-api", .. extra]);
        Assert.Equal(2, code);
        string where = sub.Length > 0 ? Path.Combine(folder, sub) : folder;
        Assert.Contains($"{flag} ercot-api: nothing has been fetched yet into {where}", stderr, StringComparison.Ordinal);
        Assert.Contains(command, stderr, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Risk_and_sweep_read_prices_and_as_prices_through_the_alias()
    {
        var risk = Run("risk", "--prices", "ercot-api", "--as-prices", "ercot-api", "--start", "2024-07-01", "--end", "2024-07-07", "--paths", "0", "--no-report");
        Assert.True(risk.Code == 0, risk.Err);
        var sweep = Run("sweep", "--prices", "ercot-api", "--start", "2024-07-01", "--end", "2024-07-07", "--no-report");
        Assert.True(sweep.Code == 0, sweep.Err);
        var missing = RunNoEnv("risk", "--cache-dir", Path.Combine(_dir, "none"), "--prices", "ercot-api", "--no-report");
        Assert.Equal(2, missing.Code);
        Assert.Contains("--prices ercot-api: nothing has been fetched yet", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Forecast_history_reads_the_fetched_prices()
    {
        string curve = Path.Combine(CliHarness.SampleDir, "forward_curve_ILLUSTRATIVE_hb_west_2027.csv");
        var (code, _, stderr) = Run("forecast", "--curve", curve, "--hashprice-path", "flat:45", "--start", "2027-01", "--months", "1",
            "--history", "ercot-api", "--no-report");
        Assert.True(code == 0, stderr);
        (code, _, stderr) = RunNoEnv("forecast", "--curve", curve, "--hashprice-path", "flat:45", "--history", "ercot-api",
            "--cache-dir", Path.Combine(_dir, "none"), "--no-report");
        Assert.Equal(2, code);
        Assert.Contains("--history ercot-api: nothing has been fetched yet", stderr, StringComparison.Ordinal);
    }
}
