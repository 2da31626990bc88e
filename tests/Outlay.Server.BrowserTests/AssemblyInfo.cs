// One Chromium at a time: the CI machine has two cores, and parallel browsers only make every page slower.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
