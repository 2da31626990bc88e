namespace Outlay.Sdk.Anthropic;
