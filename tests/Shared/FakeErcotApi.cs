using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MiningDispatch.Tests.Shared;

/// <summary>What the fake ERCOT API saw: the request line and both credentials as received.</summary>
internal sealed record ErcotSeen(string Method, string PathAndQuery, string? SubscriptionKey, string? Bearer, IReadOnlyDictionary<string, string> Query, int Number);

/// <summary>An answer of the fake ERCOT API (<see cref="FakeHttpReply.Raw"/> replaces <see cref="FakeHttpReply.Body"/> as the bytes sent).</summary>
internal sealed record ErcotReply(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null) : FakeHttpReply(Status, Body, Headers);

/// <summary>
/// A local stand-in for ERCOT's Public Data API and its B2C sign-in on 127.0.0.1 (a real socket; the listener plumbing
/// is <see cref="FakeHttpServer"/>'s). <c>POST /token</c> checks the username and password (400 with B2C's AADB2C90225 error otherwise) and
/// issues a new token each time; report requests must carry <see cref="Key"/> and a live token (401 otherwise, as
/// APIM does) and name a documented operation with documented query parameters only (404 or 400 with the API's
/// <c>Exception</c> body otherwise; see <see cref="OpenApi"/>), then go to the handler, whose default serves
/// <see cref="Rows"/> as the documented <c>Report</c> JSON paged by the request's <c>page</c> and <c>size</c>, under
/// the operation's documented field names. <see cref="ExpireTokens"/> makes every token issued so far invalid (an
/// expired ID token).
/// </summary>
internal sealed class FakeErcotApi : FakeHttpServer
{
    public const string Key = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    public const string User = "miner.ops@example.com";
    public const string Password = "Pw-7Xq!ercot-2025";
    private readonly ConcurrentQueue<ErcotSeen> _seen = new();
    private readonly ConcurrentDictionary<string, bool> _liveTokens = new();
    private readonly List<string> _issued = [];
    private int _count;

    public FakeErcotApi(Func<ErcotSeen, FakeErcotApi, ErcotReply?>? handler = null)
    {
        Handler = handler;
    }
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/api/public-reports");
    public Uri TokenUrl => new($"http://127.0.0.1:{Port}/token");

    /// <summary>Answers a report request first; null = the default (paged <see cref="Rows"/>).</summary>
    public Func<ErcotSeen, FakeErcotApi, ErcotReply?>? Handler { get; set; }

    /// <summary>Field names of the served report [default: the documented fields of the operation asked for].</summary>
    public IReadOnlyList<string> Fields { get; set; } = [];

    /// <summary>Rows served (JSON values: string, double, int, bool).</summary>
    public IReadOnlyList<object[]> Rows { get; set; } = [];

    /// <summary>expires_in of issued tokens, seconds.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Called on each report request before it is answered (e.g. to read a test clock).</summary>
    public Action<ErcotSeen>? OnReport { get; set; }

    public IReadOnlyList<ErcotSeen> Seen => [.. _seen.OrderBy(s => s.Number)];
    public IReadOnlyList<ErcotSeen> ReportRequests => Seen.Where(s => s.Method == "GET").ToList();
    public IReadOnlyList<ErcotSeen> SignIns => Seen.Where(s => s.Method == "POST").ToList();
    public IReadOnlyList<string> IssuedTokens { get { lock (_issued) return [.. _issued]; } }

    public void ExpireTokens() => _liveTokens.Clear();

    /// <summary>The default answer: the documented Report JSON for the asked page of <see cref="Rows"/>.</summary>
    public ErcotReply Page(ErcotSeen r)
    {
        var op = OpenApi.Operation(r.PathAndQuery);
        return new(200, ReportJson(Fields.Count > 0 ? Fields : op!.Fields, Rows, Int(r.Query, "page", 1), Int(r.Query, "size", 1000), op?.Emil));
    }

    /// <summary>The documented field names of report <paramref name="emil"/> (e.g. NP6-905-CD), in the documented order.</summary>
    public static IReadOnlyList<string> DocumentedFields(string emil) => OpenApi.Operations.Single(o => o.Emil == emil).Fields;

