namespace MiningDispatch.Data; internal static class AssemblyMarker { }
