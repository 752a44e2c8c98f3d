using System.Globalization;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Contracts;

/// <summary>
/// One fixed-price block of a PPA: <paramref name="Volume"/> MW in every interval of <paramref name="Block"/> between
/// <paramref name="FirstDay"/> and <paramref name="LastDay"/> (market days in CPT, both inclusive), at
/// <paramref name="Price"/>. Take-or-pay: the volume is paid for whether or not the site consumes it.
/// </summary>
public sealed record PpaTranche(
    PowerBlock Block,
    Megawatts Volume,
    UsdPerMWh Price,
    DateOnly FirstDay,
    DateOnly LastDay,
    string Name = "")
{
    /// <summary>A readable label for reports: the name, or e.g. "5x16 100 MW @ 35.00 $/MWh".</summary>
    public string Label => Name.Length > 0
        ? Name
        : string.Create(CultureInfo.InvariantCulture, $"{Block.Label()} {Volume.Value:0.###} MW @ {Price.Value:0.00} $/MWh");

    /// <summary>True on market days inside the tranche's delivery period.</summary>
    public bool IsActiveOn(DateOnly marketDay) => marketDay >= FirstDay && marketDay <= LastDay;
}

/// <summary>
/// A fixed-price block PPA with sell-back (Riot/Cipher style, docs/mining-economics.md §2.5): a list of
/// <see cref="PpaTranche"/>s that may overlap in time (their MW add up). In interval t the contracted energy is
/// Q_t = Σ(active tranche MW) × Δt, paid at each tranche's price. Settle a run schedule with <see cref="PpaSettlement"/>.
/// </summary>
public sealed class PpaContract
{
    public PpaContract(IReadOnlyList<PpaTranche> tranches, string name = "PPA", HolidayCalendar holidays = HolidayCalendar.Nerc)
    {
        ArgumentNullException.ThrowIfNull(tranches);
        ArgumentNullException.ThrowIfNull(name);
        if (tranches.Count == 0) throw new ArgumentException($"Contract '{name}' has no tranches.", nameof(tranches));
        for (int k = 0; k < tranches.Count; k++)
        {
            var tr = tranches[k] ?? throw new ArgumentException($"Contract '{name}' tranche {k + 1} is null.", nameof(tranches));
            string where = string.Create(CultureInfo.InvariantCulture, $"Contract '{name}' tranche {k + 1} ({tr.Label})");
            if (!double.IsFinite(tr.Volume.Value) || tr.Volume.Value <= 0)
                throw new ArgumentException($"{where}: volume must be a positive number of MW (got {tr.Volume.Value.ToString(CultureInfo.InvariantCulture)}).", nameof(tranches));
            if (!double.IsFinite(tr.Price.Value))
                throw new ArgumentException($"{where}: price must be a finite number of $/MWh.", nameof(tranches));
            if (tr.LastDay < tr.FirstDay)
                throw new ArgumentException($"{where}: last day {tr.LastDay:yyyy-MM-dd} is before first day {tr.FirstDay:yyyy-MM-dd}.", nameof(tranches));
            if (!Enum.IsDefined(tr.Block))
                throw new ArgumentException($"{where}: unknown block {(int)tr.Block}.", nameof(tranches));
        }
        Tranches = tranches.ToArray();
        Name = name;
        Holidays = holidays;
    }

    public IReadOnlyList<PpaTranche> Tranches { get; }
    public string Name { get; }
    /// <summary>Holiday convention used to split 5x16 from 2x16.</summary>
    public HolidayCalendar Holidays { get; }

    /// <summary>
    /// Contracted MW of each tranche in each interval: <c>result[k][t]</c> is tranche k's MW in interval t (0 when inactive).
    /// </summary>
    public double[][] TrancheMegawatts(ReadOnlySpan<DateTime> startsUtc, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var mw = new double[Tranches.Count][];
        for (int k = 0; k < mw.Length; k++) mw[k] = new double[startsUtc.Length];
        for (int t = 0; t < startsUtc.Length; t++)
        {
            var local = clock.ToLocal(startsUtc[t]);
            var day = DateOnly.FromDateTime(local);
            for (int k = 0; k < Tranches.Count; k++)
            {
                var tr = Tranches[k];
                if (tr.IsActiveOn(day) && BlockCalendar.Contains(tr.Block, local, Holidays)) mw[k][t] = tr.Volume.Value;
            }
        }
        return mw;
    }

    /// <summary>Total contracted MW in each interval (Σ of active tranche MW).</summary>
    public double[] ContractedMegawatts(ReadOnlySpan<DateTime> startsUtc, MarketClock clock)
    {
        var per = TrancheMegawatts(startsUtc, clock);
        var total = new double[startsUtc.Length];
        foreach (var row in per)
            for (int t = 0; t < total.Length; t++) total[t] += row[t];
        return total;
    }
}
