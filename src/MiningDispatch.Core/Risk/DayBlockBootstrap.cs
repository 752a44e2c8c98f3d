using System.Globalization;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Risk;

/// <summary>
/// The calendar work behind the block bootstrap, done once per run: which historical market days are complete, where
/// each local time-of-day slot of a day sits in the history, the target calendar, and the candidate source blocks of
/// every target block. Generating a path is then just index copying.
/// <para>
/// Mapping a source day onto a target day uses the local time of day, so DST days line up: a target interval takes the
/// source interval at the same local time (and the same occurrence on a fall-back day). When the source day lacks that
/// time (its 02:00 hour was skipped) the previous slot is used; when the target repeats a time the source has once
/// (target fall-back day), the source value is used twice.
/// </para>
/// <para>
/// Hashprice never crosses a halving epoch (<see cref="HalvingSchedule"/>): a source interval's hashprice is carried
/// into the epoch of the target interval by the subsidy ratio, hp × subsidy(target epoch) / subsidy(source epoch), so a
/// pre-halving day drawn into a post-halving horizon counts at half its historical hashprice.
/// </para>
/// </summary>
internal sealed class DayBlockBootstrap
{
    private readonly MarketSeries _history;
    private readonly MonteCarloOptions _options;
    private readonly int _slotsPerDay;
    private readonly Dictionary<int, int> _dayRow = new();       // DayNumber → row in _slotIndex
    private readonly int[] _slotIndex;                            // [row, slot, occurrence] → history index
    private readonly int[][] _candidates;                         // per target block: source start DayNumbers
    private readonly int[] _targetDay;                            // per target interval: day offset from StartDay
    private readonly int[] _targetSlot;
    private readonly byte[] _targetOccurrence;
    private readonly int[] _historyEpoch;                         // per history interval: halving epoch of its UTC start
    private readonly int[] _targetEpoch;                          // per target interval

