using System.Text.Json;
using MiningDispatch.Data.ErcotApi;
using MiningDispatch.Data.Tests.Prices;

namespace MiningDispatch.Data.Tests.ErcotApi;

/// <summary>The client asks only for operations and parameters ERCOT's OpenAPI documents (trimmed copy in TestData/ercot-api).</summary>
public class ErcotApiContractTests
{
    [Fact]
    public void Every_report_uses_a_documented_operation_and_parameters()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestFiles.RepoRoot, "tests", "MiningDispatch.Data.Tests", "TestData", "ercot-api", "pubapi-excerpt-trimmed.json")));
        var paths = doc.RootElement.GetProperty("paths");
        Assert.Equal(ErcotApiOptions.DefaultBaseUrl.AbsoluteUri.TrimEnd('/'), doc.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        foreach (var spec in ErcotReportSpec.All)
        {
            Assert.True(paths.TryGetProperty(spec.Endpoint, out var op), spec.Endpoint + " is not documented");
            var get = op.GetProperty("get");
            Assert.Equal(spec.Emil, get.GetProperty("tags")[0].GetString());
            var names = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet();
            var used = new List<string> { spec.DateFromParameter, spec.DateToParameter, "page", "size" };
            if (spec.PerPoint) used.Add("settlementPoint");
            foreach (var u in used) Assert.Contains(u, names);
        }
        var key = doc.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKeyHeader").GetProperty("name").GetString();
        Assert.Equal("Ocp-Apim-Subscription-Key", key);
    }

    [Fact]
    public void Options_never_print_a_secret()
    {
        var o = new ErcotApiOptions { SubscriptionKey = "k-123456789", Username = "u@example.com", Password = "p-secret" };
        string s = o.ToString();
        Assert.DoesNotContain("k-123456789", s, StringComparison.Ordinal);
        Assert.DoesNotContain("u@example.com", s, StringComparison.Ordinal);
        Assert.DoesNotContain("p-secret", s, StringComparison.Ordinal);
        Assert.Contains("SubscriptionKey = ***", s, StringComparison.Ordinal);
    }
}
