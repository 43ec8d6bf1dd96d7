namespace Dispatch.Commands.Validation.Rules;

/// <summary>
/// One independent check of a worker command. Rules never stop at the first problem and never depend on each other's
/// outcome, so a response's log shows everything that was wrong with it in one go (STYLE practice 4).
/// </summary>
internal interface ICommandRule
{
    void Check(CommandCheck check);
}
