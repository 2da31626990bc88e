namespace Outlay.Sdk.Extensions.AI;
