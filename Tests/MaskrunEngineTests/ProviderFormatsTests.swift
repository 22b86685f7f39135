import Testing
@testable import MaskrunEngine

/// Provider formats and tool output found missing in session 8 (issue 10): credentials as
/// the providers issue them and as their command-line tools print them. `«…»` marks what
/// must be masked; a line without marks must pass unchanged. Every value here is made up
/// for this file, in the shape the provider documents.
@Suite struct ProviderFormatsTests {
    @Test(arguments: [
        // Azure DevOps personal access tokens of 84 characters carry AZDO at 76.
        "export AZURE_DEVOPS_EXT_PAT=«Wq3Rt7Yu1Io5Pa9Sd2Fg6Hj0Kl4Zx8Cv3Bn7Mq1We5Rt9Yu2Io6Pa0Sd4Fg8Hj3Kl7Zx1Cv5BnMqAZDOr2Tf»",
        "git clone https://«Jk8Lm2Nb6Vc0Xz4Qa7Ws1Ed5Rf9Tg3Yh7Uj1Ik5Ol9Pa3Sd7Fg1Hj5Kl9Zx3Cv7Bn1Mq5We9RtYuAZDOx7Gp»@dev.azure.com/acme/app/_git/app",
        // An Anthropic API key of a later format version than api03.
        "ANTHROPIC_API_KEY=«sk-ant-api04-Tg5Yh9Uj3Ik7Ol1Pa5Sd9Fg3Hj7Kl1Zx5Cv9Bn3Mq7We1Rt5Yu9Io3Pa7Sd1Fg5Hj9Kl3Zx7Cv1Bn5Mq9We3Rt7YuIo5PAA»",
        // aws ecr get-login-password: base64 of {"payload":…}, alone and piped into docker login.
        "«eyJwYXlsb2FkIjoiUm5WNHQyS2w5UXcxWmI4WXA0TmM3TGQzSnM2SGYwR3Q1UmUybVUxOGtvUGEzQ3ZJeTdXeiIsImRhdGFrZXkiOiJRNHpYOG1UMWJWNiIsInZlcnNpb24iOiIyIiwidHlwZSI6IkRBVEFfS0VZIn0=»",
        "docker login -u AWS -p «eyJwYXlsb2FkIjoiUm5WNHQyS2w5UXcxWmI4WXA0TmM3TGQzSnM2SGYwR3Q1UmUybVUxOGtvUGEzQ3ZJeTdXeiIsImRhdGFrZXkiOiJRNHpYOG1UMWJWNiIsInZlcnNpb24iOiIyIiwidHlwZSI6IkRBVEFfS0VZIn0=» 210987654321.dkr.ecr.us-east-2.amazonaws.com",
        // aws ssm get-parameter --with-decryption, JSON and YAML: the value whatever its shape.
        "{\n    \"Parameter\": {\n        \"Name\": \"/prod/app/db\",\n        \"Type\": \"SecureString\",\n        \"Value\": \"«correct horse 42»\",\n        \"Version\": 3\n    }\n}",
        "Parameter:\n  Name: /prod/app/db\n  Type: SecureString\n  Value: «Rt9Yu2Io6Pa0»\n  Version: 3",
        // az storage account keys list, and the primaryKey of az servicebus/eventhubs/redis keys list.
        "[\n  {\n    \"creationTime\": \"2026-11-30T10:12:03.000000+00:00\",\n    \"keyName\": \"key2\",\n    \"permissions\": \"FULL\",\n    \"value\": \"«Mb9Hc6Pj1Sd5Fg0TyQe9Ut2Io7Pa4Kl1Zx6Cv8Bn3Mq1We5Rt9Yu2Io6Pa0Sd4Fg8Hj3Kl7Zx1Cv5Bn9Mq2We6==»\"\n  }\n]",
        "  \"primaryKey\": \"«Gy3Qe9Ut2Io7Pa4Xk9Q2mRt7Lp4Vn8Wc1Hs6Jd0Fb5K=»\",\n  \"secondaryKey\": \"«Vn8Wc1Hs6Jd0Fb5Gy3Qe9Ut2Io7Pa4Xk9Q2mRt7Lp4K=»\",",
        // doctl databases user get / Aiven: generated database passwords.
        "doadmin    primary    «AVNS_Lm7Xv4Rt8Wc1Hs6Jd0F»",
        // Prefixed keys of services the catalogue lacked, bare as their consoles show them.
        "«jina_0f1e2d3c4b5a69788796a5b4c3d2e1f0Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1H»",
        "export FIRECRAWL_API_KEY=«fc-0a1b2c3d4e5f60718293a4b5c6d7e8f9»",
        "«hawk.Zx8Cv3Bn7Mq1We5Rt9Yu.Io6Pa0Sd4Fg8Hj3Kl7Zx»",
        "-H 'X-Api-Key: «NRRA-0f1e2d3c4b5a69788796a5b4c3d2e1f00a1b2c3d4e»'",
        "X-Query-Key: «NRIQ-Zx8Cv3Bn7Mq1We5Rt9Yu2Io6Pa0Sd4Fg»",
        "«px-api-0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d»",
        // Django's generated development key, as settings.py holds it and bare.
        "SECRET_KEY = '«django-insecure-z9y8x7w6v5u4t3s2r1q0p!o@n#m$l%k^j&i*h(g_f=e+d-c)b1»'",
        "«django-insecure-m4n5b6v7c8x9z0l1k2j3h4g5f6d7s8a9p0o1i2u3y4t5r6e7w8»",
    ])
    func tokenIsMasked(_ marked: String) {
        checkMarked(marked)
    }

    @Test(arguments: [
        // The Azure DevOps CLI's own variables and words around the signature.
        "AZDO_PERSONAL_ACCESS_TOKEN is read by the provider",
        "pipeline AZDO-release-2024 finished",
        // Anthropic's documentation words that begin like a key.
        "see sk-ant-api-keys in the console",
        // A parameter that is not a SecureString, and the command that stores one.
        "        \"Type\": \"String\",\n        \"Value\": \"eu-west-1\",",
        "aws ssm put-parameter --name /prod/db --type SecureString --value file://pw.txt",
        // A table's primary key, and a storage key left as a reference.
        "  \"primaryKey\": \"customer_id\",",
        "    \"keyName\": \"key1\",\n    \"permissions\": \"FULL\",\n    \"value\": \"$STORAGE_KEY\"",
        // The prefix named in prose.
        "Aiven passwords start with AVNS_ and a random part",
        // Names and commands that begin like the new prefixes.
        "from jina_embeddings import v3",
        "fc-cache -fv && fc-list | wc -l",
        "see rfc-0a1b2c3d4e5f60718293a4b5c6d7e8f9 for the draft",
        "cp tomahawk.Zx8Cv3Bn7Mq1We5Rt9Yu.Io6Pa0Sd4Fg8Hj3Kl7Zx /tmp",
        "hawk.yml configures the scan",
        "px-api-docs.example.com",
        "pip install django-insecure-settings-check",
    ])
    func ordinaryTextStays(_ line: String) {
        checkMarked(line)
    }
}
