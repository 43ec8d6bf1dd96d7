using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Dispatch.Service.Api;

/// <summary><c>offset</c> (default 0) and <c>limit</c> (default 100, 1..1000) of an admin listing.</summary>
internal readonly record struct PageQuery(int Offset, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The page asked for, or every problem with the query (for <c>invalid_request</c>).</summary>
    public static PageQuery? Parse(IQueryCollection query, List<string> problems)
    {
        var offset = Read(query, "offset", 0, 0, int.MaxValue, problems);
        var limit = Read(query, "limit", DefaultLimit, 1, MaxLimit, problems);
        return problems.Count == 0 ? new PageQuery(offset, limit) : null;
    }

    private static int Read(IQueryCollection query, string name, int fallback, int min, int max, List<string> problems)
    {
        if (!query.TryGetValue(name, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            return fallback;
        }

        if (int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"{name} must be an integer from {min} to {max}");
        return fallback;
    }
}
