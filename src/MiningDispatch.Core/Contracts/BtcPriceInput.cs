using System.Globalization;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Core.Contracts;

/// <summary>
/// How to turn USD into BTC for "BTC mined" and "cost to mine one BTC". Either a BTC price per interval (USD/BTC),
/// or the hashprice in BTC per TH/s per day for each interval: the implied BTC price is then the market series' USD
/// hashprice divided by the BTC hashprice, so that BTC mined = hashrate × BTC hashprice × (1 − fee) × Δt / 24 exactly.
/// Arrays are index-aligned with the <see cref="MarketSeries"/> being settled.
/// </summary>
public sealed class BtcPriceInput
{
    private readonly double[]? _usdPerBtc;
    private readonly double[]? _hashpriceBtc;
    private readonly double _constant;

    private BtcPriceInput(double[]? usdPerBtc, double[]? hashpriceBtc, double constant)
    {
        _usdPerBtc = usdPerBtc;
        _hashpriceBtc = hashpriceBtc;
        _constant = constant;
    }

    /// <summary>A BTC price for each interval, USD per BTC.</summary>
    public static BtcPriceInput FromUsdPerBtc(double[] usdPerBtc)
    {
        ArgumentNullException.ThrowIfNull(usdPerBtc);
        return new(usdPerBtc, null, 0);
    }

    /// <summary>One BTC price for the whole period, USD per BTC.</summary>
    public static BtcPriceInput Constant(double usdPerBtc)
    {
        if (!double.IsFinite(usdPerBtc) || usdPerBtc <= 0)
            throw new ArgumentOutOfRangeException(nameof(usdPerBtc), usdPerBtc, "BTC price must be a positive number of USD.");
        return new(null, null, usdPerBtc);
    }

    /// <summary>Hashprice in BTC per TH/s per day for each interval (Hashrate Index <c>currency=BTC&amp;hashunit=THS</c>).</summary>
    public static BtcPriceInput FromHashpriceBtc(double[] btcPerThDay)
    {
        ArgumentNullException.ThrowIfNull(btcPerThDay);
        return new(null, btcPerThDay, 0);
    }

    /// <summary>The BTC price (USD/BTC) for each interval of <paramref name="market"/>; throws naming the interval when it is not positive.</summary>
    public double[] UsdPerBtc(MarketSeries market)
    {
        ArgumentNullException.ThrowIfNull(market);
        int n = market.Count;
        var price = new double[n];
        if (_usdPerBtc is not null)
        {
            if (_usdPerBtc.Length != n)
                throw new ArgumentException(Msg($"BTC price series has {_usdPerBtc.Length} values but the market data has {n} intervals."));
            for (int t = 0; t < n; t++)
            {
                if (!double.IsFinite(_usdPerBtc[t]) || _usdPerBtc[t] <= 0)
                    throw new ArgumentException(Msg($"BTC price at {market.StartsUtc[t]:O} is {_usdPerBtc[t]}; it must be a positive number of USD."));
                price[t] = _usdPerBtc[t];
            }
        }
        else if (_hashpriceBtc is not null)
        {
            if (_hashpriceBtc.Length != n)
                throw new ArgumentException(Msg($"BTC hashprice series has {_hashpriceBtc.Length} values but the market data has {n} intervals."));
            for (int t = 0; t < n; t++)
            {
                double hpBtc = _hashpriceBtc[t], hpUsd = market.HashpriceUsdPerThDay[t];
                if (!double.IsFinite(hpBtc) || hpBtc <= 0)
                    throw new ArgumentException(Msg($"BTC hashprice at {market.StartsUtc[t]:O} is {hpBtc}; it must be a positive number of BTC/TH/day."));
                if (!(hpUsd > 0))
                    throw new ArgumentException(Msg($"USD hashprice at {market.StartsUtc[t]:O} is {hpUsd}; a BTC price cannot be implied from it."));
                price[t] = hpUsd / hpBtc;
            }
        }
        else
        {
            Array.Fill(price, _constant);
        }
        return price;
    }

    private static string Msg(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
