"""How each built-in detector's secrets are planted: `DETECTORS[id] = (family, planter)`.
The families match Sources/MaskrunEngine/Detectors (one file each)."""
import base64
import urllib.parse

from values import (A, AN, ANL, ANU, B32, B58, B64, B64U, BECH32, D, ESC, HEX, HEXU, assigned, card, custom,
                    discord_token, g, iban, jq_colour, jwt, k8s_token, pem, ssn, token, twitter_bearer, url_pw)


def after(prefix):
    """The secret is what follows `prefix` (which stays visible)."""
    return lambda value: value[value.index(prefix) + len(prefix):]


def pw_case(fmt, ctx):
    """A custom case around a random password: fmt has one {pw}."""
    def make(r):
        pw = url_pw(r)
        return fmt.format(pw=pw, ts=r.ts(), host=r.host()), pw, ctx
    return make


CLOUD = {
    "aws-access-key-id": token(lambda r: r.choice(["AKIA", "ASIA"]) + r.mixed(B32, 16), ["AWS_ACCESS_KEY_ID", "aws_access_key_id"]),
    "aws-secret-access-key": custom(
        lambda r: (f"aws_secret_access_key = {(v := r.mixed(B64, 40))}", v, "ini"),
        lambda r: (f'        "SecretAccessKey": "{(v := r.mixed(B64, 40))}",', v, "json"),
        lambda r: (f"AWS_SECRET_ACCESS_KEY={(v := r.mixed(B64, 40))}", v, "env"),
        lambda r: (f"$ aws configure set aws_secret_access_key {(v := r.mixed(B64, 40))}", v, "shell"),
        lambda r: (jq_colour("SecretAccessKey", v := r.mixed(B64, 40)), v, "jq-colour")),
    "aws-secret-after-key-id": custom(
        lambda r: (f"User name,Password,Access key ID,Secret access key\nci-deploy,,AKIA{r.mixed(B32, 16)},{(v := r.mixed(B64, 40))}", v, "csv"),
        lambda r: (f"aws_credentials: AKIA{r.mixed(B32, 16)}:{(v := r.mixed(B64, 40))}", v, "log")),
    "aws-session-token": token(lambda r: "IQoJb3JpZ2luX2VjE" + r.mixed(B64, r.randint(300, 600)), ["AWS_SESSION_TOKEN"]),
    "aws-mws-auth-token": token(lambda r: "amzn.mws." + r.uuid(), ["MWS_AUTH_TOKEN"]),
    "aws-bedrock-api-key": token(lambda r: "ABSKQmVkcm9ja0FQSUtleS" + r.mixed(B64, 120) + "=", ["AWS_BEARER_TOKEN_BEDROCK"]),
    "aws-bedrock-short-term-key": token(lambda r: "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t" + r.mixed(B64, 200),
                                        ["AWS_BEARER_TOKEN_BEDROCK"]),
    "aws-presigned-url-signature": custom(lambda r: (
        f"download: https://acme-artifacts.s3.amazonaws.com/builds/app.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        f"&X-Amz-Date=20261125T140000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature={(v := r.s(HEX, 64))}", v, "url")),
    "gcp-api-key": token(g("AIza", B64U, 35), ["GOOGLE_API_KEY", "FIREBASE_API_KEY"]),
    "gcp-oauth-client-secret": token(g("GOCSPX-", B64U, 28), ["GOOGLE_CLIENT_SECRET"]),
    "gcp-oauth-access-token": token(g("ya29.a0", B64U, 150), ["GOOGLE_OAUTH_ACCESS_TOKEN"]),
    "gcp-refresh-token": token(g("1//0", B64U, 100), ["GOOGLE_REFRESH_TOKEN"]),
    "gcp-service-account-key-id": custom(lambda r: (f'  "private_key_id": "{(v := r.s(HEX, 40))}",', v, "json")),
    "gcp-signed-url-signature": custom(lambda r: (
        f"https://storage.googleapis.com/acme/report.pdf?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Expires=900"
        f"&X-Goog-SignedHeaders=host&X-Goog-Signature={(v := r.s(HEX, 512))}", v, "url")),
    "firebase-cloud-messaging-server-key": token(lambda r: "AAAA" + r.mixed(B64U, 7) + ":APA91b" + r.mixed(B64U, 134),
                                                 ["FCM_SERVER_KEY"], secret=after(":")),
    "azure-storage-account-key": custom(lambda r: (
        f"AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=acme{r.s(ANL, 4)};"
        f"AccountKey={(v := r.mixed(B64, 86) + '==')};EndpointSuffix=core.windows.net", v, "env")),
    "azure-sas-token": custom(lambda r: (
        f"uploading to https://acme.blob.core.windows.net/builds/app.zip?sv=2022-11-02&ss=b&srt=co&sp=rwc"
        f"&se=2026-12-01T00:00:00Z&st=2026-11-25T00:00:00Z&spr=https&sig={(v := urllib.parse.quote(r.b64(32), safe=''))}", v, "url")),
    "azure-shared-access-key": custom(lambda r: (
        f"SERVICEBUS_CONNECTION=Endpoint=sb://acme-{r.s(ANL, 4)}.servicebus.windows.net/;"
        f"SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={(v := r.mixed(B64, 43) + '=')}", v, "env")),
    "azure-ad-client-secret": token(lambda r: r.mixed(AN, 3) + r.choice(D) + "Q~" + r.mixed(AN + "_~.-", 34),
                                    ["AZURE_CLIENT_SECRET"]),
    "azure-identifiable-key": custom(
        lambda r: (f"AccountName=acme;AccountKey={(v := r.choice(AN) + r.mixed(B64, 75) + '+ASt' + r.mixed(B64, 6) + '==')};", v, "env"),
        lambda r: ((v := r.mixed(AN, 42) + "+ACR" + r.mixed(AN, 6)), v, "neutral"),
        lambda r: (f"key: {(v := r.mixed(AN, 52) + 'JQQJ99' + r.mixed(AN, 26))}", v, "yaml")),
    "tableau-pat-secret": token(lambda r: r.mixed(B64, 21) + r.choice("AQgw") + "==:" + r.mixed(AN, 32), ["TABLEAU_PAT_SECRET"]),
    "alibaba-access-key-id": token(g("LTAI", AN, 20), ["ALIBABA_CLOUD_ACCESS_KEY_ID"]),
    "alibaba-access-key-secret": assigned(lambda r: r.mixed(AN, 30), ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIYUN_ACCESS_KEY_SECRET"]),
    "tencent-secret-id": token(g("AKID", AN, 32), ["TENCENTCLOUD_SECRET_ID"]),
    "yandex-api-key": token(g("AQVN", B64U, 36), ["YC_API_KEY"]),
    "yandex-iam-token": token(lambda r: "t1.9euelZq" + r.mixed(B64U, 60) + "." + r.mixed(B64U, 86), ["YC_TOKEN"]),
    "ibm-cloud-api-key": assigned(lambda r: r.mixed(B64U, 44), ["IBMCLOUD_API_KEY", "IBM_CLOUD_API_KEY"]),
    "cloudflare-api-token": assigned(lambda r: r.mixed(B64U, 40), ["CLOUDFLARE_API_TOKEN", "CF_API_TOKEN"]),
    "cloudflare-origin-ca-key": token(lambda r: "v1.0-" + r.s(HEX, 24) + "-" + r.s(HEX, 146), ["CF_ORIGIN_CA_KEY"]),
    "cloudflare-tunnel-token": token(g("eyJhIjoi", B64, 150), ["TUNNEL_TOKEN"]),
}

SOURCE_HOSTS = {
    "github-token": token(lambda r: r.choice(["ghp_", "gho_", "ghs_", "ghu_"]) + r.mixed(AN, 36), ["GITHUB_TOKEN", "GH_TOKEN"]),
    "github-fine-grained-token": token(lambda r: "github_pat_11" + r.mixed(ANU, 20) + "_" + r.mixed(AN, 59), ["GITHUB_TOKEN"]),
    "github-oauth-client-secret": assigned(lambda r: r.s(HEX, 40), ["GITHUB_CLIENT_SECRET", "GH_CLIENT_SECRET"]),
    "gitlab-token": token(g("glpat-", B64U, 20), ["GITLAB_TOKEN", "CI_PUSH_TOKEN"]),
    "gitlab-deploy-token": token(g("gldt-", B64U, 20), ["CI_DEPLOY_PASSWORD"]),
    "gitlab-runner-token": token(g("glrt-", B64U, 20), ["RUNNER_TOKEN"]),
    "gitlab-runner-registration-token": token(g("GR1348941", B64U, 20), ["REGISTRATION_TOKEN"]),
    "gitlab-pipeline-trigger-token": token(lambda r: "glptt-" + r.s(HEX, 40), ["TRIGGER_TOKEN"]),
    "gitlab-ci-job-token": token(g("glcbt-64_", B64U, 20), ["CI_JOB_TOKEN"]),
    "gitlab-feed-token": token(g("glft-", B64U, 20), ["FEED_TOKEN"]),
    "gitlab-incoming-mail-token": token(g("glimt-", ANL, 25), ["INCOMING_EMAIL_TOKEN"]),
    "gitlab-oauth-app-secret": token(lambda r: "gloas-" + r.s(HEX, 64), ["GITLAB_OAUTH_SECRET"]),
    "gitlab-scim-token": token(g("glsoat-", B64U, 20), ["SCIM_TOKEN"]),
    "gitlab-feature-flags-token": token(g("glffct-", B64U, 20), ["UNLEASH_INSTANCE_ID"]),
    "gitlab-agent-token": token(g("glagent-", B64U, 50), ["AGENT_TOKEN"]),
    "gitlab-session-cookie": custom(lambda r: (f"curl -sS -b '_gitlab_session={(v := r.s(HEX, 32))}' https://gitlab.example.com/api/v4/user", v, "shell")),
    "bitbucket-app-password": token(g("ATBB", AN, 32), ["BITBUCKET_APP_PASSWORD"]),
    "bitbucket-access-token": token(lambda r: "ATCTT3xFfGN0" + r.mixed(B64U, 170) + "=" + r.s(HEXU, 8), ["BITBUCKET_ACCESS_TOKEN"]),
    "atlassian-api-token": token(lambda r: "ATATT3xFfGF0" + r.mixed(B64U, 170) + "=" + r.s(HEXU, 8), ["JIRA_API_TOKEN"]),
    "azure-devops-pat": custom(
        lambda r: (f"AZURE_DEVOPS_EXT_PAT={(v := r.mixed(AN, 52) + 'JQQJ99' + r.s(AN, 1) + 'A' + r.mixed(AN, 16) + 'AZDO' + r.s(AN, 4))}", v, "env"),
        lambda r: (f"+ git clone https://{(v := r.mixed(AN, 52) + 'JQQJ99' + r.s(AN, 1) + 'B' + r.mixed(AN, 16) + 'AZDO' + r.s(AN, 4))}@dev.azure.com/acme/app/_git/app", v, "shell"),
        lambda r: (f"origin\thttps://ci:{(v := r.s('abcdefghijklmnopqrstuvwxyz234567', 52))}@dev.azure.com/acme/app/_git/app (fetch)", v, "git-remote")),
    "circleci-token": token(lambda r: "CCIPAT_" + r.mixed(AN, 22) + "_" + r.s(HEX, 40), ["CIRCLE_TOKEN"]),
    "buildkite-token": token(lambda r: "bkua_" + r.s(HEX, 40), ["BUILDKITE_API_TOKEN"]),
    "jfrog-api-key": token(g("AKCp", AN, 69), ["ARTIFACTORY_API_KEY"]),
    "jfrog-reference-token": token(g("cmVmdGtuOjAxOj", AN, 50), ["ARTIFACTORY_ACCESS_TOKEN"]),
    "sonar-token": token(lambda r: r.choice(["squ_", "sqp_", "sqa_"]) + r.s(HEX, 40), ["SONAR_TOKEN"]),
    "sonar-login-token": custom(lambda r: (f"+ mvn -B sonar:sonar -Dsonar.login={(v := r.s(HEX, 40))}", v, "ci-log")),
    "sourcegraph-token": token(lambda r: "sgp_" + r.s(HEX, 16) + "_" + r.s(HEX, 40), ["SRC_ACCESS_TOKEN"]),
    "harness-token": token(lambda r: "pat." + r.mixed(B64U, 22) + "." + r.s(HEX, 24) + "." + r.mixed(AN, 20), ["HARNESS_API_KEY"]),
    "octopus-deploy-api-key": token(g("API-", ANU, 26), ["OCTOPUS_API_KEY"]),
    "travis-ci-token": assigned(lambda r: r.mixed(B64U, 22), ["TRAVIS_API_TOKEN", "TRAVIS_TOKEN"]),
    "vercel-token": assigned(lambda r: r.mixed(AN, 24), ["VERCEL_TOKEN"]),
    "netlify-token": assigned(lambda r: r.mixed(B64U, 43), ["NETLIFY_AUTH_TOKEN"]),
    "codecov-token": assigned(lambda r: r.uuid(), ["CODECOV_TOKEN"]),
    "snyk-token": assigned(lambda r: r.uuid(), ["SNYK_TOKEN"]),
}

REGISTRIES = {
    "npm-token": token(g("npm_", AN, 36), ["NPM_TOKEN", "NODE_AUTH_TOKEN"]),
    "npmrc-auth": custom(
        lambda r: (f"//registry.npmjs.org/:_authToken={(v := r.mixed(B64U, 36))}", v, "npmrc"),
        lambda r: (f"//npm.pkg.example.com/:_auth={(v := r.b64(24))}", v, "npmrc")),
    "pypi-token": token(g("pypi-AgEIcHlwaS5vcmc", B64U, 160), ["TWINE_PASSWORD", "PYPI_TOKEN"]),
    "rubygems-api-key": token(lambda r: "rubygems_" + r.s(HEX, 48), ["GEM_HOST_API_KEY"]),
    "nuget-api-key": token(g("oy2", ANL, 43), ["NUGET_API_KEY"]),
    "nuget-config-password": custom(lambda r: (f'      <add key="ClearTextPassword" value="{(v := url_pw(r))}" />', v, "xml")),
    "maven-master-password": custom(lambda r: (f"  <master>{{{(v := r.b64(32))}}}</master>", v, "xml")),
    "docker-hub-token": token(g("dckr_pat_", B64U, 27), ["DOCKERHUB_TOKEN"]),
    "docker-config-auth": custom(lambda r: (
        f'{{"auths": {{"registry.example.com": {{"auth": "{(v := base64.b64encode(("ci:" + url_pw(r)).encode()).decode())}"}}}}}}', v, "json")),
    "crates-io-token": token(g("cio", AN, 32), ["CARGO_REGISTRY_TOKEN"]),
    "clojars-token": token(g("CLOJARS_", ANL, 60), ["CLOJARS_PASSWORD"], secret=after("CLOJARS_")),
    "anaconda-token": custom(lambda r: (
        f"channels:\n  - https://conda.anaconda.org/t/{(v := r.s(ANL, 2) + '-' + r.mixed(ANL, 8) + '-' + r.mixed(ANL, 12))}/acme", v, "yaml")),
}

MESSAGING = {
    "slack-token": token(lambda r: r.choice(["xoxb-", "xoxp-"]) + r.s(D, 12) + "-" + r.s(D, 13) + "-" + r.mixed(AN, 24), ["SLACK_BOT_TOKEN"]),
    "slack-app-token": token(lambda r: "xapp-1-A" + r.mixed(ANU, 10) + "-" + r.s(D, 13) + "-" + r.s(HEX, 64), ["SLACK_APP_TOKEN"]),
    "slack-config-token": token(lambda r: "xoxe.xoxp-1-" + r.mixed(ANU, 164), ["SLACK_CONFIG_TOKEN"]),
    "slack-webhook": custom(lambda r: (
        f"SLACK_WEBHOOK_URL=https://hooks.slack.com/services/{(v := 'T' + r.mixed(ANU, 8) + '/B' + r.mixed(ANU, 10) + '/' + r.mixed(AN, 24))}", v, "env")),
    "slack-signing-secret": assigned(lambda r: r.s(HEX, 32), ["SLACK_SIGNING_SECRET"]),
    "discord-bot-token": token(discord_token, ["DISCORD_TOKEN", "DISCORD_BOT_TOKEN"]),
    "discord-webhook": custom(lambda r: (
        f"POST https://discord.com/api/webhooks/{r.s(D, 19)}/{(v := r.mixed(B64U, 68))} -> 204", v, "log")),
    "telegram-bot-token": token(lambda r: r.s(D, r.choice([9, 10])) + ":AA" + r.mixed(B64U, 33), ["TELEGRAM_BOT_TOKEN"], secret=after(":")),
    "twitch-stream-key": custom(lambda r: (f"rtmp://live.twitch.tv/app/{(v := 'live_' + r.s(D, 9) + '_' + r.mixed(AN, 30))}", v, "log")),
    "pubnub-key": token(lambda r: r.choice(["pub-c-", "sub-c-"]) + r.s(HEX, 8) + "-" + r.s(HEX, 4) + "-" + r.s(HEX, 4) + "-" + r.s(HEX, 4) + "-" + r.s(HEX, 12), ["PUBNUB_PUBLISH_KEY"]),
    "microsoft-teams-webhook": custom(lambda r: (
        f"TEAMS_WEBHOOK=https://acme.webhook.office.com/webhookb2/{(v := r.uuid() + '@' + r.uuid() + '/IncomingWebhook/' + r.s(HEX, 32) + '/' + r.uuid())}", v, "env")),
    "google-chat-webhook": custom(lambda r: (
        f"https://chat.googleapis.com/v1/spaces/AAAA{r.mixed(B64U, 7)}/messages?key=AIza{r.mixed(B64U, 35)}&token={(v := r.mixed(B64U, 43) + '%3D')}", v, "url")),
    "sendgrid-api-key": token(lambda r: "SG." + r.mixed(B64U, 22) + "." + r.mixed(B64U, 43), ["SENDGRID_API_KEY"]),
    "mailgun-api-key": token(lambda r: "key-" + r.s(HEX, 32), ["MAILGUN_API_KEY"]),
    "mailchimp-api-key": token(lambda r: r.s(HEX, 32) + "-us" + str(r.randint(1, 21)), ["MAILCHIMP_API_KEY", "MC_API_KEY"]),
    "brevo-api-key": token(lambda r: "xkeysib-" + r.s(HEX, 64) + "-" + r.mixed(AN, 16), ["BREVO_API_KEY"]),
    "postmark-token": custom(lambda r: (f'> X-Postmark-Server-Token: {(v := r.uuid())}', v, "curl-v")),
    "twilio-api-key": token(lambda r: "SK" + r.s(HEX, 32), ["TWILIO_API_KEY"]),
    "twilio-auth-token": assigned(lambda r: r.s(HEX, 32), ["TWILIO_AUTH_TOKEN"]),
    "vonage-api-secret": assigned(lambda r: r.mixed(AN, 16), ["VONAGE_API_SECRET", "NEXMO_API_SECRET"]),
    "mailjet-secret-key": assigned(lambda r: r.s(HEX, 32), ["MJ_APIKEY_PRIVATE", "MAILJET_SECRET_KEY"]),
    "matrix-access-token": token(lambda r: "syt_" + r.mixed(AN, 8) + "_" + r.mixed(AN, 20) + "_" + r.mixed(AN, 6), ["MATRIX_ACCESS_TOKEN"]),
    "resend-api-key": token(lambda r: "re_" + r.mixed(AN, 8) + "_" + r.mixed(AN, 24), ["RESEND_API_KEY"]),
}

PAYMENTS = {
    "stripe-secret-key": token(lambda r: r.choice(["sk_live_", "sk_test_"]) + r.mixed(AN, 99), ["STRIPE_SECRET_KEY", "STRIPE_API_KEY"]),
    "stripe-restricted-key": token(g("rk_live_", AN, 99), ["STRIPE_RESTRICTED_KEY"]),
    "stripe-webhook-secret": token(g("whsec_", AN, 32), ["STRIPE_WEBHOOK_SECRET"]),
    "square-access-token": token(g("EAAA", B64U, 60), ["SQUARE_ACCESS_TOKEN"]),
    "square-oauth-secret": token(g("sq0csp-", B64U, 43), ["SQUARE_APPLICATION_SECRET"]),
    "braintree-access-token": token(lambda r: "access_token$production$" + r.mixed(ANL, 16) + "$" + r.s(HEX, 32), ["BRAINTREE_ACCESS_TOKEN"]),
    "paypal-client-secret": assigned(lambda r: "E" + r.mixed(B64U, 79), ["PAYPAL_CLIENT_SECRET"]),
    "shopify-access-token": token(lambda r: "shpat_" + r.s(HEX, 32), ["SHOPIFY_ACCESS_TOKEN"]),
    "shopify-shared-secret": token(lambda r: "shpss_" + r.s(HEX, 32), ["SHOPIFY_API_SECRET"]),
    "plaid-access-token": token(lambda r: "access-production-" + r.uuid(), ["PLAID_ACCESS_TOKEN"]),
    "plaid-secret": assigned(lambda r: r.s(HEX, 30), ["PLAID_SECRET"]),
    "flutterwave-secret-key": token(lambda r: "FLWSECK-" + r.s(HEX, 32) + "-X", ["FLW_SECRET_KEY"]),
    "paddle-api-key": token(lambda r: "pdl_live_apikey_" + r.mixed(ANL, 26) + "_" + r.mixed(AN, 22) + "_" + r.mixed(ANU, 3), ["PADDLE_API_KEY"]),
    "razorpay-key-secret": assigned(lambda r: r.mixed(AN, 24), ["RAZORPAY_KEY_SECRET"]),
    "gocardless-token": assigned(lambda r: "live_" + r.mixed(B64U, 40), ["GOCARDLESS_ACCESS_TOKEN"]),
    "mercadopago-access-token": token(lambda r: f"APP_USR-{r.s(D, 16)}-{r.s(D, 6)}-{r.s(HEX, 32)}-{r.s(D, 9)}",
                                      ["MP_ACCESS_TOKEN"], secret=after("APP_USR-")),
}

AI = {
    "openai-api-key": token(lambda r: "sk-proj-" + r.mixed(B64U, 74) + "T3BlbkFJ" + r.mixed(B64U, 74), ["OPENAI_API_KEY"]),
    "anthropic-api-key": token(lambda r: "sk-ant-api03-" + r.mixed(B64U, 93) + "AA", ["ANTHROPIC_API_KEY"]),
    "anthropic-admin-key": token(lambda r: "sk-ant-admin01-" + r.mixed(B64U, 93) + "AA", ["ANTHROPIC_ADMIN_KEY"]),
    "anthropic-oauth-token": token(lambda r: "sk-ant-oat01-" + r.mixed(B64U, 93) + "AA", ["CLAUDE_CODE_OAUTH_TOKEN"]),
    "huggingface-token": token(lambda r: r.choice(["hf_", "api_org_"]) + r.s(A, 34), ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"]),
    "cohere-api-key": assigned(lambda r: r.mixed(AN, 40), ["COHERE_API_KEY", "CO_API_KEY"]),
    "groq-api-key": token(g("gsk_", AN, 52), ["GROQ_API_KEY"]),
    "tavily-api-key": token(g("tvly-", AN, 32), ["TAVILY_API_KEY"]),
    "replicate-api-token": token(g("r8_", AN, 37), ["REPLICATE_API_TOKEN"]),
    "perplexity-api-key": token(g("pplx-", AN, 48), ["PERPLEXITY_API_KEY"]),
    "xai-api-key": token(g("xai-", AN, 80), ["XAI_API_KEY"]),
    "openrouter-api-key": token(lambda r: "sk-or-v1-" + r.s(HEX, 64), ["OPENROUTER_API_KEY"]),
    "langsmith-api-key": token(lambda r: "lsv2_pt_" + r.s(HEX, 32) + "_" + r.s(HEX, 10), ["LANGSMITH_API_KEY"]),
    "langfuse-secret-key": token(lambda r: "sk-lf-" + r.uuid(), ["LANGFUSE_SECRET_KEY"]),
    "pinecone-api-key": token(lambda r: "pcsk_" + r.mixed(AN, 5) + "_" + r.mixed(AN, 63), ["PINECONE_API_KEY"]),
    "nvidia-api-key": token(g("nvapi-", B64U, 64), ["NVIDIA_API_KEY"]),
    "together-api-key": token(g("tgp_v1_", B64U, 43), ["TOGETHER_API_KEY"]),
    "fireworks-api-key": token(g("fw_", AN, 24), ["FIREWORKS_API_KEY"]),
    "wandb-api-key": assigned(lambda r: r.s(HEX, 40), ["WANDB_API_KEY"]),
    "deepseek-api-key": assigned(lambda r: "sk-" + r.s(HEX, 32), ["DEEPSEEK_API_KEY"]),
    "azure-openai-key": assigned(lambda r: r.s(HEX, 32), ["AZURE_OPENAI_API_KEY"]),
    "elevenlabs-api-key": assigned(lambda r: "sk_" + r.s(HEX, 48), ["ELEVENLABS_API_KEY", "xi-api-key"]),
    "assemblyai-api-key": assigned(lambda r: r.s(HEX, 32), ["ASSEMBLYAI_API_KEY"]),
    "deepgram-api-key": assigned(lambda r: r.s(HEX, 40), ["DEEPGRAM_API_KEY"]),
}

DATABASES = {
    "postgres-connection-string": custom(
        pw_case("DATABASE_URL=postgres://app:{pw}@{host}:5432/app", "env"),
        pw_case("{ts} INFO connecting to postgresql+psycopg://svc:{pw}@{host}/orders?sslmode=require", "log")),
    "mysql-connection-string": custom(pw_case("MYSQL_URL=mysql://root:{pw}@{host}:3306/shop", "env")),
    "mongodb-connection-string": custom(pw_case("MONGO_URI=mongodb+srv://admin:{pw}@cluster0.ab1cd.mongodb.net/?retryWrites=true", "env")),
    "mongodb-atlas-service-account-secret": token(g("mdb_sa_sk_", B64U, 40), ["MONGODB_ATLAS_CLIENT_SECRET"]),
    "redis-connection-string": custom(pw_case("REDIS_URL=redis://:{pw}@{host}:6379/0", "env"),
                                      pw_case("cache: rediss://default:{pw}@{host}:6380", "yaml")),
    "amqp-connection-string": custom(pw_case("CELERY_BROKER_URL=amqp://guest:{pw}@{host}:5672/%2F", "env")),
    "jdbc-connection-string": custom(pw_case("spring.datasource.url=jdbc:postgresql://{host}:5432/app?user=app&password={pw}&ssl=true", "properties")),
    "ado-net-connection-string": custom(pw_case("ConnectionStrings__Default=Server=tcp:sql.example.net,1433;Database=app;User ID=sa;Password={pw};Encrypt=True", "env")),
    "kafka-jaas-password": custom(pw_case('sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="svc" password="{pw}";', "properties")),
    "nats-nkey-seed": token(lambda r: r.choice(["SUA", "SAA", "SOA"]) + r.s(B32, 55), ["NATS_NKEY_SEED"]),
    "sql-password-clause": custom(pw_case("CREATE USER 'app'@'%' IDENTIFIED BY '{pw}';", "sql"),
                                  pw_case("ALTER ROLE reporting WITH PASSWORD '{pw}';", "sql")),
    "influxdb-token": assigned(lambda r: r.mixed(B64U, 86) + "==", ["INFLUX_TOKEN", "INFLUXDB_TOKEN"]),
    "neo4j-auth": custom(pw_case("NEO4J_AUTH=neo4j/{pw}", "env")),
}


def k8s_secret_yaml(r):
    values = [base64.b64encode(url_pw(r).encode()).decode() for _ in range(2)]
    text = (f"$ kubectl get secret db-credentials -o yaml\napiVersion: v1\ndata:\n  password: {values[0]}\n"
            f"  username: {values[1]}\nkind: Secret\nmetadata:\n  creationTimestamp: \"2026-11-25T10:00:00Z\"\n"
            f"  name: db-credentials\n  namespace: prod\n  resourceVersion: \"{r.randint(10 ** 6, 10 ** 8)}\"\n"
            f"  uid: {r.uuid()}\ntype: Opaque")
    return text, values, "kubectl-yaml"


def k8s_secret_manifest(r):
    value = url_pw(r)
    return (f"---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: api-keys\ntype: Opaque\nstringData:\n"
            f"  STRIPE_KEY: {value}\n---", value, "manifest")


def k8s_secret_list(r):
    value = base64.b64encode(url_pw(r).encode()).decode()
    text = ("$ kubectl get configmaps,secrets -n ci -o yaml\napiVersion: v1\nitems:\n- apiVersion: v1\n  data:\n"
            f"    LOG_LEVEL: info\n  kind: ConfigMap\n  metadata:\n    name: app-config\n- apiVersion: v1\n  data:\n"
            f"    registry-token: {value}\n  kind: Secret\n  metadata:\n    name: registry\n  type: Opaque\nkind: List")
    return text, value, "kubectl-yaml-list"


def k8s_secret_json(r):
    values = [base64.b64encode(url_pw(r).encode()).decode() for _ in range(2)]
    text = ('{\n    "apiVersion": "v1",\n    "data": {\n' f'        "password": "{values[0]}",\n'
            f'        "username": "{values[1]}"\n' '    },\n    "kind": "Secret",\n    "metadata": {\n'
            '        "name": "db-credentials"\n    },\n    "type": "Opaque"\n}')
    return text, values, "kubectl-json"


def kubeconfig_key(r):
    key, _ = pem(r, "RSA PRIVATE KEY", 6)
    value = base64.b64encode(key.encode()).decode()
    return (f"users:\n- name: admin\n  user:\n    client-certificate-data: {base64.b64encode(b'-----BEGIN CERTIFICATE-----').decode()}\n"
            f"    client-key-data: {value}", value, "kubeconfig")


INFRASTRUCTURE = {
    "vault-token": token(lambda r: r.choice(["hvs.", "hvs.CAESI"]) + r.mixed(B64U, r.choice([24, 90])), ["VAULT_TOKEN"]),
    "vault-batch-token": token(g("hvb.AAAAAQ", B64U, 130), ["VAULT_TOKEN"]),
    "vault-legacy-token": assigned(lambda r: "s." + r.mixed(AN, 24), ["VAULT_TOKEN"]),
    "terraform-cloud-token": token(lambda r: r.mixed(AN, 14) + ".atlasv1." + r.mixed(B64U, 67), ["TF_TOKEN_app_terraform_io"]),
    "digitalocean-pat": token(lambda r: "dop_v1_" + r.s(HEX, 64), ["DIGITALOCEAN_ACCESS_TOKEN"]),
    "digitalocean-oauth-token": token(lambda r: "doo_v1_" + r.s(HEX, 64), ["DO_OAUTH_TOKEN"]),
    "digitalocean-refresh-token": token(lambda r: "dor_v1_" + r.s(HEX, 64), ["DO_REFRESH_TOKEN"]),
    "heroku-api-key": token(g("HRKU-AA", B64U, 58), ["HEROKU_API_KEY"]),
    "heroku-api-key-legacy": assigned(lambda r: r.uuid(), ["HEROKU_API_KEY"]),
    "kubernetes-service-account-token": token(k8s_token, ["KUBE_TOKEN"]),
    "kubernetes-secret-data": custom(k8s_secret_yaml, k8s_secret_manifest, k8s_secret_list),
    "kubernetes-secret-data-json": custom(k8s_secret_json),
    "kubeconfig-client-key": custom(kubeconfig_key),
    "docker-swarm-join-token": token(lambda r: "SWMTKN-1-" + r.mixed(ANL, 50) + "-" + r.mixed(ANL, 25), ["SWARM_TOKEN"]),
    "grafana-service-account-token": token(lambda r: "glsa_" + r.mixed(AN, 32) + "_" + r.s(HEX, 8), ["GRAFANA_TOKEN"]),
    "grafana-cloud-token": token(lambda r: "glc_eyJvIjoi" + r.mixed(B64, 120) + "==", ["GRAFANA_CLOUD_TOKEN"]),
    "grafana-api-key": token(lambda r: "eyJrIjoi" + r.mixed(B64, 80) + "==", ["GRAFANA_API_KEY"]),
    "new-relic-user-key": token(g("NRAK-", ANU, 27), ["NEW_RELIC_API_KEY"]),
    "new-relic-admin-key": token(lambda r: "NRAA-" + r.s(HEX, 27), ["NEW_RELIC_ADMIN_KEY"]),
    "vault-unseal-key": custom(lambda r: (f"Unseal Key {r.randint(1, 5)}: {(v := r.mixed(B64, 43) + '=')}", v, "vault-init"),
                               lambda r: (f"+ vault operator unseal {(v := r.mixed(B64, 44))}", v, "ci-log")),
    "truenas-api-key": custom(lambda r: ('{"msg": "method", "method": "auth.login_with_api_key", "params": ["%s"]}' % (v := str(r.randint(1, 99)) + "-" + r.mixed(AN, 64)), v, "json")),
    "new-relic-insert-key": token(g("NRII-", B64U, 32), ["NEW_RELIC_INSERT_KEY"]),
    "new-relic-license-key": assigned(lambda r: r.s(HEX, 36) + "NRAL", ["NEW_RELIC_LICENSE_KEY", "license_key"]),
    "new-relic-browser-key": token(lambda r: "NRJS-" + r.s(HEX, 19), ["NEW_RELIC_BROWSER_KEY"]),
    "datadog-api-key": assigned(lambda r: r.s(HEX, 32), ["DD_API_KEY", "DATADOG_API_KEY"]),
    "datadog-app-key": assigned(lambda r: r.s(HEX, 40), ["DD_APP_KEY", "DATADOG_APP_KEY"]),
    "sentry-auth-token": token(lambda r: "sntrys_eyJpYXQiO" + r.mixed(B64, 120) + "_" + r.mixed(B64, 43), ["SENTRY_AUTH_TOKEN"]),
    "sentry-user-token": token(lambda r: "sntryu_" + r.s(HEX, 64), ["SENTRY_AUTH_TOKEN"]),
    "sentry-dsn": custom(lambda r: (f"SENTRY_DSN=https://{(v := r.s(HEX, 32))}@o{r.s(D, 6)}.ingest.sentry.io/{r.s(D, 7)}", v, "env")),
    "dynatrace-token": token(lambda r: "dt0c01." + r.mixed(ANU, 24) + "." + r.mixed(ANU, 64), ["DT_API_TOKEN"]),
    "ngrok-authtoken": custom(
        lambda r: (f"$ ngrok config add-authtoken {(v := str(r.randint(1, 9)) + r.mixed(AN, 26) + '_' + r.mixed(AN, 21))}", v, "shell"),
        lambda r: (f"NGROK_AUTHTOKEN={(v := str(r.randint(1, 9)) + r.mixed(AN, 26) + '_' + r.mixed(AN, 21))}", v, "env")),
    "tailscale-key": token(lambda r: "tskey-auth-k" + r.mixed(AN, 11) + "-" + r.mixed(AN, 33), ["TS_AUTHKEY"]),
    "okta-api-token": assigned(lambda r: "00" + r.mixed(B64U, 40), ["OKTA_API_TOKEN", "okta_token"]),
    "onepassword-service-account-token": token(g("ops_eyJ", B64, 300), ["OP_SERVICE_ACCOUNT_TOKEN"]),
    "onepassword-secret-key": token(lambda r: "A3-" + "-".join([r.mixed(ANU, 6), r.mixed(ANU, 6)] + [r.mixed(ANU, 5) for _ in range(4)]),
                                    ["OP_SECRET_KEY"]),
    "pulumi-token": token(lambda r: "pul-" + r.s(HEX, 40), ["PULUMI_ACCESS_TOKEN"]),
    "doppler-token": token(lambda r: r.choice(["dp.pt.", "dp.st.prd."]) + r.mixed(AN, 43), ["DOPPLER_TOKEN"]),
    "supabase-token": token(lambda r: "sbp_" + r.s(HEX, 40), ["SUPABASE_ACCESS_TOKEN"]),
    "supabase-secret-key": token(g("sb_secret_", B64U, 31), ["SUPABASE_SECRET_KEY"]),
    "planetscale-token": token(g("pscale_pw_", B64U, 43), ["DATABASE_PASSWORD"]),
    "fly-io-token": token(g("fo1_", B64U, 43), ["FLY_API_TOKEN"]),
    "databricks-token": token(lambda r: "dapi" + r.s(HEX, 32), ["DATABRICKS_TOKEN"]),
    "render-api-key": token(g("rnd_", AN, 32), ["RENDER_API_KEY"]),
    "linode-token": assigned(lambda r: r.s(HEX, 64), ["LINODE_TOKEN"]),
    "hetzner-cloud-token": assigned(lambda r: r.mixed(AN, 64), ["HCLOUD_TOKEN"]),
    "scaleway-secret-key": assigned(lambda r: r.uuid(), ["SCW_SECRET_KEY"]),
    "rancher-token": token(lambda r: "token-" + r.mixed(ANL, 5) + ":" + r.mixed(ANL, 54), ["CATTLE_TOKEN"]),
    "openshift-token": token(g("sha256~", B64U, 43), ["OPENSHIFT_TOKEN"], secret=after("sha256~")),
    "infracost-api-key": token(g("ico-", AN, 32), ["INFRACOST_API_KEY"]),
}

SAAS = {
    "linear-api-key": token(g("lin_api_", AN, 40), ["LINEAR_API_KEY"], secret=after("lin_api_")),
    "dependency-track-api-key": token(g("odt_", AN, 32), ["DTRACK_API_KEY"]),
    "voiceflow-api-key": token(lambda r: "VF.DM." + r.s(HEX, 24) + "." + r.mixed(AN, 16), ["VOICEFLOW_API_KEY"]),
    "thingsboard-device-token": custom(lambda r: (f"+ curl -X POST https://thingsboard.cloud/api/v1/{(v := r.mixed(ANL, 20))}/telemetry -d @t.json", v, "ci-log")),
    "notion-token": token(lambda r: r.choice([lambda: "ntn_" + r.s(D, 11) + r.mixed(AN, 35), lambda: "secret_" + r.mixed(AN, 43)])(),
                          ["NOTION_TOKEN"]),
    "airtable-token": token(lambda r: "pat" + r.mixed(AN, 14) + "." + r.s(HEX, 64), ["AIRTABLE_API_KEY"]),
    "figma-token": token(g("figd_", B64U, 40), ["FIGMA_TOKEN"]),
    "dropbox-token": token(g("sl.", B64U, 138), ["DROPBOX_TOKEN"]),
    "hubspot-token": token(lambda r: "pat-na1-" + r.uuid(), ["HUBSPOT_ACCESS_TOKEN"]),
    "salesforce-access-token": token(lambda r: "00D" + r.mixed(AN, 15) + "!" + r.mixed(AN, 96), ["SF_ACCESS_TOKEN"]),
    "twitter-bearer-token": token(twitter_bearer, ["TWITTER_BEARER_TOKEN"]),
    "meta-access-token": token(g("EAAB", AN, 160), ["FB_ACCESS_TOKEN"]),
    "mapbox-secret-token": token(lambda r: "sk.eyJ1IjoiYWNtZSIsImEiOiJ" + r.mixed(B64U, 20) + "." + r.mixed(B64U, 22), ["MAPBOX_DOWNLOADS_TOKEN"]),
    "contentful-token": token(g("CFPAT-", B64U, 43), ["CONTENTFUL_MANAGEMENT_TOKEN"]),
    "postman-api-key": token(lambda r: "PMAK-" + r.s(HEX, 24) + "-" + r.s(HEX, 34), ["POSTMAN_API_KEY"]),
    "typeform-token": token(lambda r: "tfp_" + r.mixed(B64U, 44) + "_" + r.mixed(AN, 14), ["TYPEFORM_TOKEN"]),
    "prefect-api-key": token(g("pnu_", AN, 36), ["PREFECT_API_KEY"]),
    "readme-api-key": token(g("rdme_", ANL, 70), ["README_API_KEY"]),
    "adafruit-io-key": token(g("aio_", AN, 28), ["ADAFRUIT_IO_KEY"]),
    "easypost-api-key": token(g("EZAK", AN, 54), ["EASYPOST_API_KEY"]),
    "shippo-token": token(lambda r: "shippo_live_" + r.s(HEX, 40), ["SHIPPO_TOKEN"], secret=after("shippo_")),
    "duffel-token": token(g("duffel_live_", B64U, 43), ["DUFFEL_ACCESS_TOKEN"]),
    "scalingo-token": token(g("tk-us-", B64U, 48), ["SCALINGO_API_TOKEN"]),
    "frameio-token": token(g("fio-u-", B64U, 64), ["FRAMEIO_TOKEN"]),
    "launchdarkly-key": token(lambda r: "sdk-" + r.uuid(), ["LD_SDK_KEY"]),
    "algolia-admin-key": assigned(lambda r: r.s(HEX, 32), ["ALGOLIA_ADMIN_KEY"]),
    "zapier-webhook": custom(lambda r: (f"ZAPIER_HOOK=https://hooks.zapier.com/hooks/catch/{(v := r.s(D, 7) + '/' + r.mixed(ANL, 6))}/", v, "env")),
    "ifttt-webhook-key": custom(lambda r: (f"+ curl -X POST https://maker.ifttt.com/trigger/deploy_done/with/key/{(v := r.mixed(B64U, 22))}", v, "ci-log")),
}


def private_key(r):
    kind = r.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"])
    block, body = pem(r, kind, r.randint(4, 12))
    return f"$ cat deploy_key\n{block}", body, "pem"


def private_key_json(r):
    block, body = pem(r, "PRIVATE KEY", r.randint(4, 12))
    escaped = block.replace("\n", "\\n")
    return (f'{{"type": "service_account", "project_id": "acme-prod", "private_key": "{escaped}\\n", '
            f'"client_email": "ci@acme-prod.iam.gserviceaccount.com"}}', body.split("\n"), "json")


def pgp_key(r):
    body = [r.b64(48) for _ in range(6)]
    return ("-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2.0.22 (GNU/Linux)\n\n" + "\n".join(body) +
            f"\n={r.s(B64, 4)}\n-----END PGP PRIVATE KEY BLOCK-----", body, "pgp")


def ppk(r):
    private = [r.s(B64, 64) for _ in range(2)]
    return ("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20261125\nPublic-Lines: 2\n"
            f"AAAAC3NzaC1lZDI1NTE5AAAAI{r.s(B64, 39)}\n{r.s(B64, 20)}\nPrivate-Lines: 2\n" + "\n".join(private) +
            f"\nPrivate-MAC: {r.s(HEX, 64)}", private, "ppk")


PRIVATE_KEYS = {
    "private-key": custom(private_key, private_key_json, pgp_key),
    "private-key-base64": custom(lambda r: (
        f"SSH_PRIVATE_KEY_B64={(v := base64.b64encode(pem(r, 'OPENSSH PRIVATE KEY', 6)[0].encode()).decode())}", v, "env")),
    "putty-private-key": custom(ppk),
    "age-secret-key": custom(lambda r: (
        f"# created: 2026-11-25T10:00:00Z\n# public key: age1{r.s(BECH32.lower(), 58)}\n"
        f"AGE-{(v := 'SECRET-KEY-1' + r.s(BECH32, 58))}", v, "age")),
    "wireguard-private-key": custom(lambda r: (
        f"[Interface]\nPrivateKey = {(v := r.mixed(B64, 42) + r.choice('AEIMQUYcgkosw048') + '=')}\nAddress = 10.8.0.{r.randint(2, 250)}/24", v, "wg")),
    "jwk-private-key": custom(lambda r: (
        f'{{"kty":"EC","crv":"P-256","x":"{r.s(B64U, 43)}","y":"{r.s(B64U, 43)}","d":"{(v := r.mixed(B64U, 43))}"}}', v, "json")),
    "bip32-extended-private-key": token(lambda r: "xprv9s21ZrQH143K" + r.s(B58, 95), ["WALLET_XPRV"]),
}


def basic(r):
    return base64.b64encode(f"{r.choice(['ci', 'deploy', 'admin'])}:{url_pw(r)}".encode()).decode()


WEB = {
    "jwt": token(lambda r: jwt(r, {"sub": r.uuid(), "name": "Build Bot", "iat": 1764000000 + r.randint(0, 10 ** 6)}), ["ID_TOKEN"]),
    "authorization-header": custom(
        lambda r: (f"> Authorization: Bearer {(v := r.mixed(B64U, 40))}", v, "curl-v"),
        lambda r: (f"> Authorization: Basic {(v := basic(r))}", v, "curl-v"),
        lambda r: (f'-H "Authorization: token {(v := r.mixed(AN, 32))}"', v, "shell")),
    "cookie-header": custom(
        lambda r: (f"> Cookie: sid={(v := r.mixed(B64U, 32))}; theme=dark", v, "curl-v"),
        lambda r: (f"< Set-Cookie: auth={(v := r.mixed(B64U, 40))}; Path=/; Secure; HttpOnly", v, "curl-v")),
    "api-key-header": custom(
        lambda r: (f"> X-Api-Key: {(v := r.mixed(AN, 32))}", v, "curl-v"),
        lambda r: (f'-H "Ocp-Apim-Subscription-Key: {(v := r.s(HEX, 32))}"', v, "shell")),
    "session-cookie": custom(
        lambda r: (f'{r.ts()} GET /app/orders;jsessionid={(v := r.mixed(HEXU, 32))} HTTP/1.1 200', v, "access-log"),
        lambda r: (f"redirect to /dashboard?PHPSESSID={(v := r.mixed(ANL, 26))}", v, "log")),
    "bearer-token": custom(lambda r: (f"{r.ts()} DEBUG upstream call using Bearer {(v := r.mixed(B64U, 40))}", v, "log")),
    "basic-auth-credentials": custom(lambda r: (f"{r.ts()} DEBUG proxy credentials Basic {(v := basic(r))} accepted", v, "log")),
    "url-credentials": custom(
        lambda r: (f"origin\thttps://deploy:{(v := url_pw(r))}@git.example.com/acme/app.git (fetch)", v, "git-remote"),
        lambda r: (f"Cloning into 'app'... https://oauth2:{(v := url_pw(r))}@gitlab.example.com/acme/app.git", v, "ci-log")),
    "curl-user-password": custom(pw_case("+ curl -fsS -u admin:{pw} https://jenkins.example.com/api/json", "ci-log")),
    "netrc-password": custom(pw_case("machine api.example.com login bob password {pw}", "netrc")),
    "command-line-password": custom(pw_case("+ sshpass -p {pw} ssh deploy@bastion.example.com uptime", "ci-log"),
                                    pw_case("+ redis-cli -h {host} -a {pw} PING", "ci-log"),
                                    pw_case("+ mysqldump -u root -p{pw} shop > /backup/shop.sql", "ci-log"),
                                    pw_case("+ docker login -u ci -p {pw} registry.example.com", "ci-log")),
    "password-hash": custom(lambda r: (f"deploy:{(v := '$6$' + r.s(B64.replace('+', '.'), 16) + '$' + r.s(B64.replace('+', '.'), 86))}:20050:0:99999:7:::", v, "shadow")),
    "credential-argument": custom(lambda r: (f'smtp.Credentials = new NetworkCredential("mailer@example.org", "{(v := r.mixed(AN, 14))}");', v, "code")),
    "url-query-secret": custom(lambda r: (f'{r.ts()} "GET /oauth/callback?state={r.s(ANL, 8)}&code={(v := r.mixed(B64U, 40))} HTTP/1.1" 302', v, "access-log")),
    "secret-field": custom(
        pw_case("DB_PASSWORD={pw}", "env"),
        pw_case('{{"user": "svc", "password": "{pw}"}}', "json"),
        pw_case("+ ./migrate --password {pw} --user svc", "ci-log"),
        pw_case("  client_secret: {pw}", "yaml"),
        lambda r: (jq_colour("password", v := url_pw(r)), v, "jq-colour")),
    "secret-field/passphrase": custom(pw_case("SMTP_PASS={pw}", "env")),
    "secret-field/key": custom(lambda r: (f"APP_KEY=base64:{(v := r.b64(32))}", "base64:" + v, "env"),
                               lambda r: (f"  webhook_secret: {(v := r.mixed(AN, 32))}", v, "yaml")),
    "secret-field/xml": custom(pw_case("      <server><id>nexus</id><username>ci</username><password>{pw}</password></server>", "xml")),
}

PERSONAL = {
    "payment-card-number": custom(
        lambda r: (f"{r.ts()} INFO charge ok card={(v := card(r))} amount=42.00", v, "log"),
        lambda r: (f'{{"order": {r.randint(1000, 99999)}, "pan": "{(v := card(r))}"}}', v, "json"),
        lambda r: (jq_colour("card", v := card(r)), v, "jq-colour")),
    "iban": custom(lambda r: (f"payout to IBAN {(v := iban(r))} scheduled", v, "log"),
                   lambda r: (f"Konto {(v := iban(r).replace(' ', '-'))} belastet", v, "log"),
                   lambda r: (f'{{"beneficiary": "ACME GmbH", "iban": "{(v := iban(r))}"}}', v, "json")),
    "us-ssn": custom(lambda r: (f"applicant ssn: {(v := ssn(r))}", v, "log"),
                     lambda r: (f'{{"name": "J. Doe", "ssn": "{(v := ssn(r))}"}}', v, "json"),
                     lambda r: (f"SSN on file {(v := ssn(r).replace('-', r.choice(['.', ' '])))} verified", v, "log")),
    "us-ssn-labelled": custom(lambda r: (f"SSN: {(v := ssn(r).replace('-', ''))}", v, "log")),
    "email-address": custom(lambda r: (f"{r.ts()} INFO password reset requested by {(v := r.s(ANL, 6) + '.' + r.s(ANL, 7) + '@' + r.choice(['gmail.com', 'example.org', 'corp.acme.co.uk']))}", v, "log")),
    "phone-number": custom(lambda r: (f"sms sent to {(v := '+1 ' + str(r.randint(201, 989)) + ' 555 ' + r.s(D, 4))}", v, "log"),
                           lambda r: (f"callback: {(v := '+44 20 7946 ' + r.s(D, 4))}", v, "log")),
    "ipv4-address": custom(lambda r: (f"login from {(v := f'{r.randint(11, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}')} accepted", v, "log")),
    "ipv6-address": custom(lambda r: (f"login from {(v := '2001:db8:' + ':'.join(r.s(HEX, 4) for _ in range(6)))} accepted", v, "log")),
}

# Provider formats added from the public catalogues' rule lists (session 3).
CLOUD.update({
    "aws-appsync-api-key": token(g("da2-", ANL, 26), ["APPSYNC_API_KEY", "x-api-key"]),
    "cloudflare-scannable-token": token(lambda r: r.choice(["cfut_", "cfat_", "cfk_"]) + r.mixed(AN, 40) + r.s(HEX, 8),
                                        ["CLOUDFLARE_API_TOKEN"]),
})
SOURCE_HOSTS.update({
    "sonarcloud-token": token(g("sqco_", AN, 59), ["SONAR_TOKEN"]),
    "sourcegraph-cody-token": token(g("slk_", HEX, 64), ["CODY_GATEWAY_TOKEN"]),
    "bitbucket-data-center-token": token(g("BBDC-", B64, 44), ["BITBUCKET_TOKEN"]),
    "netlify-personal-access-token": token(g("nfp_", AN, 36), ["NETLIFY_AUTH_TOKEN"]),
    "vercel-prefixed-token": token(lambda r: r.choice(["vcp_", "vci_", "vca_", "vcr_", "vck_"]) + r.mixed(AN, 56), ["VERCEL_TOKEN"]),
})
PAYMENTS.update({
    "pagarme-api-key": token(lambda r: r.choice(["ak_live_", "ak_test_"]) + r.mixed(AN, 30), ["PAGARME_API_KEY"]),
    "ramp-api-credential": token(lambda r: r.choice([lambda: "ramp_sec_" + r.mixed(AN, 48), lambda: "ramp_id_" + r.mixed(AN, 40)])(),
                                 ["RAMP_CLIENT_SECRET"]),
    "fleetbase-api-key": token(g("flb_live_", AN, 20), ["FLEETBASE_KEY"]),
})
AI.update({
    "sk-dash-api-key": token(lambda r: r.choice([lambda: "sk-" + r.s(HEX, 32), lambda: "sk-" + r.mixed(AN, 48)])(),
                             ["DEEPSEEK_API_KEY", "BRAINTRUST_API_KEY"]),
    "sk-underscore-hex-key": token(lambda r: "sk_" + r.s(HEX, r.choice([32, 48])), ["ELEVEN_API_KEY", "IEX_TOKEN"]),
})
INFRASTRUCTURE.update({
    "new-relic-eu-key": token(lambda r: "eu01xx" + r.choice([lambda: r.s(HEX, 30) + "NRAL", lambda: r.s(HEX, 36) + "-NRMA"])(),
                              ["NEW_RELIC_LICENSE_KEY"]),
    "nightfall-api-key": token(g("NF-", AN, 32), ["NIGHTFALL_API_KEY"]),
    "ubidots-token": token(g("BBFF-", AN, 30), ["UBIDOTS_TOKEN"]),
    "fullstory-api-key": token(g("na1.", B64, 100), ["FULLSTORY_API_KEY"]),
})
SAAS.update({
    "apify-api-token": token(g("apify_api_", AN, 36), ["APIFY_TOKEN"]),
    "bannerbear-api-key": token(lambda r: r.choice(["bb_pr_", "bb_ma_"]) + r.s(HEX, 30), ["BANNERBEAR_API_KEY"]),
    "flexport-api-key": token(g("shltm_", B64U, 40), ["FLEXPORT_API_KEY"]),
    "zoho-oauth-token": token(lambda r: "1000." + r.s(HEX, 32) + "." + r.s(HEX, 32), ["ZOHO_REFRESH_TOKEN"]),
    "rootly-api-key": token(g("rootly_", HEX, 64), ["ROOTLY_API_TOKEN"]),
    "teamwork-api-token": token(lambda r: "tkn.v1_" + r.mixed(B64, 71) + "=", ["TEAMWORK_TOKEN"]),
    "locationiq-access-token": token(g("pk.", HEX, 32), ["LOCATIONIQ_KEY"]),
    "lob-api-key": token(lambda r: r.choice(["live_", "test_"]) + r.s(HEX, 35), ["LOB_API_KEY"]),
    "clickup-api-token": token(lambda r: "pk_" + r.s(D, 8) + "_" + r.s(ANU, 32), ["CLICKUP_TOKEN"]),
    "photoroom-api-key": token(lambda r: "sk_pr_" + r.s(ANL, 8) + "_" + r.s(HEX, 40), ["PHOTOROOM_API_KEY"]),
    "alchemy-api-key": token(g("alcht_", AN, 30), ["ALCHEMY_API_KEY"]),
    "saladcloud-api-key": token(g("salad_cloud_org_", AN, 48), ["SALAD_API_KEY"]),
    "maxmind-license-key": custom(
        lambda r: (f"LicenseKey {(v := r.mixed(AN, 6) + '_' + r.mixed(AN, 29) + '_mmk')}", v, "conf"),
        lambda r: (f"MAXMIND_LICENSE_KEY={(v := r.mixed(AN, 6) + '_' + r.mixed(AN, 29) + '_mmk')}", v, "env"),
        lambda r: (f"geoipupdate: downloading with key {(v := r.mixed(AN, 6) + '_' + r.mixed(AN, 29) + '_mmk')}", v, "neutral")),
})

from names import NAME_FAMILIES

FAMILIES = {
    "cloud": CLOUD, "source-hosts": SOURCE_HOSTS, "registries": REGISTRIES, "messaging": MESSAGING, "payments": PAYMENTS,
    "ai": AI, "databases": DATABASES, "infrastructure": INFRASTRUCTURE, "saas": SAAS, "private-keys": PRIVATE_KEYS,
    "web": WEB, "personal-data": PERSONAL,
}
# `fields` detectors are planted with the web family's secret-bearing names.
for _id in ("secret-field", "secret-field/passphrase", "secret-field/key", "secret-field/xml"):
    FAMILIES.setdefault("fields", {})[_id] = WEB.pop(_id)
# Families of name-based cases: case styles, syntaxes, structures, command lines, truncation, repeats.
for _id, (_family, _planter) in NAME_FAMILIES.items():
    FAMILIES.setdefault(_family, {})[_id] = _planter

DETECTORS = {id_: (family, planter) for family, table in FAMILIES.items() for id_, planter in table.items()}
