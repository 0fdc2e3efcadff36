using Roughneck.Targets;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>TestStep.Count: the passed/failed/skipped line from dotnet test's TRX.</summary>
public class TestStepCountTests
{
    private const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun id="5f0c4a4e-1b1a-4c1e-9d6e-0a0a0a0a0a0a" name="runner@host 2025-11-24 10:00:00" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Times creation="2025-11-24T10:00:00.000+00:00" start="2025-11-24T10:00:00.000+00:00" finish="2025-11-24T10:00:09.000+00:00" />
          <ResultSummary outcome="Failed">
            <Counters total="260" executed="257" passed="250" failed="4" error="1" timeout="1" aborted="1" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="3" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
          </ResultSummary>
        </TestRun>
        """;

    [Fact]
    public void Failures_include_errors_timeouts_and_aborts()
    {
        Assert.Equal((250, 7, 3), TestStep.Count(Trx));
    }

    [Fact]
    public void Trx_without_counters_counts_nothing()
    {
        Assert.Equal((0, 0, 0), TestStep.Count("<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\" />"));
    }
}
