namespace Outlay.LoadTest.Dashboard;

/// <summary>A product feature: the service it lives in, the model it mostly uses (80%) and its fallback, and how often it runs.</summary>
internal sealed record SyntheticFeature(string Name, int Service, int PrimaryModel, int SecondaryModel, double Weight, bool Batch);
