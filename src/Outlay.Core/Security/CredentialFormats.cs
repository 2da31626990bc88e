namespace Outlay.Core.Security;

/// <summary>
/// Names of the credential formats <see cref="SecretDetector"/> recognises. They appear in rejections and
/// security findings in place of the value, so they are stable identifiers.
/// </summary>
public static class CredentialFormats
{
    public const string OpenAiApiKey = "openai_api_key";
    public const string AnthropicApiKey = "anthropic_api_key";
    public const string AnthropicAdminKey = "anthropic_admin_key";
    public const string AwsAccessKeyId = "aws_access_key_id";
    public const string AwsSecretAccessKey = "aws_secret_access_key";
    public const string GoogleApiKey = "google_api_key";
    public const string GoogleOAuthToken = "google_oauth_token";
    public const string AzureStorageAccountKey = "azure_storage_account_key";
    public const string AzureSharedAccessKey = "azure_shared_access_key";
    public const string AzureSasToken = "azure_sas_token";
    public const string AzureOpenAiKey = "azure_openai_key";
    public const string GitHubToken = "github_token";
    public const string SlackToken = "slack_token";
    public const string SlackWebhookUrl = "slack_webhook_url";
    public const string StripeSecretKey = "stripe_secret_key";
    public const string Jwt = "jwt";
    public const string PrivateKeyPem = "private_key_pem";
    public const string BearerToken = "bearer_token";
    public const string OutlayApiKey = "outlay_api_key";
    public const string ConnectionStringPassword = "connection_string_password";
    public const string UrlCredentials = "url_credentials";
    public const string HighEntropyString = "high_entropy_string";
}
