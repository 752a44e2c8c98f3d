using System.Net;
using System.Net.Sockets;

namespace MiningDispatch.Tests.Shared;

/// <summary>
/// Starts an <see cref="HttpListener"/> on a free 127.0.0.1 port for the fake servers of the test projects (this file
/// is linked into each of them). The port is found by binding a <see cref="TcpListener"/> to port 0; if another
/// process takes it before the listener starts, a new port is tried (up to 5 retries).
/// </summary>
internal static class LoopbackListener
{
    public static HttpListener Start(out int port)
    {
        for (int tries = 0; ; tries++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return listener;
            }
            catch (HttpListenerException) when (tries < 5)
            {
                listener.Close();
            }
        }
    }
}
