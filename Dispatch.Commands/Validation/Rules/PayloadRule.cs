using System.Buffers.Text;
using System.Text;
using Dispatch.Commands.Contract;
using Dispatch.Commands.Hub;

namespace Dispatch.Commands.Validation.Rules;

/// <summary>
/// Payload-carrying commands: binary data is base64, and the frame (decoded bytes for binary, UTF-8 bytes for text)
/// is at most <c>MaxMessageBytes</c>. Encodes the frame once, for commands that passed every other rule; must run last.
/// </summary>
internal sealed class PayloadRule : ICommandRule
{
    public void Check(CommandCheck check)
    {
        var command = check.Command;
        if (!CarriesPayload(check.Kind) || command.Data is not { } data || !OpcodeRule.IsKnown(command.Opcode))
        {
            return;
        }

        var max = check.Limits.MaxMessageBytes;
        var binary = command.Opcode == WireNames.Binary;
        int size;
        if (binary)
        {
            if (!Base64.IsValid(data, out size))
            {
                check.Fail(RejectionKinds.Payload, "binary data is not valid base64");
                return;
            }
        }
        else
        {
            size = Encoding.UTF8.GetByteCount(data);
        }

        if (size > max)
        {
            check.Fail(RejectionKinds.Payload, $"{(binary ? "binary" : "text")} payload is {size} bytes, above {max}");
            return;
        }

        if (check.Passed)
        {
            // Encoded once here; a broadcast hands this one instance to every member.
            var bytes = binary ? Convert.FromBase64String(data) : Encoding.UTF8.GetBytes(data);
            check.Payload = new OutboundMessage(bytes, binary);
        }
    }

    public static bool CarriesPayload(CommandKind kind) =>
        kind is CommandKind.Send or CommandKind.SendTo or CommandKind.SendToUser or CommandKind.Broadcast;
}
