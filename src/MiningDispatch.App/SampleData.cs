namespace MiningDispatch.App;

/// <summary>The real data shipped in data/sample for the default run.</summary>
public static class SampleData
{
    public const string PricesFile = "ercot_hb_west_hourly_rt_lmp_HE_2023-07-06_2026-07-05.csv";
    public const string HashpriceFile = "hashprice_daily_interp_7dma_blockchaincom_2019-01-01_2024-11-15.csv";
    /// <summary>First and last market days both sample files cover.</summary>
    public static readonly DateOnly FirstDay = new(2023, 7, 6);
    public static readonly DateOnly LastDay = new(2024, 11, 15);

    /// <summary>
    /// Finds data/sample: next to the executable (copied at build), else walking up from the current directory.
    /// </summary>
    public static string FindDirectory()
    {
        string near = Path.Combine(AppContext.BaseDirectory, "data", "sample");
        if (File.Exists(Path.Combine(near, PricesFile))) return near;
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            string c = Path.Combine(d.FullName, "data", "sample");
            if (File.Exists(Path.Combine(c, PricesFile))) return c;
        }
        throw new SettingsException("Sample data not found (data/sample). Pass --prices and --hashprice, or run from the repository.");
    }

    /// <summary>Folder name (under data/) of the shipped chain chart files, the default of <c>--chain-dir</c>.</summary>
    public const string ChainFolder = "chain";

    /// <summary>The chart file that must be in the shipped chain folder.</summary>
    private const string ChainMarker = "difficulty.json";

    /// <summary>
    /// Finds data/chain (the blockchain.com chart files shipped for <c>--hashprice-source chain</c>): next to the
    /// executable (copied at build), else walking up from the current directory.
    /// </summary>
    public static string FindChainDirectory()
    {
        string near = Path.Combine(AppContext.BaseDirectory, "data", ChainFolder);
        if (File.Exists(Path.Combine(near, ChainMarker))) return near;
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            string c = Path.Combine(d.FullName, "data", ChainFolder);
            if (File.Exists(Path.Combine(c, ChainMarker))) return c;
        }
        throw new SettingsException("--hashprice-source chain: the shipped chain data (data/chain) was not found. Pass --chain-dir DIR with blockchain.com chart files, or run from the repository.");
    }
}
