using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace MiningDispatch.Data.Http;

/// <summary>An HTTP answer was larger than allowed, as sent or once decompressed.</summary>
internal sealed class ResponseTooLargeException(string message) : Exception(message);

/// <summary>
/// Reads an HTTP answer as UTF-8 text with a size cap counted twice: on the bytes as sent (compressed or not) and on
/// the bytes after decoding <c>Content-Encoding</c> (gzip, deflate, br), so neither a huge answer nor a small one
/// that inflates to gigabytes (a "zip bomb") can exhaust memory. Reading stops at the first byte past the cap.
/// </summary>
internal static class ResponseBody
{
    public static Task<string> ReadAsync(HttpContent content, long maxBytes, string what, CancellationToken ct) =>
        ReadAsync(content, maxBytes, what, "Hashrate Index", "check HASHRATEINDEX_BASE_URL points at the Hashrate Index API", ct);

    /// <summary>As above; <paramref name="api"/> names the service and <paramref name="hint"/> says what to check in the message.</summary>
    public static async Task<string> ReadAsync(HttpContent content, long maxBytes, string what, string api, string hint, CancellationToken ct)
    {
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
            throw TooLarge(api, hint, what, "is", declared, maxBytes, "as sent");
        var raw = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (raw.ConfigureAwait(false))
        {
            Stream s = new CappedStream(raw, maxBytes, () => TooLarge(api, hint, what, "is more than", maxBytes, maxBytes, "as sent"));
            // Content-Encoding lists the codings in the order they were applied: undo them last to first.
            foreach (string coding in content.Headers.ContentEncoding.Reverse())
            {
                s = coding.Trim().ToUpperInvariant() switch
                {
                    "GZIP" or "X-GZIP" => new GZipStream(s, CompressionMode.Decompress),
                    "DEFLATE" => new ZLibStream(s, CompressionMode.Decompress),
                    "BR" => new BrotliStream(s, CompressionMode.Decompress),
                    "IDENTITY" or "" => s,
                    _ => throw new InvalidDataException($"unsupported Content-Encoding '{coding}'"),
                };
            }
            s = new CappedStream(s, maxBytes, () => TooLarge(api, hint, what, "inflates to more than", maxBytes, maxBytes, "decompressed"));
            await using (s.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                await s.CopyToAsync(buffer, 81920, ct).ConfigureAwait(false);
                return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
        }
    }

    private static ResponseTooLargeException TooLarge(string api, string hint, string what, string verb, long size, long max, string how) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{api} answer to {what} {verb} {Mb(size)} {how}; the limit is {Mb(max)}. Nothing was read further; {hint}."));

    private static string Mb(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:#,0} bytes");

    /// <summary>A read-only stream that throws once more than <c>max</c> bytes have come through.</summary>
    private sealed class CappedStream(Stream inner, long max, Func<Exception> tooLarge) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            _read += n;
            if (_read > max) throw tooLarge();
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