    /// <summary>
    /// A Report body for page <paramref name="page"/> of <paramref name="rows"/> split into pages of <paramref name="size"/>;
    /// with <paramref name="emil"/>, the report's metadata and each field's documented data type.
    /// </summary>
    public static string ReportJson(IReadOnlyList<string> fields, IReadOnlyList<object[]> rows, int page, int size, string? emil = null)
    {
        int pages = rows.Count == 0 ? 0 : (rows.Count + size - 1) / size;
        var data = rows.Skip((page - 1) * size).Take(size).ToList();
        var op = emil is null ? null : OpenApi.Operations.SingleOrDefault(o => o.Emil == emil);
        var doc = new Dictionary<string, object>
        {
            ["_meta"] = new Dictionary<string, object> { ["totalRecords"] = rows.Count, ["pageSize"] = size, ["totalPages"] = pages, ["currentPage"] = page },
            ["report"] = new Dictionary<string, object> { ["reportEMIL"] = emil ?? "TEST", ["reportName"] = op?.Summary ?? "test" },
            ["fields"] = fields.Select(f => new Dictionary<string, object>
            {
                ["name"] = f, ["label"] = f, ["dataType"] = op?.DataTypes.GetValueOrDefault(f) ?? "VARCHAR",
            }).ToList(),
            ["data"] = data,
            ["links"] = Array.Empty<object>(),
        };
        return JsonSerializer.Serialize(doc);
    }

    private static int Int(IReadOnlyDictionary<string, string> q, string name, int fallback) =>
        q.TryGetValue(name, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : fallback;

    protected override FakeHttpReply Answer(HttpListenerContext ctx)
    {
        int n = Interlocked.Increment(ref _count);
        var req = ctx.Request;
        var query = new Dictionary<string, string>();
        foreach (var k in req.QueryString.AllKeys) if (k is not null) query[k] = req.QueryString[k] ?? "";
        string? auth = req.Headers["Authorization"];
        var seen = new ErcotSeen(req.HttpMethod, req.RawUrl ?? "", req.Headers["Ocp-Apim-Subscription-Key"],
            auth is not null && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : auth, query, n);
        ErcotReply reply;
        if (req.HttpMethod == "POST" && req.Url!.AbsolutePath == "/token")
        {
            string form;
            using (var r = new StreamReader(req.InputStream, Encoding.UTF8)) form = r.ReadToEnd();
            var f = form.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : "");
            foreach (var (k, v) in f) query[k] = v;
            _seen.Enqueue(seen);
            if (f.GetValueOrDefault("username") != User || f.GetValueOrDefault("password") != Password || f.GetValueOrDefault("grant_type") != "password")
                reply = new ErcotReply(400, "{\"error\":\"invalid_grant\",\"error_description\":\"AADB2C90225: The username or password provided in the request are invalid.\"}");
            else
            {
                string token = "eyJ0eXAiOiJKV1QifQ." + Guid.NewGuid().ToString("N") + ".sig" + n.ToString(CultureInfo.InvariantCulture);
                _liveTokens[token] = true;
                lock (_issued) _issued.Add(token);
                reply = new ErcotReply(200, JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["access_token"] = token, ["id_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = TokenLifetimeSeconds.ToString(CultureInfo.InvariantCulture),
                }));
            }
        }
        else
        {
            _seen.Enqueue(seen);
            OnReport?.Invoke(seen);
            var op = OpenApi.Operation(seen.PathAndQuery);
            string? undocumented = op is null ? null : seen.Query.Keys.FirstOrDefault(k => !op.Parameters.Contains(k));
            if (seen.SubscriptionKey != Key)
                reply = new ErcotReply(401, "{\"statusCode\":401,\"message\":\"Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.\"}");
            else if (seen.Bearer is null || !_liveTokens.ContainsKey(seen.Bearer))
                reply = new ErcotReply(401, "{\"statusCode\":401,\"message\":\"Invalid or expired token.\"}");
            else if (op is null)
                reply = new ErcotReply(404, Error(404, "NOT_FOUND", "The requested resource does not exist."));
            else if (undocumented is not null)
                reply = new ErcotReply(400, Error(400, "BAD_REQUEST", $"Unknown parameter '{undocumented}'."));
            else reply = Handler?.Invoke(seen, this) ?? Page(seen);
        }
        return reply;
    }

    /// <summary>The API's documented <c>Exception</c> body.</summary>
    private static string Error(int code, string status, string message) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["timestamp"] = "2025-08-01T12:00:00Z", ["code"] = code, ["status"] = status, ["message"] = message,
    });
}

