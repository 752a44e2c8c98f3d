using System.Globalization;
using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Units;

/// <summary>Electrical power in megawatts.</summary>
public readonly record struct Megawatts(double Value)
{
    public static Megawatts operator +(Megawatts a, Megawatts b) => new(a.Value + b.Value);
    public static Megawatts operator -(Megawatts a, Megawatts b) => new(a.Value - b.Value);
    public static Megawatts operator *(Megawatts a, double k) => new(a.Value * k);

    /// <summary>Energy used by running at this power for <paramref name="hours"/>.</summary>
    public MegawattHours For(double hours) => new(Value * hours);

    public override string ToString() => Value.ToString("0.###", CultureInfo.InvariantCulture) + " MW";
}

/// <summary>Energy in megawatt-hours.</summary>
public readonly record struct MegawattHours(double Value)
{
    public static MegawattHours operator +(MegawattHours a, MegawattHours b) => new(a.Value + b.Value);
    public override string ToString() => Value.ToString("0.###", CultureInfo.InvariantCulture) + " MWh";
}

/// <summary>An energy price in US dollars per megawatt-hour.</summary>
public readonly record struct UsdPerMWh(double Value)
{
    public static UsdPerMWh operator +(UsdPerMWh a, UsdPerMWh b) => new(a.Value + b.Value);
    public static UsdPerMWh operator -(UsdPerMWh a, UsdPerMWh b) => new(a.Value - b.Value);
    /// <summary>Cost of an amount of energy at this price, in USD.</summary>
    public static double operator *(UsdPerMWh p, MegawattHours e) => p.Value * e.Value;
    public override string ToString() => Value.ToString("0.00", CultureInfo.InvariantCulture) + " $/MWh";
}

/// <summary>Hashrate in terahashes per second.</summary>
public readonly record struct TerahashPerSecond(double Value)
{
    public override string ToString() => Value.ToString("0.###", CultureInfo.InvariantCulture) + " TH/s";
}

/// <summary>Miner efficiency in watts per TH/s (equal to joules per terahash).</summary>
public readonly record struct WattsPerTerahash(double Value)
{
    public override string ToString() => Value.ToString("0.###", CultureInfo.InvariantCulture) + " W/TH";
}

/// <summary>Hashprice: USD earned by 1 TH/s running for one day.</summary>
public readonly record struct UsdPerThDay(double Value)
{
    public UsdPerPhDay ToPerPhDay() => new(MiningEconomics.PerThDayToPerPhDay(Value));
    public override string ToString() => Value.ToString("0.######", CultureInfo.InvariantCulture) + " $/TH/day";
}

/// <summary>Hashprice: USD earned by 1 PH/s running for one day (the unit Hashrate Index and Luxor quote).</summary>
public readonly record struct UsdPerPhDay(double Value)
{
    public UsdPerThDay ToPerThDay() => new(MiningEconomics.PerPhDayToPerThDay(Value));
    public override string ToString() => Value.ToString("0.###", CultureInfo.InvariantCulture) + " $/PH/day";
}
