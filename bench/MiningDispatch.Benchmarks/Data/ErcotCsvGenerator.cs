using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MiningDispatch.Benchmarks.Data;

/// <summary>A generated price file and what it holds.</summary>
internal sealed record GeneratedFile(string Path, long Bytes, long Rows, int Points, DateOnly FirstDay, int Days, double GenerationSeconds)
{
    public DateOnly LastDay => FirstDay.AddDays(Days - 1);
    public double Gigabytes => Bytes / 1e9;
}

/// <summary>
/// Writes an NP6-905-CD layout CSV (real-time settlement point prices, 15-minute) as a year of ERCOT's per-interval
/// files concatenated under one header: <c>DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,
/// SettlementPointType,SettlementPointPrice,DSTFlag</c>, every point for each interval, intervals in time order.
/// Market days are Central Prevailing Time: the spring-forward day has no hour ending 3 (92 intervals), the
/// fall-back day has hour ending 2 twice, the second with DSTFlag Y (100 intervals). Days are generated on every core
/// and written in order; output is deterministic for a given model, point list and day range.
/// <para>
/// Two layouts: unquoted, and quoted as ERCOT's MIS CSVs are (every field and the header in double quotes:
/// <c>"01/01/2023","1","1","HB_WEST","HU","23.45","N"</c>); the same rows and prices in both.
/// </para>
/// </summary>
internal static class ErcotCsvGenerator
{
    public const string Header = "DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag";

    /// <summary>The header with every column name quoted.</summary>
    public static string QuotedHeader => "\"" + Header.Replace(",", "\",\"", StringComparison.Ordinal) + "\"";

    /// <summary>Bytes of one 96-interval day for these points.</summary>
    public static int BytesPerDay(PriceModel model, IReadOnlyList<SettlementPointSpec> points, bool quoted = false)
    {
        var w = new DayWriter(model, points, quoted);
        var day = model.FirstDay;
        while (DaySlots(model, day).Count != 96) day = day.AddDays(1);
        return w.Write(day);
    }

