using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace MiningDispatch.Tests.Shared;

/// <summary>
/// An answer of a fake server: <see cref="Raw"/> replaces <see cref="Body"/> as the bytes sent (e.g. gzip),
/// <see cref="Chunked"/> sends no Content-Length, <see cref="Hang"/> never answers (until the server is disposed).
/// </summary>
internal record FakeHttpReply(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false)
{
    public byte[]? Raw { get; init; }
    public bool Chunked { get; init; }
}

/// <summary>
/// The plumbing every fake API of the tests shares (this file is linked into each test project): an
/// <see cref="HttpListener"/> on a free 127.0.0.1 port (<see cref="LoopbackListener"/>), each request answered on its
/// own task by <see cref="Answer"/>, the reply written with its status, headers and body, hung requests aborted and the
/// listener closed on dispose. A client that goes away mid-answer is not an error.
/// </summary>
internal abstract class FakeHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentBag<HttpListenerContext> _hung = [];

    protected FakeHttpServer()
    {
        _listener = LoopbackListener.Start(out int port);
        Port = port;
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>The reply to one request (read its method, URL, headers and body from <paramref name="ctx"/>).</summary>
    protected abstract FakeHttpReply Answer(HttpListenerContext ctx);

    /// <summary>Content-Type of a reply with <paramref name="status"/>.</summary>
    protected virtual string ContentType(int status) => "application/json";

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => Handle(ctx));
        }
    }

    private void Handle(HttpListenerContext ctx)
    {
        try
        {
            var reply = Answer(ctx);
            if (reply.Hang)
            {
                _hung.Add(ctx);
                return;
            }
            var bytes = reply.Raw ?? Encoding.UTF8.GetBytes(reply.Body);
            ctx.Response.StatusCode = reply.Status;
            ctx.Response.ContentType = ContentType(reply.Status);
            foreach (var (k, v) in reply.Headers ?? new Dictionary<string, string>()) ctx.Response.AddHeader(k, v);
            if (reply.Chunked) ctx.Response.SendChunked = true;
            else ctx.Response.ContentLength64 = bytes.Length;
            ctx.Response.OutputStream.Write(bytes);
            ctx.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // the client went away (timeout tests)
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        foreach (var c in _hung)
        {
            try { c.Response.Abort(); } catch (ObjectDisposedException) { }
        }
        try { _listener.Stop(); _listener.Close(); } catch (ObjectDisposedException) { }
    }
}
