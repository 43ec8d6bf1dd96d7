using Dispatch.Service.Metrics;

namespace Dispatch.Tests.Metrics;

public sealed class CloseCodeLabelTests
{
    [Theory]
    [InlineData(1000, "1000")]
    [InlineData(1006, "1006")]
    [InlineData(1011, "1011")]
    [InlineData(3000, "3xxx")]
    [InlineData(3999, "3xxx")]
    [InlineData(4000, "4xxx")]
    [InlineData(4999, "4xxx")]
    [InlineData(5000, "other")]
    [InlineData(0, "other")]
    public void ProtocolCodesKeepTheirValue_ApplicationRangesShareOneLabel(int code, string label) =>
        Assert.Equal(label, GatewayMetrics.CodeLabel(code));
}
