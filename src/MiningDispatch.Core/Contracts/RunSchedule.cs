using System.Globalization;

namespace MiningDispatch.Core.Contracts;

/// <summary>Shared validation of run fractions (0..1) passed to settlement code.</summary>
internal static class RunSchedule
{
    public static void Check(double x, DateTime startUtc)
    {
        if (!(x >= 0 && x <= 1))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Run fraction {x} at {startUtc:O} is outside [0, 1]."));
    }
}
