using FineTuneAdvisor.Web.Datasets;

namespace FineTuneAdvisor.Web.Tests.Datasets;

public sealed class HyperLogLogTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(1_000)]
    [InlineData(200_000)]
    public void Estimate_IsWithinThreePercent(int distinct)
    {
        var sketch = new HyperLogLog();
        for (var i = 0; i < distinct; i++)
        {
            sketch.Add(HyperLogLog.Mix((ulong)i));
            sketch.Add(HyperLogLog.Mix((ulong)i)); // repeats do not count
        }

        Assert.InRange(sketch.Estimate(), distinct * 0.97, distinct * 1.03);
    }

    [Fact]
    public void Merge_CountsTheUnion()
    {
        var a = new HyperLogLog();
        var b = new HyperLogLog();
        for (var i = 0; i < 50_000; i++)
        {
            a.Add(HyperLogLog.Mix((ulong)i));
            b.Add(HyperLogLog.Mix((ulong)(i + 25_000)));
        }

        a.Merge(b);

        Assert.InRange(a.Estimate(), 75_000 * 0.97, 75_000 * 1.03);
    }
}
