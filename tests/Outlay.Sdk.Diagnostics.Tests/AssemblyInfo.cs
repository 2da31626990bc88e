// ActivityListeners are process-wide: two tests listening to the same source names at once would see each
// other's activities, so the tests of this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
