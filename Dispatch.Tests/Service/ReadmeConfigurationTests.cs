using System.Globalization;
using System.Reflection;
using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Service;

/// <summary>
/// The README's configuration table is the users' reference: every bindable setting of every options class (a type
/// with a <c>SectionName</c> constant) must have its row, with the environment variable and, for numbers and flags,
/// the real default.
/// </summary>
public sealed class ReadmeConfigurationTests
{
    private static readonly string[] Assemblies = ["Dispatch.Commands", "Dispatch.Pipeline", "Dispatch.Service"];

    public static TheoryData<string, string, string?> Settings()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var type in Assemblies.SelectMany(static name => Assembly.Load(name).GetTypes()))
        {
            var section = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
            if (section is null || type.GetConstructor(Type.EmptyTypes) is null)
            {
                continue;
            }

            var instance = Activator.CreateInstance(type);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(static p => p.CanWrite))
            {
                var value = property.GetValue(instance);
                var simpleDefault = value switch
                {
                    bool b => b ? "true" : "false",
                    int or long or double => Convert.ToString(value, CultureInfo.InvariantCulture),
                    _ => null,
                };
                data.Add(section, property.Name, simpleDefault);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void EverySetting_HasARow_WithItsEnvironmentVariableAndDefault(string section, string key, string? simpleDefault)
    {
        var readme = File.ReadAllLines(Path.Combine(PhpPaths.RepositoryRoot, "README.md"));
        var row = readme.SingleOrDefault(line => line.StartsWith($"| `Dispatch:{section}:{key}` |", StringComparison.Ordinal));

        Assert.True(row is not null, $"README.md has no configuration row for Dispatch:{section}:{key}");
        var cells = row.Split('|', StringSplitOptions.TrimEntries);
        Assert.Equal($"`Dispatch__{section}__{key}`", cells[2]);
        if (simpleDefault is not null)
        {
            Assert.Equal($"`{simpleDefault}`", cells[3]);
        }
    }
}
