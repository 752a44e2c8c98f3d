using System.Globalization;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Fleet;

/// <summary>An ASIC model at nameplate: hashrate and wall power.</summary>
/// <param name="Name">Model name, e.g. "S21 XP".</param>
/// <param name="TerahashPerSecond">Nameplate hashrate, TH/s.</param>
/// <param name="Watts">Wall power at that hashrate, W.</param>
public sealed record MinerModel(string Name, double TerahashPerSecond, double Watts)
{
    /// <summary>W per TH/s (= J/TH).</summary>
    public WattsPerTerahash Efficiency => new(MiningEconomics.Efficiency(Watts, TerahashPerSecond));

    /// <summary>Throws <see cref="ArgumentException"/> naming the model and the bad value.</summary>
    public void Validate()
    {
        static string F(double v) => v.ToString(CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(Name)) throw new ArgumentException("Miner model name must not be empty.");
        if (!(TerahashPerSecond > 0) || !double.IsFinite(TerahashPerSecond))
            throw new ArgumentException($"Miner '{Name}': hashrate must be a positive number of TH/s (got {F(TerahashPerSecond)}).");
        if (!(Watts > 0) || !double.IsFinite(Watts))
            throw new ArgumentException($"Miner '{Name}': power must be a positive number of watts (got {F(Watts)}).");
        double e = MiningEconomics.Efficiency(Watts, TerahashPerSecond);
        if (Economics.SiteLimits.Efficiency(e) is not null)
            throw new ArgumentException($"Miner '{Name}': {F(Watts)} W / {F(TerahashPerSecond)} TH/s = {F(e)} W/TH is outside 5..200; check the units (watts, not kW; TH/s, not PH/s).");
    }
}
