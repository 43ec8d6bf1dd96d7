using Dispatch.Commands.Contract;

namespace Dispatch.Commands.Hub;

/// <summary>A connection's id and a consistent copy of its metadata, for listings.</summary>
public sealed record ConnectionDetails(string Id, MetadataSnapshot Metadata);
