namespace Outlay.Storage.ClickHouse;

/// <summary>Names of the ClickHouse error codes the store meets, for messages that carry no server text.</summary>
internal static class ClickHouseErrors
{
    public static string NameOf(int code) => code switch
    {
        0 => "no code",
        27 => "CANNOT_PARSE_INPUT_ASSERTION_FAILED",
        36 => "BAD_ARGUMENTS",
        47 => "UNKNOWN_IDENTIFIER",
        53 => "TYPE_MISMATCH",
        57 => "TABLE_ALREADY_EXISTS",
        60 => "UNKNOWN_TABLE",
        62 => "SYNTAX_ERROR",
        81 => "UNKNOWN_DATABASE",
        159 => "TIMEOUT_EXCEEDED",
        192 => "UNKNOWN_USER",
        193 => "WRONG_PASSWORD",
        194 => "REQUIRED_PASSWORD",
        241 => "MEMORY_LIMIT_EXCEEDED",
        252 => "TOO_MANY_PARTS",
        _ => "see the ClickHouse error code list",
    };
}
