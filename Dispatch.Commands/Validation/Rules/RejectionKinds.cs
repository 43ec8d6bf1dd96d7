namespace Dispatch.Commands.Validation.Rules;

/// <summary>Metric tag values for rejected commands and responses. A closed set: never put worker text in a tag.</summary>
internal static class RejectionKinds
{
    public const string UnknownEvent = "unknown_event";
    public const string NullCommand = "null_command";
    public const string MissingField = "missing_field";
    public const string Opcode = "opcode";
    public const string Payload = "payload";
    public const string Room = "room";
    public const string Attrs = "attrs";
    public const string UserId = "user_id";
    public const string OpenOnly = "open_only";
    public const string Close = "close";
    public const string ScheduleClose = "schedule_close";
    public const string ForeignId = "foreign_id";

    public const string Malformed = "malformed";
    public const string WrongMode = "wrong_mode";
    public const string WrongId = "wrong_id";
    public const string TooManyCommands = "too_many_commands";
}