/// <summary>
/// The four operations of ERCOT's OpenAPI that <c>fetch</c> uses, from the trimmed copy in
/// <c>tests/Shared/TestData/ercot-api</c>: each one's query parameters and the report's field names. The OpenAPI gives
/// no field list (<c>data</c> is a bare object), but every field has a filter parameter of its name (a numeric or date
/// field a <c>{name}From</c>/<c>{name}To</c> pair), so the fields are the parameters less paging and sorting, in order.
/// </summary>
internal static class OpenApi
{
    private static readonly Lazy<IReadOnlyList<OpenApiOperation>> All = new(Load);

    /// <summary>Path of the trimmed OpenAPI copy.</summary>
    public static string File
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (System.IO.File.Exists(Path.Combine(d.FullName, "MiningDispatch.slnx")))
                    return Path.Combine(d.FullName, "tests", "Shared", "TestData", "ercot-api", "pubapi-excerpt-trimmed.json");
            throw new InvalidOperationException("Repository root (MiningDispatch.slnx) not found above " + AppContext.BaseDirectory);
        }
    }

    public static IReadOnlyList<OpenApiOperation> Operations => All.Value;

    /// <summary>The operation a request path (with or without the /api/public-reports base and a query) names, or null.</summary>
    public static OpenApiOperation? Operation(string pathAndQuery)
    {
        string path = pathAndQuery.Split('?', 2)[0];
        const string Base = "/api/public-reports";
        if (path.StartsWith(Base, StringComparison.Ordinal)) path = path[Base.Length..];
        return Operations.SingleOrDefault(o => o.Path == path);
    }

    private static List<OpenApiOperation> Load()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(File));
        var ops = new List<OpenApiOperation>();
        foreach (var p in doc.RootElement.GetProperty("paths").EnumerateObject())
        {
            var get = p.Value.GetProperty("get");
            var parameters = get.GetProperty("parameters").EnumerateArray().Select(x => (Name: x.GetProperty("name").GetString()!, Schema: x.GetProperty("schema"))).ToList();
            var names = parameters.Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
            var fields = new List<string>();
            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, schema) in parameters)
            {
                if (name is "page" or "size" or "sort" or "dir") continue;
                string field = name;
                foreach (var suffix in new[] { "From", "To" })
                    if (name.EndsWith(suffix, StringComparison.Ordinal) && names.Contains(name[..^suffix.Length] + (suffix == "From" ? "To" : "From")))
                        field = name[..^suffix.Length];
                if (fields.Contains(field)) continue;
                fields.Add(field);
                string type = schema.GetProperty("type").GetString()!;
                string? format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
                types[field] = type switch
                {
                    "integer" => "INTEGER",
                    "number" => "DOUBLE",
                    "boolean" => "BOOLEAN",
                    _ when format == "yyyy-MM-dd" => "DATE",
                    _ => "VARCHAR",
                };
            }
            ops.Add(new OpenApiOperation(p.Name, get.GetProperty("tags")[0].GetString()!, get.GetProperty("summary").GetString() ?? "", names, fields, types));
        }
        return ops;
    }
}

/// <summary>One documented operation: path, report EMIL id, summary, query parameters, fields and their data types.</summary>
internal sealed record OpenApiOperation(string Path, string Emil, string Summary, IReadOnlySet<string> Parameters, IReadOnlyList<string> Fields,
    IReadOnlyDictionary<string, string> DataTypes);
