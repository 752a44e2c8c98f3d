namespace MiningDispatch.App;

/// <summary>Bad settings or inputs in a request: a message for the user naming the flag, key or file; the CLI exits with 2.</summary>
public sealed class SettingsException(string message) : Exception(message);

