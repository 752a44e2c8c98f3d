using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.Tests.Prices;

/// <summary>
/// A prices folder often holds other CSVs beside the prices (hashprice, system load, a forward curve): found in a folder
/// they are skipped with one note each; named by the user, an unrecognised file is still an error.
/// </summary>
public sealed class FolderOfMixedFilesTests
{
    private static string Folder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "md-mixed-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a_prices.csv"),
            "interval_start_utc,settlement_point,price\n2024-03-01T06:00:00Z,HB_WEST,21.5\n2024-03-01T07:00:00Z,HB_WEST,19.25\n");
        File.WriteAllText(Path.Combine(dir, "b_hashprice.csv"), "date,hashprice_usd_per_ph_day\n2024-03-01,55.2\n");
        File.WriteAllText(Path.Combine(dir, "c_system_load.csv"), "interval_start_utc,system_load_mw\n2024-03-01T06:00:00Z,41000\n");
        return dir;
    }

    [Fact]
    public void Non_price_csvs_in_a_folder_are_skipped_with_a_note_each()
    {
        string dir = Folder();
        try
        {
            var r = PriceLoader.Load([dir], new PriceQuery("HB_WEST"));
            Assert.Equal([21.5, 19.25], r.PriceUsdPerMWh);
            var notes = r.Quality.Notes;
            Assert.Single(notes, n => n.Contains("b_hashprice.csv: skipped, not a price table", StringComparison.Ordinal));
            Assert.Single(notes, n => n.Contains("c_system_load.csv: skipped, not a price table", StringComparison.Ordinal));
            Assert.DoesNotContain(notes, n => n.Contains("a_prices.csv: skipped", StringComparison.Ordinal));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_non_price_csv_named_by_the_user_is_still_an_error()
    {
        string dir = Folder();
        try
        {
            var ex = Assert.Throws<DataFormatException>(() => PriceLoader.Load([Path.Combine(dir, "a_prices.csv"), Path.Combine(dir, "b_hashprice.csv")], new PriceQuery("HB_WEST")));
            Assert.Contains("layout not recognised", ex.Message, StringComparison.Ordinal);
            Assert.Contains("b_hashprice.csv", ex.Message, StringComparison.Ordinal);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
