namespace Dispatch.Pipeline.Workers;

/// <summary>A thread-safe tail of the last few lines of a process's output.</summary>
internal sealed class RecentLines
{
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;
    private readonly Lock _gate = new();

    public RecentLines(int capacity = 20) => _capacity = capacity;

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_lines.Count == _capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }
}
