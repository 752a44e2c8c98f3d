namespace MiningDispatch.Data.Prices;

/// <summary>Progress of a price load: the file being read and the bytes read so far out of all input bytes.</summary>
public readonly record struct LoadProgress(string File, long BytesRead, long TotalBytes);
