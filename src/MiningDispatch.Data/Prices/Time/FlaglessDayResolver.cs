using System.Globalization;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// Places rows of files that carry no repeated-hour flag. Ordinary days convert at once; rows of a fall-back day are
/// kept until the table ends, then resolved the way gridstatus does: if the day has an hour 25 every hour-ending
/// counts elapsed hours (HE3 = the repeated 01:00 CST hour); otherwise the first occurrence of a repeated wall time
/// is CDT and the second CST, and a repeated hour that appears only once is CDT with the CST hour left as a gap.
/// </summary>
internal sealed class FlaglessDayResolver
{
    private readonly CentralTime _time;
    private readonly Dictionary<DateOnly, List<Pending>> _fallBackRows = [];

    public FlaglessDayResolver(CentralTime time) => _time = time;

    private readonly record struct Pending(int MinuteOfDay, int Minutes, double Price, int Line, PriceMarket? Market, long ShiftTicks);

    /// <summary>
    /// Converts or defers one row. <paramref name="minuteOfDay"/> may reach 24:00+ for hour 25. The resolved instant is
    /// moved by <paramref name="shiftTicks"/> (e.g. -1 h when the wall time given is an hour END).
    /// </summary>
    public LocalConversion Add(DateOnly day, int minuteOfDay, int minutes, double price, int line, PriceMarket? market, long shiftTicks, out long utcTicks)
    {
        utcTicks = 0;
        if (_time.IsFallBackDay(day))
        {
            if (minuteOfDay < 0 || minuteOfDay >= 25 * 60) return LocalConversion.HourOutOfDay;
            if (!_fallBackRows.TryGetValue(day, out var list)) _fallBackRows[day] = list = [];
            list.Add(new Pending(minuteOfDay, minutes, price, line, market, shiftTicks));
            return LocalConversion.Deferred;
        }
        var r = _time.ToUtc(day, minuteOfDay, null, out utcTicks);
        utcTicks += shiftTicks;
        return r;
    }

    /// <summary>Resolves the kept fall-back days, emitting (utc ticks, minutes, price, line, market).</summary>
    public void Flush(Action<long, int, double, int, PriceMarket?> emit, ICollection<string> notes, string source)
    {
        foreach (var (day, rows) in _fallBackRows.OrderBy(p => p.Key))
        {
            long midnight = _time.MidnightUtcTicks(day);
            bool hour25 = rows.Exists(r => r.MinuteOfDay >= 24 * 60);
            if (hour25)
            {
                // hour ending h is the h-th elapsed hour of the 25-hour day
                foreach (var r in rows) emit(midnight + r.MinuteOfDay * TimeSpan.TicksPerMinute + r.ShiftTicks, r.Minutes, r.Price, r.Line, r.Market);
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: fall-back day {day:yyyy-MM-dd} uses hours 1..25 without a flag; hour-ending 3..25 read as elapsed hours (HE3 = 01:00-02:00 CST)."));
                continue;
            }
            var seen = new Dictionary<int, int>();
            bool singleRepeat = false;
            foreach (var r in rows)
            {
                bool ambiguous = _time.IsAmbiguous(day, r.MinuteOfDay);
                int count = seen.TryGetValue(r.MinuteOfDay, out int c) ? c : 0;
                seen[r.MinuteOfDay] = count + 1;
                _time.ToUtc(day, r.MinuteOfDay, ambiguous ? count > 0 : null, out long ticks);
                emit(ticks + r.ShiftTicks, r.Minutes, r.Price, r.Line, r.Market);
            }
            foreach (var (minute, count) in seen)
            {
                if (count == 1 && _time.IsAmbiguous(day, minute)) singleRepeat = true;
            }
            if (singleRepeat)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: fall-back day {day:yyyy-MM-dd} has the repeated 01:00 hour only once and no flag; it was read as CDT (first occurrence) and the CST hour is left as a gap."));
            }
        }
        _fallBackRows.Clear();
    }
}
