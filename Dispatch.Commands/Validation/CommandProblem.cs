namespace Dispatch.Commands.Validation;

/// <summary>Why one command (at <paramref name="Index"/> in the list; -1 for the response as a whole) was rejected.</summary>
public sealed record CommandProblem(int Index, string? Event, string Reason);
