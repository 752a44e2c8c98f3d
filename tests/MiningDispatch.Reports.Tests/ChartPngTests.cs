using MiningDispatch.Reports.Charts;
using ScottPlot;
using SkiaSharp;

namespace MiningDispatch.Reports.Tests;

/// <summary>The charts' own PNG encoding keeps the pixels of ScottPlot's PNG export.</summary>
public class ChartPngTests
{
    private static Plot Sample()
    {
        var plt = ChartStyle.NewPlot("Price — a title", "Market time (CPT)", "USD/MWh");
        double[] xs = Enumerable.Range(0, 500).Select(i => (double)i).ToArray();
        double[] ys = xs.Select(x => 40 + 30 * Math.Sin(x / 17) + (x % 97 == 0 ? 400 : 0)).ToArray();
        plt.Add.Scatter(xs, ys, ChartStyle.Price).LegendText = "price";
        var hm = plt.Add.Heatmap(new double[,] { { 0, 0.5, 1 }, { 1, double.NaN, 0.25 } });
        hm.Rectangle = new CoordinateRect(100, 300, 0, 60);
        plt.Add.Text("label ✓ é", 250, 120);
        ChartStyle.LegendBelow(plt);
        return plt;
    }

    private static (SKBitmap Bitmap, byte[] Header) Decode(byte[] png)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        // IHDR (width, height, bit depth, colour type, ...): bytes 16-28.
        return (SKBitmap.Decode(png) ?? throw new InvalidDataException("not a PNG"), png[16..29]);
    }

    [Theory]
    [InlineData(1200, 600)]
    [InlineData(333, 201)]
    public void Pixels_equal_ScottPlot_png_export(int width, int height)
    {
        var plt = Sample();
        var (expected, expectedHeader) = Decode(plt.GetImageBytes(width, height, ImageFormat.Png));
        var (actual, actualHeader) = Decode(ChartStyle.Png(plt, width, height));
        using (expected)
        using (actual)
        {
            Assert.Equal(expectedHeader, actualHeader); // same size, bit depth and colour type (RGBA)
            Assert.Equal(width, actual.Width);
            Assert.Equal(height, actual.Height);
            int differing = 0, coloured = 0;
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    var a = actual.GetPixel(x, y);
                    if (a != expected.GetPixel(x, y)) differing++;
                    if (a.Red != a.Green || a.Green != a.Blue) coloured++;
                }
            Assert.Equal(0, differing);
            Assert.True(coloured > 500, $"{coloured} coloured pixels: the sample should draw something"); // not a blank image
        }
    }
}
