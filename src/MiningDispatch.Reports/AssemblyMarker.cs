namespace MiningDispatch.Reports; internal static class AssemblyMarker { }