    public DayBlockBootstrap(MarketSeries history, MonteCarloOptions options, MarketClock clock)
    {
        _history = history;
        _options = options;
        Clock = clock;
        double dt = history.IntervalHours;
        double slots = 24.0 / dt;
        if (Math.Abs(slots - Math.Round(slots)) > 1e-9 || (60.0 * dt) != Math.Round(60.0 * dt))
            throw new ArgumentException($"The bootstrap needs an interval that divides the day into whole minutes (got {dt.ToString(CultureInfo.InvariantCulture)} h).");
        _slotsPerDay = (int)Math.Round(slots);

        // 1. Complete market days of the history.
        var complete = new List<(int Day, int First, int Count)>();
        int n = history.Count;
        long step = TimeSpan.FromHours(dt).Ticks;
        for (int i = 0; i < n;)
        {
            var day = clock.MarketDay(history.StartsUtc[i]);
            int j = i;
            while (j < n && clock.MarketDay(history.StartsUtc[j]) == day) j++;
            var start = clock.DayStartUtc(day);
            long expected = (clock.DayStartUtc(day.AddDays(1)) - start).Ticks / step;
            if (j - i == expected && history.StartsUtc[i] == start) complete.Add((day.DayNumber, i, j - i));
            i = j;
        }
        if (complete.Count == 0)
            throw new InsufficientHistoryException("The history has no complete market day (every interval of a Central Prevailing Time day) to bootstrap from.");
        HistoryCompleteDays = complete.Count;
        FirstHistoryDay = DateOnly.FromDayNumber(complete[0].Day);
        LastHistoryDay = DateOnly.FromDayNumber(complete[^1].Day);

        _historyEpoch = new int[n];
        for (int i = 0; i < n; i++) _historyEpoch[i] = HalvingSchedule.Epoch(history.StartsUtc[i]);

        // 2. Slot tables of the complete days.
        _slotIndex = new int[complete.Count * _slotsPerDay * 2];
        Array.Fill(_slotIndex, -1);
        for (int r = 0; r < complete.Count; r++)
        {
            var (dayNumber, first, count) = complete[r];
            _dayRow[dayNumber] = r;
            int baseIdx = r * _slotsPerDay * 2;
            for (int k = first; k < first + count; k++)
            {
                int slot = Slot(clock.ToLocal(history.StartsUtc[k]), dt);
                int at = baseIdx + slot * 2;
                if (_slotIndex[at] < 0) _slotIndex[at] = k;
                else _slotIndex[at + 1] = k;
            }
            // Skipped local times take the previous slot; the first slot, if ever missing, takes the next one.
            for (int s = 0; s < _slotsPerDay; s++)
                if (_slotIndex[baseIdx + s * 2] < 0 && s > 0) _slotIndex[baseIdx + s * 2] = _slotIndex[baseIdx + (s - 1) * 2];
            for (int s = _slotsPerDay - 1; s >= 0; s--)
                if (_slotIndex[baseIdx + s * 2] < 0 && s < _slotsPerDay - 1) _slotIndex[baseIdx + s * 2] = _slotIndex[baseIdx + (s + 1) * 2];
            for (int s = 0; s < _slotsPerDay; s++)
                if (_slotIndex[baseIdx + s * 2 + 1] < 0) _slotIndex[baseIdx + s * 2 + 1] = _slotIndex[baseIdx + s * 2];
        }

        // 3. Valid source block starts: BlockDays consecutive complete days.
        int b = options.BlockDays;
        var starts = new List<int>();
        foreach (var (day, _, _) in complete)
        {
            bool ok = true;
            for (int k = 1; k < b && ok; k++) ok = _dayRow.ContainsKey(day + k);
            if (ok) starts.Add(day);
        }
        if (starts.Count == 0)
            throw new InsufficientHistoryException(string.Format(CultureInfo.InvariantCulture,
                "The history ({0:yyyy-MM-dd} .. {1:yyyy-MM-dd}, {2} complete market days) has no run of {3} consecutive complete days; use shorter blocks or a longer history.",
                FirstHistoryDay, LastHistoryDay, complete.Count, b));

        // 4. Target calendar.
        var lastDay = clock.MarketDay(history.StartsUtc[^1]);
        StartDay = options.StartDay ?? new DateOnly(lastDay.Year, lastDay.Month, 1).AddMonths(1);
        EndDay = StartDay.AddDays(options.HorizonDays - 1);
        var t0 = clock.DayStartUtc(StartDay);
        var t1 = clock.DayStartUtc(EndDay.AddDays(1));
        int m = (int)((t1 - t0).Ticks / step);
        TargetTimes = new DateTime[m];
        _targetDay = new int[m];
        _targetSlot = new int[m];
        _targetOccurrence = new byte[m];
        _targetEpoch = new int[m];
        var seen = new bool[_slotsPerDay];
        int currentDay = -1;
        for (int i = 0; i < m; i++)
        {
            var utc = t0.AddTicks(step * i);
            TargetTimes[i] = utc;
            var local = clock.ToLocal(utc);
            int d = DateOnly.FromDateTime(local).DayNumber - StartDay.DayNumber;
            if (d != currentDay) { Array.Clear(seen); currentDay = d; }
            int slot = Slot(local, dt);
            _targetDay[i] = d;
            _targetSlot[i] = slot;
            _targetOccurrence[i] = (byte)(seen[slot] ? 1 : 0);
            _targetEpoch[i] = HalvingSchedule.Epoch(utc);
            seen[slot] = true;
        }

        // 5. Candidate source blocks for each target block.
        int blocks = (options.HorizonDays + b - 1) / b;
        _candidates = new int[blocks][];
        MinCandidateBlocks = int.MaxValue;
        for (int j = 0; j < blocks; j++)
        {
            var target = StartDay.AddDays(j * b);
            var list = new List<int>();
            foreach (int s in starts)
            {
                var src = DateOnly.FromDayNumber(s);
                if (options.AlignWeekday && src.DayOfWeek != target.DayOfWeek) continue;
                if (options.SeasonalWindowDays is { } w)
                {
                    int dist = Math.Abs(src.DayOfYear - target.DayOfYear);
                    if (Math.Min(dist, 365 - dist) > w) continue;
                }
                list.Add(s);
            }
            if (list.Count == 0)
                throw new InsufficientHistoryException(string.Format(CultureInfo.InvariantCulture,
                    "No {0}-day block of complete history ({1:yyyy-MM-dd} .. {2:yyyy-MM-dd}) starts within {3} days of the year of {4:MM-dd}{5}, needed for the block starting {4:yyyy-MM-dd}. Widen SeasonalWindowDays, turn off AlignWeekday, or give more history.",
                    b, FirstHistoryDay, LastHistoryDay, options.SeasonalWindowDays?.ToString(CultureInfo.InvariantCulture) ?? "any number of",
                    target, options.AlignWeekday ? " on a " + target.DayOfWeek : ""));
            _candidates[j] = list.ToArray();
            MinCandidateBlocks = Math.Min(MinCandidateBlocks, list.Count);
        }
    }

