using System.Text.Json;

namespace MiningDispatch.Reports.Tests;

/// <summary>result.json written with source-generated metadata is the same bytes as with reflection, and loads back.</summary>
public class ResultJsonSourceGenTests
{
    public static TheoryData<string> Models() => ["plain", "sections", "full"];

    private static BacktestRun Model(string name) => name switch
    {
        "plain" => TestModels.Model(),
        "sections" => SectionReportTests.Model(),
        _ => ResultJsonSectionsTests.FullModel(),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Source_generated_result_json_equals_the_reflection_output_byte_for_byte(string name)
    {
        var model = Model(name);
        string path = Path.Combine(TestModels.TempDir(), "result.json");
        ResultJson.Save(model, path);

        byte[] reflection = JsonSerializer.SerializeToUtf8Bytes(ResultJson.Dto(model), ResultJson.ReflectionOptions());
        byte[] saved = File.ReadAllBytes(path);
        Assert.True(reflection.Length > 1000, $"{reflection.Length} bytes");
        Assert.True(saved.AsSpan().SequenceEqual(reflection), $"{name}: {saved.Length} bytes saved, {reflection.Length} by reflection");

        // And the file loads back to a model that saves to the same bytes again.
        string again = Path.Combine(TestModels.TempDir(), "result.json");
        ResultJson.Save(ResultJson.Load(path), again);
        Assert.True(File.ReadAllBytes(again).AsSpan().SequenceEqual(saved), $"{name}: a loaded model saves differently");
    }

    [Fact]
    public void WarmUp_names_sections_the_file_has_and_leaves_the_output_unchanged()
    {
        var sectionNames = ResultJson.Options.GetTypeInfo(typeof(SectionsDto)).Properties.Select(p => p.Name).ToList();
        Assert.Equal(4, ResultJson.CommonSections.Count);
        Assert.All(ResultJson.CommonSections, n => Assert.Contains(n, sectionNames));
        var model = TestModels.Model();
        ResultJson.WarmUp();
        string path = Path.Combine(TestModels.TempDir(), "result.json");
        ResultJson.Save(model, path);
        Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(ResultJson.Dto(model), ResultJson.ReflectionOptions())));
    }

    [Fact]
    public void Options_resolve_the_file_type_from_the_generated_context()
    {
        // The generated context knows the DTO without reflection; the options chain to it.
        Assert.NotNull(ResultJsonContext.Default.GetTypeInfo(typeof(ResultFileDto)));
        Assert.NotNull(ResultJson.Options.TypeInfoResolver);
        Assert.IsNotType<System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver>(ResultJson.Options.TypeInfoResolver);
    }
}
