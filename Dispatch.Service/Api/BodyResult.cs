using Microsoft.AspNetCore.Http;

namespace Dispatch.Service.Api;

/// <summary>A parsed request body, or the 4xx result that answers a bad one.</summary>
internal readonly record struct BodyResult<T>(T? Value, IResult? Error)
    where T : class;