    public MarketClock Clock { get; }
    public DateOnly StartDay { get; }
    public DateOnly EndDay { get; }
    public DateOnly FirstHistoryDay { get; }
    public DateOnly LastHistoryDay { get; }
    public int HistoryCompleteDays { get; }
    public int MinCandidateBlocks { get; }
    /// <summary>UTC starts of the simulated intervals, shared by every path (never mutated).</summary>
    public DateTime[] TargetTimes { get; }

    /// <summary>Fills <paramref name="source"/> with the history index each target interval copies, for path <paramref name="pathIndex"/>.</summary>
    public void Sample(int pathIndex, int[] source)
    {
        var rng = Xoshiro256StarStar.ForStream(_options.Seed, pathIndex);
        int b = _options.BlockDays;
        var blockStart = new int[_candidates.Length];
        for (int j = 0; j < _candidates.Length; j++) blockStart[j] = _candidates[j][rng.NextInt(_candidates[j].Length)];
        for (int i = 0; i < source.Length; i++)
        {
            int d = _targetDay[i];
            int srcDay = blockStart[d / b] + d % b;
            int row = _dayRow[srcDay];
            source[i] = _slotIndex[(row * _slotsPerDay + _targetSlot[i]) * 2 + _targetOccurrence[i]];
        }
    }

    /// <summary>Builds the path's market series from the sampled history indices.</summary>
    public MarketSeries BuildSeries(int[] source)
    {
        int m = source.Length;
        var h = _history;
        var price = new double[m];
        var hp = new double[m];
        var da = h.DayAheadPriceUsdPerMWh is null ? null : new double[m];
        for (int i = 0; i < m; i++)
        {
            price[i] = h.PriceUsdPerMWh[source[i]];
            if (da is not null) da[i] = h.DayAheadPriceUsdPerMWh![source[i]];
        }
        if (_options.Hashprice == HashpriceSampling.HistoricalLevels)
        {
            for (int i = 0; i < m; i++) hp[i] = EpochHashprice(source[i], _targetEpoch[i]);
        }
        else
        {
            // Relative changes are taken on hashprice carried into one epoch, so a halving in the history is no move.
            double level = _options.StartHashpriceUsdPerThDay ?? EpochHashprice(h.Count - 1, _targetEpoch[0]);
            long step = TimeSpan.FromHours(h.IntervalHours).Ticks;
            hp[0] = level;
            for (int i = 1; i < m; i++)
            {
                int s = source[i];
                double ratio = 1.0;
                if (s != source[i - 1] && s > 0 && h.StartsUtc[s].Ticks - h.StartsUtc[s - 1].Ticks == step && h.HashpriceUsdPerThDay[s - 1] > 0)
                    ratio = EpochHashprice(s, _historyEpoch[s]) / EpochHashprice(s - 1, _historyEpoch[s]);
                if (_targetEpoch[i] != _targetEpoch[i - 1]) ratio *= HalvingSchedule.SubsidyRatio(_targetEpoch[i - 1], _targetEpoch[i]);
                level *= ratio;
                hp[i] = level;
            }
        }
        return new MarketSeries(TargetTimes, price, hp, h.IntervalHours, da, h.SettlementPoint, "bootstrap");
    }

    /// <summary>Hashprice of history interval <paramref name="index"/> carried into halving epoch <paramref name="epoch"/> by the subsidy ratio.</summary>
    public double EpochHashprice(int index, int epoch)
    {
        double v = _history.HashpriceUsdPerThDay[index];
        int from = _historyEpoch[index];
        return from == epoch ? v : v * HalvingSchedule.SubsidyRatio(from, epoch);
    }

    /// <summary>Halving epoch of each simulated interval (shared by every path, never mutated).</summary>
    public IReadOnlyList<int> TargetEpochs => _targetEpoch;

    private static int Slot(DateTime local, double dt) => (int)((local.Hour * 60 + local.Minute) / (dt * 60.0));
}
