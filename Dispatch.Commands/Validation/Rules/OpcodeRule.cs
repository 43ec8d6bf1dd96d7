using Dispatch.Commands.Contract;

namespace Dispatch.Commands.Validation.Rules;

/// <summary><c>opcode</c>, when given, is <c>text</c> or <c>binary</c>.</summary>
internal sealed class OpcodeRule : ICommandRule
{
    public void Check(CommandCheck check)
    {
        if (check.Command.Opcode is { } opcode && !IsKnown(opcode))
        {
            check.Fail(RejectionKinds.Opcode, $"opcode {WireText.Quote(opcode)} is not text or binary");
        }
    }

    public static bool IsKnown(string? opcode) => opcode is null or WireNames.Text or WireNames.Binary;
}
