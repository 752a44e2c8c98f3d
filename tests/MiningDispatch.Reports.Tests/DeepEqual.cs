using System.Collections;
using System.Reflection;

namespace MiningDispatch.Reports.Tests;

/// <summary>
/// Compares two object graphs by value: every public instance property (computed ones included), every item of every
/// list and array (2-D arrays cell by cell), doubles bit for bit (so NaN equals NaN and -0 differs from 0). Reference
/// identity and collection types are ignored: a List equals an array with the same items.
/// </summary>
internal static class DeepEqual
{
    public static void Assert(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null) Fail(path, expected, actual);
            return;
        }
        var type = expected.GetType();
        if (expected is double de)
        {
            if (actual is not double da || BitConverter.DoubleToInt64Bits(de) != BitConverter.DoubleToInt64Bits(da)) Fail(path, expected, actual);
            return;
        }
        if (type.IsPrimitive || type.IsEnum || expected is string or decimal or DateTime or DateOnly or TimeSpan or DateTimeOffset)
        {
            if (!expected.Equals(actual)) Fail(path, expected, actual);
            if (expected is DateTime te && actual is DateTime ta && te.Kind != ta.Kind) Fail(path + ".Kind", te.Kind, ta.Kind);
            return;
        }
        if (expected is Array { Rank: > 1 } ma)
        {
            var mb = (Array)actual;
            for (int d = 0; d < ma.Rank; d++)
                if (ma.GetLength(d) != mb.GetLength(d)) Fail($"{path} dimension {d}", ma.GetLength(d), mb.GetLength(d));
            var ea = ma.Cast<object?>().ToList();
            var eb = mb.Cast<object?>().ToList();
            for (int i = 0; i < ea.Count; i++) Assert(ea[i], eb[i], $"{path}[flat {i}]");
            return;
        }
        if (expected is IEnumerable la)
        {
            if (actual is not IEnumerable lb) { Fail(path, expected, actual); return; }
            var a = la.Cast<object?>().ToList();
            var b = lb.Cast<object?>().ToList();
            if (a.Count != b.Count) Fail(path + ".Count", a.Count, b.Count);
            for (int i = 0; i < a.Count; i++) Assert(a[i], b[i], $"{path}[{i}]");
            return;
        }
        if (actual.GetType() != type) Fail(path + " (type)", type, actual.GetType());
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0) continue;
            Assert(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}");
        }
    }

    private static void Fail(string path, object? expected, object? actual)
        => throw new Xunit.Sdk.XunitException($"{path}: expected {expected ?? "null"} but got {actual ?? "null"}.");
}
