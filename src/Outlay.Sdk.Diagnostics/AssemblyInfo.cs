namespace Outlay.Sdk.Diagnostics;
