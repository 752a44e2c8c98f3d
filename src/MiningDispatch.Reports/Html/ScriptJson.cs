using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MiningDispatch.Reports.Html;

/// <summary>
/// Writes the report's figure data (plotly traces and layouts: anonymous objects, dictionaries, arrays, strings and
/// numbers) as JSON, the same bytes as <see cref="JsonSerializer"/> with <see cref="Options"/>, without its
/// reflection-based metadata: that emits and compiles a getter per property of every anonymous type and instantiates
/// the serializer's generic converters, which cost a fresh process about 0.15 s of CPU before the first byte. Types
/// other than the ones above are handed to <see cref="JsonSerializer"/> itself, so the output never differs.
/// </summary>
internal static class ScriptJson
{
    /// <summary>The serializer options the output equals: no indentation, <see cref="JavaScriptEncoder.Default"/>.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Default, // escapes < > & ' and non-ASCII as \uXXXX
        WriteIndented = false,
    };

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

    /// <summary>Readable public properties of each anonymous type, in declaration order (as the serializer writes them).</summary>
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static string Serialize(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions)) Write(w, value);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); return;
            case string s: w.WriteStringValue(s); return;
            case double d: w.WriteNumberValue(d); return;
            case int i: w.WriteNumberValue(i); return;
            case bool b: w.WriteBooleanValue(b); return;
            case long l: w.WriteNumberValue(l); return;
            case float f: w.WriteNumberValue(f); return;
            case double[] a:
                w.WriteStartArray();
                foreach (double d in a) w.WriteNumberValue(d);
                w.WriteEndArray();
                return;
            case double?[] a:
                w.WriteStartArray();
                foreach (double? d in a)
                {
                    if (d is double v) w.WriteNumberValue(v);
                    else w.WriteNullValue();
                }
                w.WriteEndArray();
                return;
            case int[] a:
                w.WriteStartArray();
                foreach (int i in a) w.WriteNumberValue(i);
                w.WriteEndArray();
                return;
            case string[] a:
                w.WriteStartArray();
                foreach (string? s in a) w.WriteStringValue(s);
                w.WriteEndArray();
                return;
            case IDictionary<string, object?> dict:
                w.WriteStartObject();
                foreach (var kv in dict)
                {
                    w.WritePropertyName(kv.Key);
                    Write(w, kv.Value);
                }
                w.WriteEndObject();
                return;
        }

        var type = value.GetType();
        if (value is IDictionary map && IsStringKeyed(type))
        {
            w.WriteStartObject();
            var e = map.GetEnumerator();
            while (e.MoveNext())
            {
                w.WritePropertyName((string)e.Key);
                Write(w, e.Value);
            }
            w.WriteEndObject();
            return;
        }
        if (IsAnonymous(type))
        {
            w.WriteStartObject();
            foreach (var p in Properties.GetOrAdd(type, Readable))
            {
                w.WritePropertyName(p.Name);
                Write(w, p.GetValue(value));
            }
            w.WriteEndObject();
            return;
        }
        if (value is IDictionary || value is not IEnumerable items)
        {
            // Anything else (a dictionary with other keys or values, an enum, a record ...): the serializer itself.
            JsonSerializer.Serialize(w, value, type, Options);
            return;
        }
        w.WriteStartArray();
        foreach (object? item in items) Write(w, item);
        w.WriteEndArray();
    }

    /// <summary>A C# anonymous type: compiler-generated, generic, named <c>&lt;&gt;f__AnonymousType…</c>.</summary>
    internal static bool IsAnonymous(Type type)
        => type.IsGenericType && type.Name.StartsWith("<>f__AnonymousType", StringComparison.Ordinal) && type.IsDefined(typeof(CompilerGeneratedAttribute), false);

    /// <summary>A <see cref="Dictionary{TKey, TValue}"/> with string keys (written as an object, keys as they are).</summary>
    private static bool IsStringKeyed(Type type)
        => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string);

    private static PropertyInfo[] Readable(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0).ToArray();
}
