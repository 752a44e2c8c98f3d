using System.Globalization;
using System.Text.Json.Serialization;

namespace MiningDispatch.Core.Sweep;

/// <summary>The swept inputs: the threshold rule's four on a single site; on a fleet (<see cref="FleetSweep"/>) the site cap replaces efficiency.</summary>
public enum SweepParameter
{
    /// <summary>Fleet efficiency, W/TH (J/TH).</summary>
    Efficiency,

    /// <summary>Multiplier applied to every hour's hashprice (1 = as given).</summary>
    HashpriceMultiplier,

    /// <summary>All-in adder on the settlement price, $/MWh (replaces the site's adder).</summary>
    PriceAdder,

    /// <summary>Threshold of the rule: run only when hourly profit exceeds this, $/h (replaces the site's setting).</summary>
    MinProfit,

    /// <summary>Site MW cap of a fleet (the most efficient whole machines under it run); a fleet sweep only.</summary>
    SiteCap,
}

/// <summary>One scenario of a sweep.</summary>
/// <param name="EfficiencyWPerTh">Fleet efficiency, W/TH.</param>
/// <param name="HashpriceMultiplier">Multiplier on the hashprice series (1.2 = hashprice 20 % higher in every hour).</param>
/// <param name="PriceAdderUsdPerMWh">All-in adder on the settlement price, $/MWh.</param>
/// <param name="MinProfitUsdPerHour">Run when hourly net profit is strictly above this, $/h.</param>
public readonly record struct SweepPoint(double EfficiencyWPerTh, double HashpriceMultiplier, double PriceAdderUsdPerMWh, double MinProfitUsdPerHour)
{
    /// <summary>
    /// Site cap of a fleet scenario, MW (<see cref="double.PositiveInfinity"/> = no cap); null for a single-model site.
    /// In a fleet scenario <see cref="EfficiencyWPerTh"/> is the W/TH of the machines that fit under the cap, together.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SiteCapMw { get; init; }

    /// <summary>True for a scenario of a fleet sweep (it has a <see cref="SiteCapMw"/>).</summary>
    [JsonIgnore]
    public bool IsFleet => SiteCapMw is not null;

    /// <summary>The value of one parameter.</summary>
    public double Get(SweepParameter parameter) => parameter switch
    {
        SweepParameter.Efficiency => EfficiencyWPerTh,
        SweepParameter.HashpriceMultiplier => HashpriceMultiplier,
        SweepParameter.PriceAdder => PriceAdderUsdPerMWh,
        SweepParameter.MinProfit => MinProfitUsdPerHour,
        SweepParameter.SiteCap => SiteCapMw ?? throw new InvalidOperationException("A single-site scenario has no site cap."),
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Unknown sweep parameter."),
    };

    /// <summary>A copy with one parameter changed.</summary>
    public SweepPoint With(SweepParameter parameter, double value) => parameter switch
    {
        SweepParameter.Efficiency => this with { EfficiencyWPerTh = value },
        SweepParameter.HashpriceMultiplier => this with { HashpriceMultiplier = value },
        SweepParameter.PriceAdder => this with { PriceAdderUsdPerMWh = value },
        SweepParameter.MinProfit => this with { MinProfitUsdPerHour = value },
        SweepParameter.SiteCap => this with { SiteCapMw = value },
        _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "Unknown sweep parameter."),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the scenario and the bad value.</summary>
    public void Validate(int index = -1)
    {
        string at = index >= 0 ? $"Scenario {index}: " : "";
        if (Economics.SiteLimits.Efficiency(EfficiencyWPerTh) is { } eff)
            throw new ArgumentException($"{at}efficiency {eff}.");
        if (!(HashpriceMultiplier >= 0) || !double.IsFinite(HashpriceMultiplier))
            throw new ArgumentException($"{at}hashprice multiplier must be a finite number ≥ 0 (got {F(HashpriceMultiplier)}).");
        if (!double.IsFinite(PriceAdderUsdPerMWh))
            throw new ArgumentException($"{at}price adder must be a finite $/MWh (got {F(PriceAdderUsdPerMWh)}).");
        if (!double.IsFinite(MinProfitUsdPerHour))
            throw new ArgumentException($"{at}minimum profit must be a finite $/h (got {F(MinProfitUsdPerHour)}).");
    }

    private static string F(double v) => v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A full-factorial sweep: every combination of the four axes. Scenario index =
/// ((iEfficiency × nMultiplier + iMultiplier) × nAdder + iAdder) × nMinProfit + iMinProfit.
/// </summary>
public sealed record SweepSpec(
    double[] EfficienciesWPerTh,
    double[] HashpriceMultipliers,
    double[] PriceAddersUsdPerMWh,
    double[] MinProfitsUsdPerHour)
{
    /// <summary>Number of scenarios (product of the axis lengths).</summary>
    public int Count => checked(EfficienciesWPerTh.Length * HashpriceMultipliers.Length * PriceAddersUsdPerMWh.Length * MinProfitsUsdPerHour.Length);

    /// <summary>The scenario at a flat index.</summary>
    public SweepPoint PointAt(int index)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"Scenario index must be in [0, {Count}).");
        int iT = index % MinProfitsUsdPerHour.Length; index /= MinProfitsUsdPerHour.Length;
        int iA = index % PriceAddersUsdPerMWh.Length; index /= PriceAddersUsdPerMWh.Length;
        int iM = index % HashpriceMultipliers.Length; index /= HashpriceMultipliers.Length;
        return new SweepPoint(EfficienciesWPerTh[index], HashpriceMultipliers[iM], PriceAddersUsdPerMWh[iA], MinProfitsUsdPerHour[iT]);
    }

    /// <summary>Flat index of a combination of axis positions.</summary>
    public int IndexOf(int iEfficiency, int iMultiplier, int iAdder, int iMinProfit)
    {
        Check(iEfficiency, EfficienciesWPerTh.Length, "efficiency");
        Check(iMultiplier, HashpriceMultipliers.Length, "hashprice multiplier");
        Check(iAdder, PriceAddersUsdPerMWh.Length, "price adder");
        Check(iMinProfit, MinProfitsUsdPerHour.Length, "minimum profit");
        return ((iEfficiency * HashpriceMultipliers.Length + iMultiplier) * PriceAddersUsdPerMWh.Length + iAdder) * MinProfitsUsdPerHour.Length + iMinProfit;
    }

    /// <summary>Checks that every axis is non-empty and every value is valid.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(EfficienciesWPerTh);
        ArgumentNullException.ThrowIfNull(HashpriceMultipliers);
        ArgumentNullException.ThrowIfNull(PriceAddersUsdPerMWh);
        ArgumentNullException.ThrowIfNull(MinProfitsUsdPerHour);
        if (EfficienciesWPerTh.Length == 0) throw new ArgumentException("The efficiency axis of the sweep is empty.");
        if (HashpriceMultipliers.Length == 0) throw new ArgumentException("The hashprice-multiplier axis of the sweep is empty.");
        if (PriceAddersUsdPerMWh.Length == 0) throw new ArgumentException("The price-adder axis of the sweep is empty.");
        if (MinProfitsUsdPerHour.Length == 0) throw new ArgumentException("The minimum-profit axis of the sweep is empty.");
        long count = (long)EfficienciesWPerTh.Length * HashpriceMultipliers.Length * PriceAddersUsdPerMWh.Length * MinProfitsUsdPerHour.Length;
        if (count > 50_000_000) throw new ArgumentException($"The sweep has {count} scenarios; the limit is 50,000,000.");
        foreach (double e in EfficienciesWPerTh) new SweepPoint(e, 1, 0, 0).Validate();
        foreach (double m in HashpriceMultipliers) new SweepPoint(20, m, 0, 0).Validate();
        foreach (double a in PriceAddersUsdPerMWh) new SweepPoint(20, 1, a, 0).Validate();
        foreach (double t in MinProfitsUsdPerHour) new SweepPoint(20, 1, 0, t).Validate();
    }

    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static double[] Steps(double from, double to, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Need at least one step.");
        if (!double.IsFinite(from) || !double.IsFinite(to)) throw new ArgumentException("Step range must be finite.");
        if (count == 1) return [from];
        var r = new double[count];
        for (int i = 0; i < count; i++) r[i] = i == count - 1 ? to : from + (to - from) * i / (count - 1);
        return r;
    }

    private static void Check(int i, int n, string what)
    {
        if (i < 0 || i >= n) throw new ArgumentOutOfRangeException(what, i, $"The {what} position must be in [0, {n}).");
    }
}
