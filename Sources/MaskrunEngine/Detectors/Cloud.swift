/// Cloud providers: AWS (AppSync too), Google Cloud, Azure, Alibaba, Tencent, Yandex, IBM,
/// Cloudflare.
extension BuiltinDetectors {
    static let cloud: [Detector] = [
        Detector(
            id: "aws-access-key-id",
            description: "AWS access key id (AKIA…, ASIA… and the other documented prefixes)",
            pattern: #"\b((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})\b"#, group: 1,
            prefilter: Prefilter(keywords: ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"]),
            validator: Validators.notFiller(afterAnyOf: ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"]),
            examples: ["aws_access_key_id = «AKIAZ3MSJV4WWNKWW5FG»", "export KEY=«ASIAY34FZKBOKMUTVV7A»",
                       "?X-Amz-Credential=«AKIAQ7R2MZWX5KEYN3TB»%2F20261202%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20261202T101010Z"],
            counterexamples: ["AKIAZ3MSJV4WWNKWW5FGX1 is too long", "akiaz3msjv4wwnkww5fg", "key = AKIAXXXXXXXXXXXXXXXX"]),
        Detector(
            id: "aws-secret-access-key",
            description: "AWS secret access key next to its name in config files, environments and STS JSON",
            pattern: #"(?<![A-Za-z0-9])(?i:(?:aws[_.-]?)?secret[_.-]?(?:access[_.-]?)?key)["']?[ \t]*+(?::=|=>|[:=])?[ \t]*+["']?"#
                + #"([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"#,
            group: 1,
            prefilter: Prefilter(
                keywords: ["aws_secret", "aws-secret", "aws.secret", "awssecret", "secret_access", "secret-access",
                           "secretaccess", "secret_key", "secret-key", "secretkey"],
                caseless: true),
            examples: ["aws_secret_access_key = «0xdmrzzbSZf6/I/pA0eMrVJas1LqFYkTFOK8dlEO»",
                       "AWS_SECRET_ACCESS_KEY=«tTJpT522gSg52cLd4IIh8HEuX/0x38IrDXFyUmR4»",
                       #"    "SecretAccessKey": "«YNtdkPyz2TTUWWnTQO/N7tFvNA4apreI/0RaFKqI»","#,
                       "$ aws configure set aws_secret_access_key «/RAlJNGSQpHYhzLD+K2WV4Rg3t5cbP5iyNt5pW2x»"],
            counterexamples: ["aws_secret_access_key is required", "secret_key = short"]),
        Detector(
            id: "aws-secret-after-key-id",
            description: "AWS secret access key right after its key id (credentials CSV, id:secret, id=secret)",
            pattern: #"(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}["']?(?:[ \t]*+[,:;|=][ \t]*+|[ \t]++)["']?"#
                + #"([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"#,
            group: 1,
            prefilter: Prefilter(keywords: ["AKIA", "ASIA"]),
            examples: ["default,AKIAVTLR0WZ5F9464NF6,«RjOFx7QwnxBfJKfi9pOJbC81SHn0mwxUkOi/U5OA»",
                       #""ASIAIV61JXNS0ZAE20PE","«gfRM1e7jNvvdaDzes8rDCwYa+SWrMO1RP8hgTYP3»""#],
            counterexamples: ["AKIAWLV1IERL73M5K4X7 created 2026-11-25T14:00:00Z"]),
        Detector.prefixed(
            id: "aws-session-token",
            description: "AWS STS session token (temporary credentials)",
            prefixes: ["IQoJb3JpZ2lu", "FwoGZXIvYXdz", "FQoGZXIvYXdz"], body: #"[A-Za-z0-9+/%]{100,4000}+={0,2}"#,
            tail: "A-Za-z0-9+/%=",
            examples: ["AWS_SESSION_TOKEN=«IQoJb3JpZ2luX2VjE/LUEfjuoKffoshrWyEIrj6dqRAzy+T8X0LHXrPXCU4xAF3K8sE+9MbxYd/0sTK7L7IPglwImyg5dosx/wcfrHDwjaZWZaMNg63gDFyIw9EYS3ixk+uRpPDf0EkjJhS9sLT3Pl06Hk4aZKJwqpvLg1D8zEW0dGGSbBJByNmdVv0Dz7pH0nAgwYOhCpGzbZZuViFzhNc3g7FwLB7UpZlTj8JoGX4ySnjXOw7ZSp5IlWValnYfGGkXMccGHoMFGnyhX6WuUJuMD1vHY5uhRLEtdGWgbNKczoN5JGnbetHDa+Q0i==»",
                       #""SessionToken": "«FwoGZXIvYXdzEqZiKLxLzsMzjbsimh9o3pjIgfwszhpkmESnayGnzwayvWMcQHwXEeO4c2/T36eZfIVykSzexFNwcGUk6GCf/5HVCVZjbGAuQ3NOvKSx82XM6nDxL6fyvi4F4GNYdw4DShfwJnSYExt6b2hN3rZmQzzTxjA1OHRAzIn/2a/BehZ1BKO0QoAIOXNjDHNtl+b11/+JCM8VRBKeBmvupsZEW4QZV8iPMmxnsfW7Aa07qvhy7FeAjkiYW2o1/qh»""#],
            counterexamples: ["IQoJb3JpZ2lu alone"]),
        Detector.prefixed(
            id: "aws-ecr-login-token",
            description: "Amazon ECR registry password (aws ecr get-login-password: base64 of {\"payload\":…})",
            // The password docker login takes is base64 JSON; its start encodes `{"payload":"`.
            prefixes: ["eyJwYXlsb2FkIjoi"], body: #"[A-Za-z0-9+/]{100,12000}+={0,2}"#, tail: "A-Za-z0-9+/=",
            examples: ["«eyJwYXlsb2FkIjoiZHZ3UVlGS1JmYXpENis2eC9ZekwrZENpMDh3T2hNSXh3TkhyZUwvYVNJRStZUzY0a3QyUlVNb3QvWm5UdGtKY3NmQmxyY2lFMmd3bTFXeU9WRFpVbU9Cd3JWM2RSMDUwMUtJa01FS051VCtUSVlDUnJ4UG1zcHVBIiwiZGF0YWtleSI6Ii9hSEVXV3IzNFBLWmMvOFR3UE41UTRMOHl1NmNHWkc1T05iQUN1M0xaZHB4WkFsbEtwemNsSzF2cG10bCIsInZlcnNpb24iOiIyIiwidHlwZSI6IkRBVEFfS0VZIiwiZXhwaXJhdGlvbiI6MTc5NjAwMDAwMH0=»", "aws ecr get-login-password | docker login --username AWS --password «eyJwYXlsb2FkIjoiZHZ3UVlGS1JmYXpENis2eC9ZekwrZENpMDh3T2hNSXh3TkhyZUwvYVNJRStZUzY0a3QyUlVNb3QvWm5UdGtKY3NmQmxyY2lFMmd3bTFXeU9WRFpVbU9Cd3JWM2RSMDUwMUtJa01FS051VCtUSVlDUnJ4UG1zcHVBIiwiZGF0YWtleSI6Ii9hSEVXV3IzNFBLWmMvOFR3UE41UTRMOHl1NmNHWkc1T05iQUN1M0xaZHB4WkFsbEtwemNsSzF2cG10bCIsInZlcnNpb24iOiIyIiwidHlwZSI6IkRBVEFfS0VZIiwiZXhwaXJhdGlvbiI6MTc5NjAwMDAwMH0=» 123456789012.dkr.ecr.eu-west-1.amazonaws.com"],
            counterexamples: ["eyJwYXlsb2FkIjoiIn0=", "echo eyJwYXlsb2FkIjoi is base64 of a JSON payload key"]),
        Detector(
            id: "aws-ssm-secure-string",
            description: "Decrypted value of an AWS SSM SecureString parameter (aws ssm get-parameter --with-decryption)",
            // The CLI prints Type before Value, in JSON and in YAML; the value is the secret
            // whatever its shape, so it is taken whole. (A counted group would be copied that
            // many times into the compiled pattern, too large once wrapped in `\G(?:…)`.)
            // `--output text` prints a tab-separated row (ending in the version unless a query
            // chose the columns), `--output table` a Type row then a Value row.
            pattern: #"(?|(?<=")SecureString",\s*+"Value"\s*+:\s*+"((?:[^"\\\n]++|\\.)++)"|(?<=Type: )SecureString\r?\n[ \t]*+Value: ((?![ \t]*+\r?\n)[^\r\n]{1,4096}+)"#
                + #"|(?<=\t)SecureString\t([^\t\r\n]{1,4096}+)(?:\t[0-9]++)?(?=\r?\n|$)"#
                + #"|(?<=\|[ \t]|[ \t]{2})SecureString[ \t]*+\|\|\r?\n\|\|[ \t]*+Value[ \t]*+\|[ \t]*+([^\s|][^|\r\n]{0,4094}?)[ \t]*+\|\|)"#,
            group: 1,
            prefilter: Prefilter(keywords: ["SecureString"]),
            examples: [
                "        \"Type\": \"SecureString\",\n        \"Value\": \"«Hs6Jd0Fb5Gy3Qe9U»\",\n        \"Version\": 3",
                "{\"Name\":\"/prod/api\",\"Type\":\"SecureString\",\"Value\":\"«k\\\"9Vb4Nc8Kp1»\",\"Version\":1}",
                "  Type: SecureString\n  Value: «pg-prod 7Yq2Lm9Rt4»\n  Version: 3",
                "/prod/db\tSecureString\t«Tz8Lq3Wk6Rm1»",
                "PARAMETER\tarn:aws:ssm:eu-west-1:123456789012:parameter/prod/db\ttext\t1764670000.0\t/prod/db\tSecureString\t«Wq4-Lz8Rk2Tm6V»\t3",
                "||  Type     |  SecureString                 ||\n||  Value    |  «Hq3Lm7 Zx9Rt2»               ||\n||  Version  |  1                            ||",
            ],
            counterexamples: ["\"Type\": \"String\",\n \"Value\": \"eu-west-1\"", "aws ssm put-parameter --type SecureString --value file://p.txt",
                              "  Type: SecureString\n  Value:\n"]),
        Detector.prefixed(
            id: "aws-mws-auth-token",
            description: "Amazon Marketplace Web Service auth token",
            prefixes: ["amzn.mws."], body: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#,
            examples: ["MWS_AUTH_TOKEN=«amzn.mws.126eb1ac-e69c-8393-c208-5cd281c2f188»"],
            counterexamples: ["amzn.mws.example"]),
        Detector.prefixed(
            id: "aws-bedrock-api-key",
            description: "Amazon Bedrock long-term API key (ABSK…)",
            prefixes: ["ABSK"], body: #"[A-Za-z0-9+/]{109,269}={0,2}"#, tail: "A-Za-z0-9+/=",
            examples: ["AWS_BEARER_TOKEN_BEDROCK=«ABSKQmVkcm9ja0FQSUtleSdt4zXfHkdelS6PumybOsnLsR1p0vFSQTUxmX+gFnPs8fCWDqoDTAKEyGiihpOzkHn1+BVdk3QCRovQyPl3ku9LyMeqfhoAundEFZ/uClglGi3KVzJzpKYPnXG7bv7qXaOC=»"],
            counterexamples: ["ABSK is a prefix"]),
        Detector.prefixed(
            id: "aws-bedrock-short-term-key",
            description: "Amazon Bedrock short-term API key (bedrock-api-key-…)",
            prefixes: ["bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t"], body: #"[A-Za-z0-9+/=%_-]{20,4000}+"#,
            tail: "",
            examples: ["token: «bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tlOOw5eyymvWW+UCk4s5l4Qa6S0oi/WqrUSyUrAeAYdQN4LtfBo+dD59wGWZ3YwZCOHudgpCToaqRDJcTePHpfMPuWEtlUO3WL2zBXsIqKQJCQ23lTGZ7aQrnXr7+yV0AyEHtJP+vu9n2nOduYSiwArz71TMq0mNmNt4gdG+GfXEs8/GnuteHKOw/lYUW/d1KLCDjxM6C»"],
            counterexamples: ["bedrock-api-key- is the prefix"]),
        Detector.prefixed(
            id: "aws-appsync-api-key",
            description: "AWS AppSync GraphQL API key (da2-…)",
            prefixes: ["da2-"], body: #"[a-z0-9]{26}"#, tail: "A-Za-z0-9",
            examples: [#"headers: { "x-api-key": "«da2-29326ml64lg2tjf8cz2ka7edcm»" }"#],
            counterexamples: ["da2-short", "da2-29326ml64lg2tjf8cz2ka7edcmx"]),
        Detector(
            id: "aws-presigned-url-signature",
            description: "Signature of an S3 presigned URL (X-Amz-Signature)",
            pattern: #"(?i:X-Amz-Signature)=([0-9a-f]{64})(?![0-9A-Za-z])"#, group: 1,
            prefilter: Prefilter(keywords: ["x-amz-signature="], caseless: true),
            examples: ["https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600&X-Amz-Signature=«54e8503bbfaa93a46e7bce5d542a1d58d7322e99f57a15f03bcdd094d4864a4f»"],
            counterexamples: ["X-Amz-Signature=abc"]),
        Detector.prefixed(
            id: "gcp-api-key",
            description: "Google Cloud / Firebase / Maps API key (AIza…)",
            prefixes: ["AIza"], body: #"[0-9A-Za-z_-]{35}"#,
            examples: ["GOOGLE_API_KEY=«AIzaXotWoJOg3k_I72ihwoDmKo1-a_1St5qjLNY»", "https://maps.googleapis.com/maps/api/js?key=«AIzaCC5-dotVk2yxnb8TUP4QbjfrWCo95OIiMgh»&v=3"],
            counterexamples: ["AIzaShort", "the AIza prefix"]),
        Detector.prefixed(
            id: "gcp-oauth-client-secret",
            description: "Google OAuth client secret (GOCSPX-…)",
            prefixes: ["GOCSPX-"], body: #"[A-Za-z0-9_-]{28}"#,
            examples: [#""client_secret":"«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»""#],
            counterexamples: ["GOCSPX-short"]),
        Detector(
            id: "gcp-oauth-access-token",
            description: "Google OAuth 2.0 access token (ya29.…)",
            pattern: #"(?<![A-Za-z0-9])ya29\.[0-9A-Za-z_-]++(?:\.[0-9A-Za-z_-]++)*+"#,
            prefilter: Prefilter(keywords: ["ya29."]),
            validator: { $0.count >= 40 },
            examples: ["Authorization: Bearer «ya29.a0JIEEnuFvN4lUjFY880WbBWUm4YDKTr4N2lKnd3gINHwCvfCHSjNB0X5q1IvaamVZCZgXNRY6IgMFQCYc-rHAWGHoUwVxykiJehWcTqrUViI19pZkTgCFb2EmrIdLM4rtxRf237qsXsIxefaSHLWnfE»", "token=«ya29.c.b0rnSOFSGMPX8DuJlUkgADBnxXAhkmGYGP2rB2JW94ae7RUwxUF0ir0IZbY-G3TmYfVKh7dHZz8nYWT0Ydnb3lBLuZ8A17qF1uqSvyBZuAVasTtPu-eB9quVTK»"],
            counterexamples: ["ya29.short"]),
        Detector.prefixed(
            id: "gcp-refresh-token",
            description: "Google OAuth 2.0 refresh token (1//0…)",
            prefixes: ["1//0"], body: #"[0-9A-Za-z_-]{40,400}+"#,
            examples: [#""refresh_token": "«1//0gj2wGH1KQ4lDiyvNe4-KGqjQHKrUlXsceFyGJUt-yiAtRSyOzPaDj30-RSz6TkqSrD27CNpYx94XZM0siz-2fyJVfGLCGV1mIsG»""#],
            counterexamples: ["http://10.0.0.1//0/path"]),
        Detector(
            id: "gcp-service-account-key-id",
            description: "Key id of a Google service-account JSON key file (the key itself is private-key)",
            confidence: .medium,
            pattern: #""private_key_id"\s*+:\s*+"([0-9a-f]{40})""#, group: 1,
            prefilter: Prefilter(keywords: [#""private_key_id""#]),
            examples: [#"  "private_key_id": "«a290ac4826f4186458cb477897d5b7496b9ae036»","#],
            counterexamples: [#""private_key_id": """#]),
        Detector(
            id: "gcp-signed-url-signature",
            description: "Signature of a Google Cloud Storage V4 signed URL (X-Goog-Signature)",
            pattern: #"(?i:X-Goog-Signature)=([0-9a-f]{256,1024})(?![0-9A-Za-z])"#, group: 1,
            prefilter: Prefilter(keywords: ["x-goog-signature="], caseless: true),
            examples: ["https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=«91de3f6bd243d5867e7dd0d63fad210ca386e30a4b23459ff29e3d5e38e8acbedf37a06214364f64f8d8e970f83cad1afb40c12dd547afb5054821c519e0ea18d4c46c413b3f48b84560dacdca7f542b7e8afd577cd717d85f1438a5bf86b9462620413e8f5435da3356071987d3797b44875a5f4fdfa2d405d752902932c58637792c63a29edd9e9bfa0841475ae4923aeb6b413de9c15a4dc9f07c5a430c3cab273208f174352effe0d3a1438b641b1722110fd7cfe6fcfbbbf25c5b9744373e50b819f50368b0ab4955b56e55079464a0fae503525600dd4bedcd29491a9dddbcf001c9daf0f05f2d3979687d820176d6cd790d1d1899fca7822994ef89cd»"],
            counterexamples: ["X-Goog-Signature=deadbeef"]),
        Detector(
            id: "firebase-cloud-messaging-server-key",
            description: "Firebase Cloud Messaging legacy server key (AAAA…:APA91b…)",
            pattern: #"(?<![A-Za-z0-9_-])AAAA[A-Za-z0-9_-]{7}:(APA91b[A-Za-z0-9_-]{134})(?![A-Za-z0-9_-])"#, group: 1,
            prefilter: Prefilter(keywords: [":APA91b"], lead: 11),
            examples: ["Authorization: key=AAAAlfGmpLs:«APA91b5urGHnzEUkc3G20nljyLefdyirgTE3d-mWlNandaqO1Blf6Wk2hjXrzGrvJH1yjTrohc24YO0sUUP13MP7mifxw0HXAxYdo-jaEgs-IhHVYVnyd6W_eTxYLCi25YcrWGqP3rRT»"],
            counterexamples: [":APA91b alone"]),
        Detector(
            id: "azure-storage-account-key",
            description: "Azure Storage account key in a connection string (AccountKey=…)",
            pattern: #"(?i:AccountKey)=([A-Za-z0-9+/]{86}==)"#, group: 1,
            prefilter: Prefilter(keywords: ["accountkey="], caseless: true),
            examples: ["DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=«QHnrL+h+SJrKU697rLf52VgeVypt33vpVH/ebJTKxAVUvvsk7/uAblnh3fNB5ZHHOIUPICMvntkqG/Lf9hABcL==»;EndpointSuffix=core.windows.net"],
            counterexamples: ["AccountKey=<your key>"]),
        Detector(
            id: "azure-sas-token",
            description: "Signature of an Azure shared access signature (sv=…&sig=…)",
            pattern: #"(?<![A-Za-z0-9])sv=20\d\d-\d\d-\d\d&(?:(?>[A-Za-z]{2,5}+=[^&\s"'<>]{0,200}+&)){0,14}?sig=([A-Za-z0-9%+/]{40,120}+)"#,
            group: 1,
            prefilter: Prefilter(keywords: ["sv=20"]),
            examples: ["https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2026-12-01T00:00:00Z&spr=https&sig=«mzVLZFHRmT2ziNxEUExxPrGtX50p9bzwRkR8SUqgJi3%3D»",
                       "BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2021-06-08&sr=c&sig=«j6Gejwn88YFCrOKsFlxCxBkgWetiTo1Q3TZjtBfXTVCd%3D»"],
            counterexamples: ["sv=2022-11-02&ss=b&srt=sco"]),
        Detector(
            id: "azure-shared-access-key",
            description: "Azure Service Bus / Event Hubs / IoT Hub shared access key (SharedAccessKey=…)",
            pattern: #"(?i:SharedAccessKey)=([A-Za-z0-9+/]{43}=)"#, group: 1,
            prefilter: Prefilter(keywords: ["accesskey="], caseless: true, lead: 6),
            examples: ["Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=«x2x+AR7MtFXx4DvFbM0IforhuiiTMNu+7H4b27M1Tk5=»"],
            counterexamples: ["SharedAccessKeyName=RootManageSharedAccessKey"]),
        Detector(
            id: "azure-ad-client-secret",
            description: "Microsoft Entra ID (Azure AD) application client secret (…Q~…)",
            // Its mark (a digit and `Q~`) comes three characters in: those are masked too.
            pattern: #"(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~-]|\.[A-Za-z0-9_~.-])"#,
            prefilter: Prefilter(keywords: (0...9).map { "\($0)Q~" }, lead: 3, leadBytes: "A-Za-z0-9_~."),
            examples: ["AZURE_CLIENT_SECRET=«sZh8Q~GWYPq2IFn5p90TMPYfRjYvd5iABjWubUh1»",
                       "az ad app credential reset → \"password\": \"«lhD3Q~U3gtcQRzHgsLE5DwkwCL.F7rYcH4WzfG~C»\""],
            counterexamples: ["8Q~ alone", "abc8Q~short"]),
        Detector(
            id: "azure-identifiable-key",
            description: "Azure key with its service's signature inside (storage +ASt, Cosmos DB ACDb, registry +ACR, AI services JQQJ9, DevOps PAT AZDO)",
            // The signature sits at a fixed place: 76 characters into a storage or Cosmos DB
            // key, 42 into a container registry password, 52 into an AI services or DevOps
            // key, 76 into an 84-character Azure DevOps personal access token (AZDO, four
            // after it). The characters before it are masked too.
            // A PAT has no `/` in it, so one may follow a URL's `//` (`https://PAT@dev.azure.com`).
            pattern: #"(?:(?<![A-Za-z0-9+/])(?:[A-Za-z0-9+/]{76}(?:\+ASt|ACDb)[A-Za-z0-9+/]{6}==|[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9]{6}|[A-Za-z0-9]{52}JQQJ9[0-9][A-Za-z0-9]{26})|(?<![A-Za-z0-9+])[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})(?![A-Za-z0-9+/=])"#,
            prefilter: Prefilter(keywords: ["+ASt", "ACDb", "+ACR", "JQQJ9", "AZDO"], lead: 76, leadBytes: "A-Za-z0-9+/"),
            examples: ["DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=«kG299WqZu11R9ssig/vC45TEPpd2YqnuzwarvXdrmUjCFuIIkvKUk0W6Y4FMp7sEMq8M1/6pVZ0X+AStoPJNa/==»;EndpointSuffix=core.windows.net",
                       "primaryMasterKey: «MiVCBgbL12tZX7muBIlBy9z1Mg+gW3K90K7HORBytPoY7BwKsx38SPvtwRtLpUmu+nC9Ok+4MyYBACDbAU8FUU==»",
                       "docker login acme.azurecr.io -u acme -p «Ty2453WPp3Nf3paeIL4iAWcCHZkZDkRZnSChfeCQXv+ACRcXWWFK»",
                       "«Y9jBh5DWDwoV0tVQ7Yx9mav53RvmSDmUgMmJvfrgujzOgWPTGR0lJQQJ99NLMAqJaIn5YPSVdmIgx4dGmBE7»",
                       "AZURE_DEVOPS_EXT_PAT=«3rWq8LkZt0Vb6NhY2pXc9GmJd4TsE7uRa1KoF5iQw8HzBn3CvLe6MyP0gDj2SxUt9lAk4VfRo7WbAZDOc3Tk»",
                       "azure devops pat = «Hn4Tz8Qe1Wm6Rb3Yk9Ud2Lp7Xa0Fs5Jc8Vg4Ni1Oh6Et3Bq9Zr2Mw7Ky0Cu5Dl8Sf3Ap6Gx1JtOvAZDOe7Hq»"],
            counterexamples: ["+ASt alone", "sha512-ACDb", "JQQJ99 in a sentence", "AZDO is the DevOps CLI's prefix for its variables",
                              "AZDO_ORG_SERVICE_URL=https://dev.azure.com/acme"]),
        Detector(
            id: "azure-key-listing",
            description: "Keys that az … keys list prints: storage's keyName/value, Service Bus, Event Hubs, Relay and Redis primaryKey",
            // `primaryKey` is a database's word too, so only base64 of a 32- or 64-byte key is
            // taken after it; a storage key's `value` comes after its keyName and permissions.
            pattern: #"(?|(?<![A-Za-z0-9_])primaryKey"?[ \t]*+:[ \t]*+"?([A-Za-z0-9+/]{43}=|[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])|(?<=")keyName":[ \t]*+"[A-Za-z0-9_-]{1,32}",\s*+"permissions":[ \t]*+"[A-Za-z]{1,16}",\s*+"value":[ \t]*+"([A-Za-z0-9+/]{20,120}={0,2})")"#,
            group: 1,
            prefilter: Prefilter(keywords: ["primaryKey", "keyName\":"]),
            examples: [
                "  {\n    \"creationTime\": \"2026-11-30T10:12:03.000000+00:00\",\n    \"keyName\": \"key1\",\n    \"permissions\": \"FULL\",\n    \"value\": \"«Wq3Rt7Yu1Io5Pa9Sd2Fg6Hj0Kl4Zx8Cv3Bn7Mq1We5Rt9Yu2Io6Pa0Sd4Fg8Hj3Kl7Zx1Cv5Bn9Mq2We6Rt0YZ==»\"\n  }",
                "  \"primaryKey\": \"«Xk9Q2mRt7Lp4Vn8Wc1Hs6Jd0Fb5Gy3Qe9Ut2Io7Pa4Z=»\",",
                "primaryKey: «Lp4Vn8Wc1Hs6Jd0Fb5Gy3Qe9Ut2Io7Pa4Xk9Q2mRt7Z=»",
            ],
            counterexamples: ["\"primaryKey\": \"order_id\",", "\"primaryKey\": \"3f2a9c1e8d7b4e6fa5c4b3d2e1f0a9b8\"",
                              "\"keyName\": \"key1\",\n \"permissions\": \"READ\",\n \"value\": \"${KEY}\""]),
        Detector.prefixed(
            id: "alibaba-access-key-id",
            description: "Alibaba Cloud AccessKey id (LTAI…)",
            prefixes: ["LTAI"], body: #"[A-Za-z0-9]{12,20}"#, tail: "A-Za-z0-9",
            examples: ["ALIBABA_CLOUD_ACCESS_KEY_ID=«LTAImgqCMHdw2S7osG5Mbe0U»"],
            counterexamples: ["LTAI-short"]),
        Detector.assigned(
            id: "alibaba-access-key-secret",
            description: "Alibaba Cloud AccessKey secret next to its name",
            names: #"(?:alibaba|aliyun|alicloud)[A-Za-z0-9_.-]{0,24}?secret"#, keywords: ["alibaba", "aliyun", "alicloud"],
            value: #"[A-Za-z0-9]{30}"#,
            examples: ["ALIBABA_CLOUD_ACCESS_KEY_SECRET=«3j5rPPaFtZw8Ko1lRgCWYAyZDPvZjg»"],
            counterexamples: ["alibaba_secret_name=prod"]),
        Detector.prefixed(
            id: "tencent-secret-id",
            description: "Tencent Cloud SecretId (AKID…)",
            prefixes: ["AKID"], body: #"[A-Za-z0-9]{32}"#, tail: "A-Za-z0-9",
            examples: ["TENCENTCLOUD_SECRET_ID=«AKIDCRFdEyAFUbmr7BOEtlcMBtPCDggXzWA6»"],
            counterexamples: ["AKID1234"]),
        Detector.prefixed(
            id: "yandex-api-key",
            description: "Yandex Cloud API key (AQVN…)",
            prefixes: ["AQVN"], body: #"[A-Za-z0-9_-]{35,38}"#,
            examples: ["YC_API_KEY=«AQVNytOk99WUmrFaOliPDxPs-HQNfcb1ZWCj5x-Z»"],
            counterexamples: ["AQVN-short"]),
        Detector.prefixed(
            id: "yandex-iam-token",
            description: "Yandex Cloud IAM token (t1.…)",
            prefixes: ["t1."], body: #"[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]{86}={0,2}"#, tail: "A-Za-z0-9_=-",
            examples: ["YC_TOKEN=«t1.9euelZqquzkELFjOV6dB1xmAwPL6DGLbC6pMMqqzdDzSIXg9c1f5U9Rz-gTZFWVMhEV.VsvmEsIpM317LAbcnmIeO3eBV5LPecweakGdpzb9bq6LefhTuXntZ4B6xgp-U9gn5j3KS3v6ubK0aH_0wEq9g9»"],
            counterexamples: ["version t1.2.3"]),
        Detector.assigned(
            id: "ibm-cloud-api-key",
            description: "IBM Cloud API key next to its name",
            names: #"(?:ibm|bluemix)[A-Za-z0-9_.-]{0,24}?api[_-]?key"#, keywords: ["ibm", "bluemix"],
            value: #"[A-Za-z0-9_-]{44}"#,
            examples: ["IBMCLOUD_API_KEY=«zJt31uIFOwaprJIDtRMWJlChBeQHfYdipTanvbcPLDSK»"],
            counterexamples: ["IBMCLOUD_API_KEY=none"]),
        Detector.assigned(
            id: "cloudflare-api-token",
            description: "Cloudflare API token or global API key next to its name",
            names: #"(?:cloudflare|cf)[_-]?(?:api[_-]?)?(?:token|key)"#,
            keywords: ["loudflare", "cf_api", "cf-api", "cf_token", "cf-token", "cf_key", "cf-key"], lead: 1,
            value: #"[A-Za-z0-9_-]{37,40}"#,
            examples: ["CLOUDFLARE_API_TOKEN=«Fza0kt80a2BoAlPvvu7FcBSNW2gOry8CcVuMVnDU»", "CF_API_KEY: «f0845429904c885befce275c9fc1da7a999dd»"],
            counterexamples: ["CLOUDFLARE_API_TOKEN is not set"]),
        Detector.prefixed(
            id: "cloudflare-scannable-token",
            description: "Cloudflare user or account API token or global API key of the scannable kind (cfut_…, cfat_…, cfk_…)",
            prefixes: ["cfut_", "cfat_", "cfk_"], body: #"[A-Za-z0-9]{40}[0-9a-f]{8}"#, tail: "A-Za-z0-9",
            examples: ["CLOUDFLARE_API_TOKEN=«cfut_4pMbXDuCL1mHoOsFaQfDPrAJ71fTquWoGsbeKXgz39c20066»",
                       "Authorization: Bearer «cfat_76dEyTzAeKOmXRrvftva9AW7hipTgadDZFlRJmCG64dc3cd6»",
                       "X-Auth-Key: «cfk_ar3ZLt4bnlz2MPKgcjnCqaXNv1syeefnLOpaMxxNe4f4c549»"],
            counterexamples: ["cfut_short", "cfk_ar3ZLt4bnlz2MPKgcjnCqaXNv1syeefnLOpaMxxNe4f4c54X"]),
        Detector.prefixed(
            id: "cloudflare-origin-ca-key",
            description: "Cloudflare Origin CA key (v1.0-…)",
            // Two or three hex runs joined by `-`, 160 bytes or more in all (a 24-146 and a 64-128-64 layout are seen).
            prefixes: ["v1.0-"], body: #"(?=[0-9a-f-]{160})[0-9a-f]{24,64}(?:-[0-9a-f]{64,146}){1,2}"#,
            examples: ["origin_ca_key = «v1.0-337e0f59188290e6bf7106e2-579be6fd2bbaf5fb2e10c091be07c59acdf420142557a525fd9b4a30be038ca568ee50ef07527064fe4bda63de8e4507dffbc209716451981f0c23506a09ae0fe6b12bf9fb632915c2»",
                       "CF_ORIGIN_CA_KEY=«v1.0-1adff770ca58ad6142b5e3a067bd0af5f0ed2d200a376719b2a7c84622c01d09-8a66eb57801e14ecb1580dbfbaf4b504dad7277817ee7bf6ddccfe47fd4508cf8e4791b8ef0465eb33949e68177e13e4af2ab71d7fe8a35ed19a61b49993481c-79d5c25a8c36e6591cde35975607acce69c3ce7bde44789b846ac3fba5ef6a97»"],
            counterexamples: ["v1.0-beta", "v1.0-337e0f59188290e6bf7106e2-579be6fd"]),
        Detector.prefixed(
            id: "cloudflare-tunnel-token",
            description: "Cloudflare Tunnel token (base64 JSON with account, tunnel and secret)",
            prefixes: ["eyJhIjoi"], body: #"[A-Za-z0-9+/_-]{60,800}+={0,2}"#, tail: "A-Za-z0-9+/=_-",
            examples: ["cloudflared tunnel run --token «eyJhIjoiZOt7B6UzMtprJHZiLoua841PP/3Now5dA/Ri9ALnvEabGMST5/465WOaP3lYtthcn7vg6nnHxZ6P9dUCTRJBnk+i9/nTyhmyCe4IX4t/yCBiPuARDnvUQQ9gcsPCUeb9/PHbg1IEkXi7CM0/CDB3h/»"],
            counterexamples: ["eyJhIjoiYiJ9"]),
        awsTextCredentials,
    ]
}
