namespace Outlay.Sdk.OpenAI;
