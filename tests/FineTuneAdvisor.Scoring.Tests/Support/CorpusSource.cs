namespace FineTuneAdvisor.Scoring.Tests.Support;

/// <summary>Where a corpus answer set comes from.</summary>
public enum CorpusSource
{
    Golden,
    Neighbour,
    Generated,
}
