using System.Globalization;
using System.IO.Compression;
using MiningDispatch.Core.Ancillary;
using MiningDispatch.Core.Series;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.Ancillary;

/// <summary>AS clearing prices read from files, with what was found in them.</summary>
/// <param name="Prices">Hourly MCPC per product.</param>
/// <param name="Quality">Rows, duplicates, gaps (missing hours between the first and the last hour), partial hours and notes.</param>
/// <param name="Layouts">One entry per table read: "file : layout".</param>
/// <param name="RealTime">Real-time MCPC on 15-minute intervals when a real-time file was given (NP6-331-CD, NP6-332-CD); null otherwise.</param>
public sealed record AncillaryPriceLoadResult(AncillaryPrices Prices, DataQualityReport Quality, IReadOnlyList<string> Layouts, AncillaryRealTimePrices? RealTime = null);

/// <summary>
/// Reads ERCOT ancillary-service clearing prices (MCPC, USD per MW per hour) in the layouts users have, from CSV files
/// or zips of CSVs:
/// <list type="bullet">
/// <item>long, one row per hour and product: NP4-188-CD <c>DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag</c> (also the
/// Public API's field names, which are the same in another case);</item>
/// <item>wide, one row per hour: NP4-181-ER <c>Delivery Date,Hour Ending,Repeated Hour Flag,REGDN,REGUP ,RRS,NSPIN[,ECRS]</c>
/// (header names are trimmed, so "REGUP " is REGUP) and the same with snake_case names
/// (<c>delivery_date,hour_ending,repeated_hour_flag,regdn,...</c>), optionally with an <c>interval_start_utc</c> column
/// that must agree with the delivery date and hour;</item>
/// <item>real-time MCPC (from the 5 Dec 2025 RTC+B go-live), long: NP6-331-CD, the 15-minute settlement price,
/// <c>DeliveryDate,DeliveryHour,DeliveryInterval,RepeatedHourFlag,ASType,MCPC</c> (interval 1..4 of the hour ending), and
/// NP6-332-CD, one row per SCED run and product, <c>SCEDTimestamp,RepeatedHourFlag,ASType,MCPC</c> (or
/// <c>CappedMCPC,UncappedMCPC</c>: the capped price is read), whose runs are averaged over the 15-minute interval they
/// fall in. Where both give an interval, NP6-331-CD is used. Real-time prices price awards not delivered; the DAM MCPC
/// pays the awards, so a day-ahead file is always needed.</item>
/// </list>
/// Times are Central Prevailing Time hour-ending: hour ending h of day D starts at (h−1):00 CPT. On the fall-back day
/// the repeated hour ending 02 is told apart by the flag (Y/true = the second, CST occurrence); a file without a flag
/// column takes the second row of that hour as the repeated one. Hour ending 03 of the spring-forward day does not
/// exist and is rejected. A blank price is "no price" (ECRS is blank before 10 June 2023); a price that is not a number
/// or is negative stops the load with the file, line, column and value; a price above the $5,000/MW-h cap is kept with a
/// warning; the same hour and product twice with different prices stops the load, twice with the same price is
/// counted as a duplicate.
/// </summary>
public static class AncillaryPriceLoader
{
    /// <summary>Prices above this (USD/MW-h, the AS offer cap) are kept and reported as implausible.</summary>
    public const double PlausibleMaxUsdPerMwHour = 5000;

    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly string[] DateFormats = ["MM/dd/yyyy", "M/d/yyyy", "yyyy-MM-dd", "MM/dd/yyyy HH:mm:ss", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>Loads and merges the files (CSV or zip of CSVs).</summary>
    /// <exception cref="DataFormatException">A file cannot be read as an AS price file; the message names the file, line, column and value.</exception>
    public static AncillaryPriceLoadResult Load(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new ArgumentException("No AS price file given.", nameof(paths));
        var session = new Session();
        foreach (var path in paths)
        {
            if (!File.Exists(path)) throw new DataFormatException("AS price file not found", path);
            if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var zip = ZipFile.OpenRead(path);
                int read = 0;
                foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).OrderBy(e => e.FullName, StringComparer.Ordinal))
                {
                    using var stream = entry.Open();
                    using var reader = new StreamReader(stream);
                    session.ReadTable(reader, $"{path} [{entry.FullName}]");
                    read++;
                }
                if (read == 0) throw new DataFormatException("the zip holds no CSV file", path);
            }
            else
            {
                using var reader = new StreamReader(path);
                session.ReadTable(reader, path);
            }
        }
        return session.Finish(string.Join(", ", paths.Select(Path.GetFileName)));
    }

    private sealed class Session
    {
        private readonly Dictionary<(long Hour, AncillaryProduct Product), (double Price, string Where)> _values = [];
        private readonly Dictionary<AncillaryProduct, int> _blank = [];
        private readonly List<string> _layouts = [];
        private readonly List<string> _notes = [];
        private readonly CentralTime _time = new();
        private int _rows, _duplicates, _aboveCap;
        private readonly Dictionary<(long Quarter, AncillaryProduct Product), (double Price, string Where)> _rtSettlement = [];
        private readonly Dictionary<(long Quarter, AncillaryProduct Product), (double Sum, int Runs)> _rtSced = [];
        private int _rtRows, _rtBeforeGoLive;

        /// <summary>NP6-331-CD (15-minute settlement MCPC) or NP6-332-CD (MCPC per SCED run), long, one row per product.</summary>
        private void ReadRealTime(TextReader reader, string file, int line, string header, string[] names, int sced, int date, int hour, int quarter, int flag)
        {
            int Col(params string[] keys) => Array.FindIndex(names, n => keys.Contains(n));
            int type = Col("astype", "ancillarytype"), mcpc = Col("mcpc", "cappedmcpc");
            bool isSced = sced >= 0;
            if (type < 0 || mcpc < 0)
                throw new DataFormatException($"not a real-time AS price file: the header needs ASType and MCPC (or CappedMCPC) columns (found: {header.Trim()})", file, line);
            string[] header0 = Split(header);
            string ColName(int i) => header0[i].Trim();
            _layouts.Add($"{file} : " + (isSced
                ? "AS real-time long per SCED run (NP6-332-CD: SCEDTimestamp, ASType, MCPC), averaged per 15-minute interval"
                : "AS real-time long per 15-minute settlement interval (NP6-331-CD: DeliveryDate, DeliveryHour, DeliveryInterval, ASType, MCPC)"));
            while (NextRow(reader, file, ref line, names.Length) is { } f)
            {
                _rtRows++;
                bool? repeated = flag >= 0 ? ParseFlag(f[flag], file, line, ColName(flag)) : null;
                DateOnly day;
                int minute;
                string timeColumn, timeValue;
                if (isSced)
                {
                    timeColumn = ColName(sced);
                    timeValue = f[sced];
                    if (!DateTime.TryParseExact(f[sced].Trim(), ["MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss"], Ci, DateTimeStyles.None, out var local))
                        throw new DataFormatException("not a SCED timestamp (expected MM/dd/yyyy HH:mm:ss, Central Prevailing Time)", file, line, timeColumn, timeValue);
                    day = DateOnly.FromDateTime(local);
                    minute = local.Hour * 60 + local.Minute;
                    minute -= minute % 15;
                }
                else
                {
                    timeColumn = ColName(quarter);
                    timeValue = f[quarter];
                    if (!DateOnly.TryParseExact(f[date].Trim(), DateFormats, Ci, DateTimeStyles.None, out day))
                        throw new DataFormatException("not a date (expected MM/dd/yyyy or yyyy-MM-dd)", file, line, ColName(date), f[date]);
                    int he = ParseHourEnding(f[hour], file, line, ColName(hour));
                    if (!int.TryParse(f[quarter].Trim(), NumberStyles.None, Ci, out int q) || q is < 1 or > 4)
                        throw new DataFormatException("not a delivery interval (expected 1..4, the quarter hour of the hour ending)", file, line, timeColumn, timeValue);
                    minute = (he - 1) * 60 + (q - 1) * 15;
                }
                switch (_time.ToUtc(day, minute, repeated, out long ticks))
                {
                    case LocalConversion.Ok: break;
                    case LocalConversion.Invalid:
                        throw new DataFormatException(string.Create(Ci, $"{day:yyyy-MM-dd} {minute / 60:00}:{minute % 60:00} does not exist in Central Prevailing Time (spring-forward day)"),
                            file, line, timeColumn, timeValue);
                    case LocalConversion.FlagOnUnrepeatedTime:
                        throw new DataFormatException(string.Create(Ci, $"the repeated-hour flag is set but {day:yyyy-MM-dd} {minute / 60:00}:{minute % 60:00} is not in the repeated fall-back hour"),
                            file, line, ColName(flag), f[flag]);
                    default:
                        throw new DataFormatException("time out of the day", file, line, timeColumn, timeValue);
                }
                if (!AncillaryProducts.TryParse(f[type], out var product))
                    throw new DataFormatException("unknown AS type (expected REGUP, REGDN, RRS, ECRS or NSPIN)", file, line, ColName(type), f[type]);
                string raw = f[mcpc].Trim();
                if (raw.Length == 0) continue;
                if (!double.TryParse(raw, NumberStyles.Float, Ci, out double v) || !double.IsFinite(v))
                    throw new DataFormatException("not a number (expected a price in $/MW per hour with a decimal point)", file, line, ColName(mcpc), f[mcpc]);
                if (v < 0) throw new DataFormatException("an AS clearing price cannot be negative", file, line, ColName(mcpc), f[mcpc]);
                if (v > PlausibleMaxUsdPerMwHour) _aboveCap++;
                if (day < AncillaryProducts.RealTimeCoOptimizationStart) _rtBeforeGoLive++;
                if (isSced)
                {
                    var old = _rtSced.GetValueOrDefault((ticks, product));
                    _rtSced[(ticks, product)] = (old.Sum + v, old.Runs + 1);
                }
                else if (_rtSettlement.TryGetValue((ticks, product), out var old))
                {
                    if (old.Price != v)
                        throw new DataFormatException(string.Create(Ci,
                            $"real-time {AncillaryProducts.Code(product)} for the interval starting {new DateTime(ticks, DateTimeKind.Utc):yyyy-MM-dd'T'HH:mm'Z'} is given twice with different prices ({old.Price} at {old.Where})"),
                            file, line, ColName(mcpc), f[mcpc]);
                    _duplicates++;
                }
                else _rtSettlement[(ticks, product)] = (v, string.Create(Ci, $"{file}, line {line}"));
            }
        }

        private AncillaryRealTimePrices? RealTime()
        {
            var values = new Dictionary<(long Quarter, AncillaryProduct Product), double>();
            foreach (var (key, x) in _rtSced) values[key] = x.Sum / x.Runs;
            foreach (var (key, x) in _rtSettlement) values[key] = x.Price;
            if (values.Count == 0) return null;
            var quarters = values.Keys.Select(k => k.Quarter).Distinct().Order().ToArray();
            var prices = new Dictionary<AncillaryProduct, double[]>();
            foreach (var p in values.Keys.Select(k => k.Product).Distinct().OrderBy(p => p))
            {
                var v = new double[quarters.Length];
                for (int i = 0; i < quarters.Length; i++) v[i] = values.TryGetValue((quarters[i], p), out double x) ? x : double.NaN;
                prices[p] = v;
            }
            var starts = quarters.Select(q => new DateTime(q, DateTimeKind.Utc)).ToArray();
            long step = TimeSpan.FromHours(AncillaryRealTimePrices.IntervalHours).Ticks;
            long missing = (quarters[^1] - quarters[0]) / step + 1 - quarters.Length;
            string note = string.Create(Ci, $"real-time MCPC: {quarters.Length:#,0} 15-minute interval(s) {starts[0]:yyyy-MM-dd'T'HH:mm'Z'}..{starts[^1]:yyyy-MM-dd'T'HH:mm'Z'} from {_rtRows:#,0} row(s)");
            if (_rtSced.Count > 0) note += "; SCED runs averaged per interval";
            if (missing > 0) note += string.Create(Ci, $"; {missing:#,0} interval(s) missing between them (an award not delivered there is priced at the DAM MCPC + the shortfall charge)");
            _notes.Add(note + "; they price AS awards not delivered");
            if (_rtBeforeGoLive > 0)
                _notes.Add(string.Create(Ci, $"warning: {_rtBeforeGoLive:#,0} real-time MCPC row(s) are dated before the RTC+B go-live (5 Dec 2025), when ERCOT had no real-time AS prices; kept as given, check the files"));
            return new AncillaryRealTimePrices(starts, prices);
        }

        public void ReadTable(TextReader reader, string file)
        {
            string? header = reader.ReadLine();
            int line = 1;
            while (header is not null && header.Trim().Length == 0) { header = reader.ReadLine(); line++; }
            if (header is null) throw new DataFormatException("the file is empty", file);
            var names = Split(header.TrimStart('\uFEFF')).Select(Normalize).ToArray();
            int Col(params string[] keys) => Array.FindIndex(names, n => keys.Contains(n));
            int date = Col("deliverydate", "operatingday", "oprday"), hour = Col("hourending", "deliveryhour");
            int flag = Col("repeatedhourflag", "dstflag");
            int utc = Col("intervalstartutc");
            int sced = Col("scedtimestamp"), quarter = Col("deliveryinterval");
            if (sced >= 0 || (quarter >= 0 && date >= 0 && hour >= 0))
            {
                ReadRealTime(reader, file, line, header, names, sced, date, hour, quarter, flag);
                return;
            }
            if (date < 0 || hour < 0)
                throw new DataFormatException($"not an AS price file: the header needs a delivery date and an hour ending column (found: {header.Trim()})", file, line);
            int type = Col("ancillarytype", "astype"), mcpc = Col("mcpc");
            var products = new List<(int Col, AncillaryProduct Product)>();
            if (type < 0)
                for (int i = 0; i < names.Length; i++)
                    if (i != date && i != hour && i != flag && i != utc && AncillaryProducts.TryParse(names[i], out var p)) products.Add((i, p));
            bool isLong = type >= 0 && mcpc >= 0;
            if (!isLong && products.Count == 0)
                throw new DataFormatException($"not an AS price file: no AncillaryType/MCPC columns and no product column (REGUP, REGDN, RRS, ECRS, NSPIN) in the header ({header.Trim()})", file, line);
            _layouts.Add($"{file} : " + (isLong ? "AS long (NP4-188-CD: DeliveryDate, HourEnding, AncillaryType, MCPC)" :
                "AS wide (" + string.Join(", ", products.Select(x => AncillaryProducts.Code(x.Product))) + (flag >= 0 ? ", repeated-hour flag" : "") + ")"));
            string[] header0 = Split(header);
            string ColName(int i) => header0[i].Trim();
            var seenFlagless = new HashSet<(DateOnly, int, int)>();

            while (NextRow(reader, file, ref line, names.Length) is { } f)
            {
                _rows++;
                if (!DateOnly.TryParseExact(f[date].Trim(), DateFormats, Ci, DateTimeStyles.None, out var day))
                    throw new DataFormatException("not a date (expected MM/dd/yyyy or yyyy-MM-dd)", file, line, ColName(date), f[date]);
                int he = ParseHourEnding(f[hour], file, line, ColName(hour));
                bool? repeated = flag >= 0 ? ParseFlag(f[flag], file, line, ColName(flag)) : null;
                int productKey = isLong ? -1 : 0;
                AncillaryProduct longProduct = default;
                if (isLong)
                {
                    if (!AncillaryProducts.TryParse(f[type], out longProduct))
                        throw new DataFormatException("unknown ancillary type (expected REGUP, REGDN, RRS, ECRS or NSPIN)", file, line, ColName(type), f[type]);
                    productKey = (int)longProduct;
                }
                if (flag < 0 && _time.IsFallBackDay(day) && he == 2)
                    repeated = !seenFlagless.Add((day, he, productKey));
                var conv = _time.ToUtc(day, (he - 1) * 60, repeated, out long ticks);
                switch (conv)
                {
                    case LocalConversion.Ok: break;
                    case LocalConversion.Invalid:
                        throw new DataFormatException(string.Create(Ci,
                            $"hour ending {he:00} of {day:yyyy-MM-dd} does not exist in Central Prevailing Time (spring-forward day: clocks go from 02:00 to 03:00, so hour ending 03 is skipped)"),
                            file, line, ColName(hour), f[hour]);
                    case LocalConversion.FlagOnUnrepeatedTime:
                        throw new DataFormatException(string.Create(Ci, $"the repeated-hour flag is set but hour ending {he:00} of {day:yyyy-MM-dd} is not the repeated fall-back hour"),
                            file, line, ColName(flag), f[flag]);
                    default:
                        throw new DataFormatException("hour ending out of the day", file, line, ColName(hour), f[hour]);
                }
                if (utc >= 0)
                {
                    if (!DateTime.TryParse(f[utc].Trim(), Ci, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var given))
                        throw new DataFormatException("not a UTC time", file, line, ColName(utc), f[utc]);
                    if (given.Ticks != ticks)
                        throw new DataFormatException(string.Create(Ci,
                            $"the UTC start disagrees with delivery date {day:yyyy-MM-dd} hour ending {he:00}, which starts at {new DateTime(ticks, DateTimeKind.Utc):yyyy-MM-dd'T'HH:mm'Z'}"),
                            file, line, ColName(utc), f[utc]);
                }
                if (isLong) Add(ticks, longProduct, f[mcpc], file, line, ColName(mcpc), day);
                else foreach (var (c, p) in products) Add(ticks, p, f[c], file, line, ColName(c), day);
            }
        }

        private void Add(long ticks, AncillaryProduct p, string raw, string file, int line, string column, DateOnly day)
        {
            string s = raw.Trim();
            if (s.Length == 0)
            {
                if (p != AncillaryProduct.Ecrs || day >= AncillaryProducts.EcrsStart) _blank[p] = _blank.GetValueOrDefault(p) + 1;
                return;
            }
            if (!double.TryParse(s, NumberStyles.Float, Ci, out double v) || !double.IsFinite(v))
                throw new DataFormatException("not a number (expected a price in $/MW per hour with a decimal point)", file, line, column, raw);
            if (v < 0) throw new DataFormatException("an AS clearing price cannot be negative", file, line, column, raw);
            if (v > PlausibleMaxUsdPerMwHour) _aboveCap++;
            string where = string.Create(Ci, $"{file}, line {line}");
            if (_values.TryGetValue((ticks, p), out var old))
            {
                if (old.Price != v)
                    throw new DataFormatException(string.Create(Ci,
                        $"{AncillaryProducts.Code(p)} for the hour starting {new DateTime(ticks, DateTimeKind.Utc):yyyy-MM-dd'T'HH:mm'Z'} is given twice with different prices ({old.Price} at {old.Where})"),
                        file, line, column, raw);
                _duplicates++;
                return;
            }
            _values[(ticks, p)] = (v, where);
        }

        public AncillaryPriceLoadResult Finish(string source)
        {
            var realTime = RealTime();
            var hours = _values.Keys.Select(k => k.Hour).Distinct().Order().ToArray();
            if (hours.Length == 0)
                throw new DataFormatException(realTime is null ? "no AS price in the files"
                    : "no day-ahead AS price in the files: real-time MCPC (NP6-331-CD, NP6-332-CD) only price awards not delivered; give the DAM MCPC (NP4-188-CD or NP4-181-ER) too", source);
            var products = _values.Keys.Select(k => k.Product).Distinct().OrderBy(p => p).ToArray();
            var starts = hours.Select(h => new DateTime(h, DateTimeKind.Utc)).ToArray();
            var prices = new Dictionary<AncillaryProduct, double[]>();
            foreach (var p in products)
            {
                var v = new double[hours.Length];
                for (int i = 0; i < hours.Length; i++) v[i] = _values.TryGetValue((hours[i], p), out var x) ? x.Price : double.NaN;
                prices[p] = v;
            }
            // Partial hours: some product has a price in the hour but another (which should have one) has not.
            int partial = 0;
            var clock = Core.Time.MarketClock.Ercot;
            for (int i = 0; i < hours.Length; i++)
            {
                bool ecrsDue = clock.MarketDay(starts[i]) >= AncillaryProducts.EcrsStart;
                if (products.Any(p => (p != AncillaryProduct.Ecrs || ecrsDue) && double.IsNaN(prices[p][i]))) partial++;
            }
            var gaps = new List<DataGap>();
            for (int i = 1; i < hours.Length; i++)
            {
                long missing = (hours[i] - hours[i - 1]) / TimeSpan.TicksPerHour - 1;
                if (missing > 0) gaps.Add(new DataGap(starts[i - 1].AddHours(1), starts[i], (int)missing));
            }
            foreach (var (p, n) in _blank.OrderBy(kv => kv.Key))
                _notes.Add(string.Create(Ci, $"{n:#,0} blank {AncillaryProducts.Code(p)} price(s): no price in those hours (nothing offered in {AncillaryProducts.Code(p)} then)"));
            if (_aboveCap > 0)
                _notes.Add(string.Create(Ci, $"warning: {_aboveCap:#,0} price(s) above ${PlausibleMaxUsdPerMwHour:#,0}/MW-h (the AS offer cap) kept as given; check the files"));
            if (gaps.Count > 0)
                _notes.Add(string.Create(Ci, $"{gaps.Count} gap(s), {gaps.Sum(g => g.MissingIntervals):#,0} missing hour(s): no AS income can be earned in them"));
            var clockDays = (clock.MarketDay(starts[0]), clock.MarketDay(starts[^1]));
            if (clockDays.Item2 >= AncillaryProducts.RealTimeCoOptimizationStart)
                _notes.Add("day-ahead MCPC from 5 Dec 2025 on are in the real-time co-optimization (RTC+B) regime; earlier ones are not");
            var quality = new DataQualityReport(source, "AS clearing prices (DAM MCPC, $/MW-h): " + string.Join(", ", products.Select(AncillaryProducts.Code)),
                _rows + _rtRows, _rows + _rtRows, _duplicates, gaps, partial, 0, _notes);
            return new AncillaryPriceLoadResult(new AncillaryPrices(starts, prices, AncillaryPriceMarket.DayAhead, source), quality, _layouts, realTime);
        }

        private static int ParseHourEnding(string raw, string file, int line, string column)
        {
            string s = raw.Trim();
            int colon = s.IndexOf(':', StringComparison.Ordinal);
            bool ok;
            int he;
            if (colon >= 0) ok = int.TryParse(s.AsSpan(0, colon), NumberStyles.None, Ci, out he) && s[(colon + 1)..].Trim() is "00" or "0";
            else ok = int.TryParse(s, NumberStyles.None, Ci, out he);
            if (!ok || he is < 1 or > 24)
                throw new DataFormatException("not an hour ending (expected 1..24 or 01:00..24:00)", file, line, column, raw);
            return he;
        }

        private static bool ParseFlag(string raw, string file, int line, string column) => raw.Trim().ToUpperInvariant() switch
        {
            "Y" or "TRUE" or "YES" => true,
            "N" or "FALSE" or "NO" or "" => false,
            _ => throw new DataFormatException("not a repeated-hour flag (expected Y/N or true/false)", file, line, column, raw),
        };
    }

    private static string Normalize(string name) =>
        name.Trim().Trim('"').Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>The fields of the next non-blank row (null at the end), <paramref name="line"/> advanced past it; a row with fewer fields than the header is an error naming its line.</summary>
    private static string[]? NextRow(TextReader reader, string file, ref int line, int headerFields)
    {
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (text.Trim().Length == 0) continue;
            var f = Split(text);
            if (f.Length < headerFields)
                throw new DataFormatException(string.Create(Ci, $"the row has {f.Length} fields but the header has {headerFields}"), file, line, value: text);
            return f;
        }
        return null;
    }

    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else quoted = !quoted;
            }
            else if (c == ',' && !quoted) { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return [.. fields];
    }
}