    /// <summary>Writes days [firstDay, firstDay + days) of the model to <paramref name="path"/> unless a complete copy is already there.</summary>
    public static GeneratedFile Ensure(string path, PriceModel model, IReadOnlyList<SettlementPointSpec> points, int days, Action<string>? log = null, bool quoted = false)
    {
        if (days > model.Days) throw new ArgumentOutOfRangeException(nameof(days), days, $"The price model covers {model.Days} days.");
        long rows = 0;
        for (int d = 0; d < days; d++) rows += (long)DaySlots(model, model.FirstDay.AddDays(d)).Count * points.Count;
        string marker = path + ".ok";
        if (File.Exists(path) && File.Exists(marker)
            && long.TryParse(File.ReadAllText(marker).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long expected)
            && new FileInfo(path).Length == expected)
        {
            return new GeneratedFile(path, expected, rows, points.Count, model.FirstDay, days, 0);
        }
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        File.Delete(marker);
        var sw = Stopwatch.StartNew();
        string temp = path + ".tmp";
        int workers = Environment.ProcessorCount;
        int batch = 2 * workers;
        var writers = new DayWriter[batch];
        for (int i = 0; i < batch; i++) writers[i] = new DayWriter(model, points, quoted);
        var lengths = new int[batch];
        using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var header = Encoding.ASCII.GetBytes((quoted ? QuotedHeader : Header) + "\n");
            fs.Write(header);
            for (int d0 = 0; d0 < days; d0 += batch)
            {
                int count = Math.Min(batch, days - d0);
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers },
                    k => lengths[k] = writers[k].Write(model.FirstDay.AddDays(d0 + k)));
                for (int k = 0; k < count; k++) fs.Write(writers[k].Buffer, 0, lengths[k]);
                if (log is not null && (d0 / batch) % 25 == 0 && d0 > 0)
                    log(string.Create(CultureInfo.InvariantCulture, $"  {d0}/{days} days, {fs.Length / 1e9:0.00} GB"));
            }
        }
        File.Move(temp, path, overwrite: true);
        long bytes = new FileInfo(path).Length;
        File.WriteAllText(marker, bytes.ToString(CultureInfo.InvariantCulture));
        return new GeneratedFile(path, bytes, rows, points.Count, model.FirstDay, days, sw.Elapsed.TotalSeconds);
    }

    /// <summary>One 15-minute interval of a market day as ERCOT labels it.</summary>
    internal readonly record struct Slot(int IntervalIndex, int HourEnding, int Quarter, bool Repeated);

    /// <summary>The intervals of a market day in time order: index into the model's series, hour ending, interval, DST flag.</summary>
    internal static List<Slot> DaySlots(PriceModel model, DateOnly day)
    {
        var start = PriceModel.DayStartUtc(day);
        var end = PriceModel.DayStartUtc(day.AddDays(1));
        var slots = new List<Slot>(100);
        for (var utc = start; utc < end; utc += PriceModel.Interval)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(utc, PriceModel.Central);
            bool repeated = PriceModel.Central.IsAmbiguousTime(local) && !PriceModel.Central.IsDaylightSavingTime(utc);
            int index = (int)((utc - model.StartUtc).Ticks / PriceModel.Interval.Ticks);
            slots.Add(new Slot(index, local.Hour + 1, local.Minute / 15 + 1, repeated));
        }
        return slots;
    }

    /// <summary>Formats one market day into a reusable buffer.</summary>
    private sealed class DayWriter
    {
        private readonly PriceModel _model;
        private readonly IReadOnlyList<SettlementPointSpec> _points;
        private readonly int[] _hubs;
        private readonly long[] _cents;
        private readonly bool _quoted;

        public DayWriter(PriceModel model, IReadOnlyList<SettlementPointSpec> points, bool quoted)
        {
            _model = model;
            _points = points;
            _quoted = quoted;
            _hubs = SettlementPointCatalog.TradingHubs.Select(h => points.ToList().FindIndex(p => p.Name == h)).ToArray();
            _cents = new long[points.Count];
            int max = points.Max(p => p.QuotedMiddle.Length);
            Buffer = new byte[100 * points.Count * (max + 32)];
        }

        public byte[] Buffer { get; }

        public int Write(DateOnly day)
        {
            Span<byte> date = stackalloc byte[11];
            Span<byte> prefix = stackalloc byte[24];
            FormatDate(day, date);
            bool q = _quoted;
            int pos = 0;
            var buf = Buffer;
            foreach (var slot in DaySlots(_model, day))
            {
                Prices(slot.IntervalIndex);
                // Unquoted: MM/DD/YYYY,HE,Q  — quoted: "MM/DD/YYYY","HE","Q
                int pl = 0;
                if (q) prefix[pl++] = (byte)'"';
                date[..10].CopyTo(prefix[pl..]);
                pl += 10;
                if (q) prefix[pl++] = (byte)'"';
                prefix[pl++] = (byte)',';
                if (q) prefix[pl++] = (byte)'"';
                pl += WriteInt(slot.HourEnding, prefix[pl..]);
                if (q) prefix[pl++] = (byte)'"';
                prefix[pl++] = (byte)',';
                if (q) prefix[pl++] = (byte)'"';
                prefix[pl++] = (byte)('0' + slot.Quarter);
                var pre = prefix[..pl];
                byte flag = slot.Repeated ? (byte)'Y' : (byte)'N';
                for (int p = 0; p < _points.Count; p++)
                {
                    pre.CopyTo(buf.AsSpan(pos));
                    pos += pl;
                    var mid = q ? _points[p].QuotedMiddle : _points[p].Middle;
                    mid.CopyTo(buf.AsSpan(pos));
                    pos += mid.Length;
                    pos += WriteCents(_cents[p], buf.AsSpan(pos));
                    if (q) buf[pos++] = (byte)'"';
                    buf[pos++] = (byte)',';
                    if (q) buf[pos++] = (byte)'"';
                    buf[pos++] = flag;
                    if (q) buf[pos++] = (byte)'"';
                    buf[pos++] = (byte)'\n';
                }
            }
            return pos;
        }

        private void Prices(int t)
        {
            double s = _model.SystemPrice[t];
            ulong seed = _model.Seed;
            for (int p = 0; p < _points.Count; p++)
            {
                var sp = _points[p];
                if (sp.Kind != PointKind.Regular) continue;
                double v = s * sp.Scale + sp.Basis + sp.Noise * (2 * Rng.Hash01(seed, (ulong)p, (ulong)t) - 1);
                if (sp.Noise >= 2)
                {
                    double c = Rng.Hash01(seed ^ 0xC0FFEE, (ulong)p, (ulong)t);
                    if (c < 0.004) v += (c < 0.002 ? -1 : 1) * (10 + 140 * (c % 0.002) / 0.002);
                }
                _cents[p] = (long)Math.Round(v * 100, MidpointRounding.AwayFromZero);
            }
            long houston = _cents[_hubs[0]], north = _cents[_hubs[1]], pan = _cents[_hubs[2]], south = _cents[_hubs[3]], west = _cents[_hubs[4]];
            for (int p = 0; p < _points.Count; p++)
            {
                switch (_points[p].Kind)
                {
                    case PointKind.HubAverage:
                        _cents[p] = (long)Math.Round((houston + north + south + west) / 4.0, MidpointRounding.AwayFromZero);
                        break;
                    case PointKind.BusAverage:
                        _cents[p] = (long)Math.Round((houston + north + pan + south + west) / 5.0, MidpointRounding.AwayFromZero);
                        break;
                }
            }
        }

        private static void FormatDate(DateOnly d, Span<byte> dst)
        {
            dst[0] = (byte)('0' + d.Month / 10); dst[1] = (byte)('0' + d.Month % 10); dst[2] = (byte)'/';
            dst[3] = (byte)('0' + d.Day / 10); dst[4] = (byte)('0' + d.Day % 10); dst[5] = (byte)'/';
            int y = d.Year;
            dst[6] = (byte)('0' + y / 1000); dst[7] = (byte)('0' + y / 100 % 10); dst[8] = (byte)('0' + y / 10 % 10); dst[9] = (byte)('0' + y % 10);
            dst[10] = (byte)',';
        }

        private static int WriteInt(long v, Span<byte> dst)
        {
            Span<byte> tmp = stackalloc byte[20];
            int n = 0;
            do { tmp[n++] = (byte)('0' + v % 10); v /= 10; } while (v > 0);
            for (int i = 0; i < n; i++) dst[i] = tmp[n - 1 - i];
            return n;
        }

        private static int WriteCents(long cents, Span<byte> dst)
        {
            int pos = 0;
            if (cents < 0) { dst[pos++] = (byte)'-'; cents = -cents; }
            pos += WriteInt(cents / 100, dst[pos..]);
            dst[pos++] = (byte)'.';
            long frac = cents % 100;
            dst[pos++] = (byte)('0' + frac / 10);
            dst[pos++] = (byte)('0' + frac % 10);
            return pos;
        }
    }
}
