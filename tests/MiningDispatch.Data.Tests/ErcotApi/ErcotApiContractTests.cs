using System.Text.Json;
using MiningDispatch.Data.ErcotApi;
using MiningDispatch.Tests.Shared;

namespace MiningDispatch.Data.Tests.ErcotApi;

/// <summary>
/// The client asks only for operations and parameters ERCOT's OpenAPI documents, and reads only documented fields; the
/// fake server serves exactly the documented field names (trimmed OpenAPI copy in tests/Shared/TestData/ercot-api).
/// </summary>
public class ErcotApiContractTests
{
    [Fact]
    public void Every_report_uses_a_documented_operation_and_parameters()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(OpenApi.File));
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

    /// <summary>
    /// The OpenAPI lists no response fields (<c>data</c> is a bare object) but one filter parameter per field, a
    /// <c>From</c>/<c>To</c> pair for a ranged one; these lists were read off the excerpt by hand.
    /// </summary>
    public static TheoryData<string, string[]> Documented => new()
    {
        { "NP6-905-CD", ["deliveryDate", "deliveryHour", "deliveryInterval", "settlementPoint", "settlementPointType", "settlementPointPrice", "DSTFlag"] },
        { "NP4-190-CD", ["deliveryDate", "hourEnding", "settlementPoint", "settlementPointPrice", "DSTFlag"] },
        { "NP4-188-CD", ["deliveryDate", "hourEnding", "ancillaryType", "MCPC", "DSTFlag"] },
        { "NP6-346-CD", ["operatingDay", "hourEnding", "north", "south", "west", "houston", "total", "DSTFlag"] },
    };

    [Theory]
    [MemberData(nameof(Documented))]
    public void The_client_reads_and_the_fake_serves_the_documented_field_names(string emil, string[] documented)
    {
        // The fake derives the same names from the excerpt, so every test's server sends exactly these.
        Assert.Equal(documented, FakeErcotApi.DocumentedFields(emil));
        var spec = ErcotReportSpec.All.Single(s => s.Emil == emil);
        Assert.Subset(documented.ToHashSet(), spec.KeptFields.ToHashSet());
        Assert.Contains(spec.DateField, documented);
        Assert.Contains(spec.ValueField, documented);
        Assert.Equal(spec.DateField + "From", spec.DateFromParameter);
        Assert.Equal(spec.DateField + "To", spec.DateToParameter);
        // The fields the tests' rows are built with.
        string[] testFields = emil switch
        {
            "NP6-905-CD" => ErcotTestData.RtFields,
            "NP4-190-CD" => ErcotTestData.DaFields,
            "NP4-188-CD" => ErcotTestData.AsFields,
            _ => ErcotTestData.LoadFields,
        };
        Assert.Equal(documented, testFields);
    }

    [Fact]
    public async Task The_fake_refuses_an_undocumented_parameter_and_operation_as_the_API_would()
    {
        using var api = new FakeErcotApi { Rows = [] };
        using var http = new HttpClient();
        async Task<int> Status(string pathAndQuery)
        {
            using var token = await http.PostAsync(api.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["username"] = FakeErcotApi.User, ["password"] = FakeErcotApi.Password,
            }));
            string id = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("id_token").GetString()!;
            using var req = new HttpRequestMessage(HttpMethod.Get, new Uri(api.BaseUrl.AbsoluteUri + pathAndQuery));
            req.Headers.Add("Ocp-Apim-Subscription-Key", FakeErcotApi.Key);
            req.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", id);
            using var resp = await http.SendAsync(req);
            return (int)resp.StatusCode;
        }
        Assert.Equal(200, await Status("/np6-346-cd/act_sys_load_by_fzn?operatingDayFrom=2025-07-01&operatingDayTo=2025-07-01&page=1&size=10"));
        Assert.Equal(400, await Status("/np6-346-cd/act_sys_load_by_fzn?deliveryDateFrom=2025-07-01&page=1"));
        Assert.Equal(404, await Status("/np6-999-cd/nothing?page=1"));
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
