using System.Text;
using System.Text.Json;
using MiningDispatch.Core.Strategies.Hysteresis;
using MiningDispatch.Core.Time;
using MiningDispatch.Reports.Html;

namespace MiningDispatch.Reports.Tests;

/// <summary>The report's figure data written by <see cref="ScriptJson"/> is the same bytes as <see cref="JsonSerializer"/> writes.</summary>
public class ScriptJsonTests
{
    public static TheoryData<string> Models() => ["plain", "sections", "full", "what-if", "what-if hysteresis"];

    private static BacktestRun Model(string name) => name switch
    {
        "plain" => TestModels.Model(),
        "sections" => SectionReportTests.Model(),
        "full" => ResultJsonSectionsTests.FullModel(),
        "what-if" => TestModels.Model() with { WhatIf = new WhatIfInputs(TestModels.Site, "threshold", null) },
        _ => TestModels.Model() with
        {
            WhatIf = new WhatIfInputs(TestModels.Site, "hysteresis", HysteresisOptions.AroundBreakeven(10, 5, 2, 1)),
        },
    };

    private static string Reference(object? value) => JsonSerializer.Serialize(value, ScriptJson.Options);

    [Theory]
    [MemberData(nameof(Models))]
    public void Figures_and_what_if_data_equal_the_serializer_output_byte_for_byte(string name)
    {
        var model = Model(name);
        var figures = new List<PlotlyFigure>(PlotlyFigures.Build(model));
        SectionsHtml.Render(new StringBuilder(), model, figures);
        // As HtmlReport embeds them: one object keyed by element id.
        var embedded = figures.ToDictionary(f => f.Id, f => new { data = f.Data, layout = f.Layout });
        string expected = Reference(embedded);
        Assert.True(expected.Length > 2000, $"{expected.Length} chars");
        Assert.Equal(expected, ScriptJson.Serialize(embedded));

        var whatIf = WhatIfPanel.Data(model, MarketClock.Ercot);
        if (name.StartsWith("what-if", StringComparison.Ordinal))
        {
            Assert.NotNull(whatIf);
            Assert.Equal(Reference(whatIf), ScriptJson.Serialize(whatIf));
        }
    }

    [Fact]
    public void Awkward_values_are_written_as_the_serializer_writes_them()
    {
        var value = new Dictionary<string, object?>
        {
            ["</script><b>"] = new { text = "a < b & c > d 'q' \"dq\" é \u2028 \u0001", n = (string?)null },
            ["numbers"] = new object?[] { 0.1, -0.0, 1e300, 5e-324, 3, 7L, 2.5f, (double?)null, (double?)4.25, true, false, 12.5m },
            ["arrays"] = new { d = new[] { 1.5, -2 }, nd = new double?[] { null, 3 }, s = new[] { "x", null, "<y>" }, i = new[] { 1, -2 }, e = Array.Empty<object>() },
            ["nested"] = new object[] { new[] { new object[] { 1, "a" } }, new List<object> { new { deep = new { deeper = 1 } } } },
            ["other"] = new { when = new DateTime(2024, 3, 10, 8, 0, 0, DateTimeKind.Utc), kind = DayOfWeek.Friday, map = new Dictionary<int, string> { [1] = "one" } },
            ["typed"] = new Dictionary<string, double[]> { ["k"] = [1, 2] },
        };
        Assert.Equal(Reference(value), ScriptJson.Serialize(value));
        // And what the comparison rests on, checked by hand: escaping of the HTML-significant characters and non-ASCII.
        Assert.StartsWith("{\"\\u003C/script\\u003E\\u003Cb\\u003E\":{\"text\":\"a \\u003C b \\u0026 c \\u003E d \\u0027q\\u0027 \\u0022dq\\u0022 \\u00E9 \\u2028 \\u0001\",\"n\":null}",
            ScriptJson.Serialize(value), StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_numbers_fail_as_with_the_serializer()
    {
        Assert.ThrowsAny<ArgumentException>(() => ScriptJson.Serialize(new { y = new[] { double.NaN } }));
        Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.Serialize(new { y = new[] { double.NaN } }, ScriptJson.Options));
    }
}
