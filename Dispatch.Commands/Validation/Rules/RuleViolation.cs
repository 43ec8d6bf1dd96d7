namespace Dispatch.Commands.Validation.Rules;

/// <param name="Kind">A bounded label from <see cref="RejectionKinds"/>, used as a metric tag.</param>
/// <param name="Reason">Human-readable detail for logs.</param>
internal readonly record struct RuleViolation(string Kind, string Reason);
