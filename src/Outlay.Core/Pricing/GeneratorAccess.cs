using System.Runtime.CompilerServices;

// The catalog generator tool shares the import and generation code that the tests check byte for byte.
[assembly: InternalsVisibleTo("Outlay.CatalogGenerator")]
