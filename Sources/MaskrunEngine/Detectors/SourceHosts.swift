/// Source hosts and CI: GitHub, GitLab, Bitbucket and Atlassian, Azure DevOps, CircleCI,
/// Buildkite, JFrog, Sonar, Sourcegraph, Harness, Octopus Deploy, Travis CI, Vercel, Netlify.
extension BuiltinDetectors {
    static let sourceHosts: [Detector] = [
        Detector(
            id: "github-token",
            description: "GitHub personal access, OAuth, user-to-server, server-to-server and refresh tokens",
            // Server-to-server tokens of the newer, longer kind carry underscores.
            pattern: #"\b(gh[pousr]_[A-Za-z0-9][A-Za-z0-9_]{35,250})\b"#, group: 1,
            prefilter: Prefilter(keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]),
            validator: Validators.notFiller(afterAnyOf: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]),
            examples: ["token «ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY» ok",
                       "«ghs_mBeOpTJGpU5L4OSmil059uUu71vsbmz9XsVr»",
                       "GH_TOKEN=«ghs_H5UH1RSC84FL8SfWoCHJ_s1UJOkHG16JqtQy9235Nnt2j9IHrKFmAIhGaMybIcH6zIZKhFfSke7IDA69Z_7zrpEFivB50756EHugmANb7qiSXbcm»"],
            counterexamples: ["ghp_short", "the ghp_ prefix", "export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]),
        Detector(
            id: "github-fine-grained-token",
            description: "GitHub fine-grained personal access token (github_pat_…)",
            // 22 and 59 characters around an underscore; any 30 or more word characters, so a
            // token whose halves were re-cut by a tool, a generator or a column is still one
            // (the prefix alone is distinctive).
            pattern: #"\b(github_pat_[A-Za-z0-9_]{30,255}+)\b"#, group: 1,
            prefilter: Prefilter(keywords: ["github_pat_"]),
            validator: Validators.notFiller(afterAnyOf: ["github_pat_"]),
            examples: ["«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»",
                       "GITHUB_TOKEN: «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»",
                       "token: «github_pat_Lq7Wz3Kx9Rb2Tm5VHn6Tq2Wz8Lx4Rv»"],
            counterexamples: ["github_pat_ is the prefix", "github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]),
        Detector.assigned(
            id: "github-oauth-client-secret",
            description: "GitHub OAuth app client secret next to its name",
            names: #"(?:github|gh)[_-]?(?:oauth[_-]?)?(?:app[_-]?)?client[_-]?secret"#,
            keywords: ["github", "gh_", "gh-", "ghclient"], value: #"[0-9a-f]{40}"#,
            examples: ["GITHUB_CLIENT_SECRET=«a308b9fbf54ac4487cc55cd3905814ff1e766aa1»"],
            counterexamples: ["GITHUB_CLIENT_SECRET="]),
        Detector.prefixed(
            id: "gitlab-token",
            description: "GitLab personal, project and group access tokens (glpat-…)",
            prefixes: ["glpat-"], body: #"[A-Za-z0-9_-]{20,300}+(?:\.[0-9a-z]{2,12}+){0,2}"#,
            examples: ["PRIVATE-TOKEN: «glpat-xR4aT9bQ2mN7cW1zK5vY»", "«glpat-QX0LbZGPBJw80c3If7pbQlwN4VU.01.5g77f7p1d»"],
            counterexamples: ["glpat-short", "use a glpat- token"]),
        Detector.prefixed(
            id: "gitlab-deploy-token",
            description: "GitLab deploy token (gldt-…)",
            prefixes: ["gldt-"], body: #"[A-Za-z0-9_-]{20,64}"#,
            examples: ["CI_DEPLOY_PASSWORD=«gldt-r33iKgKdRK8wIoCmxhAO»"],
            counterexamples: ["gldt-short"]),
        Detector.prefixed(
            id: "gitlab-runner-token",
            description: "GitLab runner authentication token (glrt-…)",
            prefixes: ["glrt-"], body: #"[A-Za-z0-9_-]{20,300}+(?:\.[0-9a-z]{2,12}+){0,2}"#,
            examples: ["«glrt-2CR8_eVxiioB1QmzPZwa»", #"token = "«glrt-t1_N2mi9H1VD12z-w8uLs3WRRQj0s_.01.z5xmr76xx»""#],
            counterexamples: ["glrt-short"]),
        Detector.prefixed(
            id: "gitlab-runner-registration-token",
            description: "GitLab runner registration token (GR1348941…)",
            prefixes: ["GR1348941"], body: #"[A-Za-z0-9_-]{20}"#,
            examples: ["gitlab-runner register --registration-token «GR1348941H6G7kga8bBifm2tZYXzo»"],
            counterexamples: ["GR1348941 only"]),
        Detector.prefixed(
            id: "gitlab-pipeline-trigger-token",
            description: "GitLab pipeline trigger token (glptt-…)",
            prefixes: ["glptt-"], body: #"[A-Za-z0-9_-]{20,64}"#,
            examples: ["-F token=«glptt-9599d22033c905d13339a504ec5e670c5aa30f54»"],
            counterexamples: ["glptt-short"]),
        Detector.prefixed(
            id: "gitlab-ci-job-token",
            description: "GitLab CI/CD job token (glcbt-…)",
            prefixes: ["glcbt-"], body: #"[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20,64}"#,
            examples: ["JOB-TOKEN: «glcbt-64_MWw9zUtyXQcdhqkpse2l»"],
            counterexamples: ["glcbt-short"]),
        Detector.prefixed(
            id: "gitlab-feed-token",
            description: "GitLab feed token (glft-…)",
            prefixes: ["glft-"], body: #"[A-Za-z0-9_-]{20,64}"#,
            examples: ["https://gitlab.example.com/dashboard/projects.atom?feed_token=«glft-G0glQ4sjHrzIYxl6s3Em»"],
            counterexamples: ["glft-short"]),
        Detector.prefixed(
            id: "gitlab-incoming-mail-token",
            description: "GitLab incoming email token (glimt-…)",
            prefixes: ["glimt-"], body: #"[A-Za-z0-9_-]{25,64}"#,
            examples: ["incoming+group-«glimt-gfd17b0ahk8rvlv58jv501byg»@example.com"],
            counterexamples: ["glimt-short"]),
        Detector.prefixed(
            id: "gitlab-oauth-app-secret",
            description: "GitLab OAuth application secret (gloas-…)",
            prefixes: ["gloas-"], body: #"[A-Za-z0-9_-]{64}"#,
            examples: ["client_secret: «gloas-6eea8f3b38a6e5d3fc4b14e326540d1973e223aca9ffbfc4f5a49e95f1baf929»"],
            counterexamples: ["gloas-short"]),
        Detector.prefixed(
            id: "gitlab-scim-token",
            description: "GitLab SCIM OAuth token (glsoat-…)",
            prefixes: ["glsoat-"], body: #"[A-Za-z0-9_-]{20,64}"#,
            examples: ["«glsoat-lO5v30W6L2m3whhCK5xC»"],
            counterexamples: ["glsoat-short"]),
        Detector.prefixed(
            id: "gitlab-feature-flags-token",
            description: "GitLab feature flags client token (glffct-…)",
            prefixes: ["glffct-"], body: #"[A-Za-z0-9_-]{20,64}"#,
            examples: ["UNLEASH_INSTANCE_ID=«glffct-dXg_qzBe8ld43ax8SMRW»"],
            counterexamples: ["glffct-short"]),
        Detector.prefixed(
            id: "gitlab-agent-token",
            description: "GitLab agent for Kubernetes token (glagent-…)",
            prefixes: ["glagent-"], body: #"[A-Za-z0-9_-]{50,1024}"#,
            examples: ["--set config.token=«glagent-Fspr1Ca-K4RjG9Kus8ZhQUSe6-PGHW_Kl7EmtLlzDef7uxGj7z»"],
            counterexamples: ["glagent-short"]),
        Detector(
            id: "gitlab-session-cookie",
            description: "GitLab session cookie (_gitlab_session=…)",
            pattern: #"_gitlab_session=([0-9a-f]{32})(?![0-9A-Za-z])"#, group: 1,
            prefilter: Prefilter(keywords: ["_gitlab_session="]),
            examples: ["document.cookie: _gitlab_session=«ac45b6667fd9337f97b79d479d01e320»; path=/"],
            counterexamples: ["_gitlab_session=; expires"]),
        Detector.prefixed(
            id: "bitbucket-app-password",
            description: "Bitbucket app password (ATBB…)",
            prefixes: ["ATBB"], body: #"[A-Za-z0-9]{28,40}"#, tail: "A-Za-z0-9",
            examples: ["BITBUCKET_APP_PASSWORD=«ATBBo0DeqQpYAmBaJKKIHgUzBp8FrOeeO48m»"],
            counterexamples: ["ATBB-short"]),
        Detector.prefixed(
            id: "bitbucket-access-token",
            description: "Bitbucket repository, project or workspace access token (ATCTT…)",
            prefixes: ["ATCTT3xFfGN0"], body: #"[A-Za-z0-9_=+-]{100,400}"#, tail: "A-Za-z0-9_=+-",
            examples: ["Authorization: Bearer «ATCTT3xFfGN0MlJEgchoTZ9A8Gq0EQ6JPPglMCZ1OuFOkGybsfOgSQxb9Sokaj2R6ojmuRQqJXkCVM-joL9bbwlqFhGzh9YrkeMPnGtBD5L1bWOLSbaj6AmRYbg2AdPUpBrpat4hhl3TEHflCowUqEQVxHBOC1tgtCa5poakQdUBZ4wc-MNwNE=6C6C798F»"],
            counterexamples: ["ATCTT3xFfGN0 prefix"]),
        Detector.prefixed(
            id: "atlassian-api-token",
            description: "Atlassian (Jira, Confluence) API token (ATATT…)",
            prefixes: ["ATATT3xFfGF0"], body: #"[A-Za-z0-9_=+-]{100,400}"#, tail: "A-Za-z0-9_=+-",
            examples: ["JIRA_API_TOKEN=«ATATT3xFfGF0dnWFwqzeJJhX8PH7XiASnEeH1hz-f14a0GxfLbL1FA_XpB0dzI6sWi1mMpwl9egfRv9blNXUOubZNMUqSk0NBUwk2nV_On7efFCekVTtlIinjXzst1Nokod6-fV7L6fiktyX2YPmQc_-HXXjkz3d9dUPgLkULGRjD_tKlZew0G=8E8296DA»"],
            counterexamples: ["ATATT3xFfGF0 prefix"]),
        Detector(
            id: "azure-devops-pat",
            description: "Azure DevOps personal access token next to its name or in a dev.azure.com URL",
            pattern: #"(?|(?<![A-Za-z0-9])(?i:azure[_-]?devops|azdo|ado)[A-Za-z0-9_.-]{0,24}?(?i:pat|token)["']?[ \t]*+[:=][ \t]*+["']?(?C1)("#
                + azureDevOpsPAT + #")|://(?:[^\s:@/]{1,64}+:)?(?C1)("# + azureDevOpsPAT + #")@(?:dev\.azure\.com|[A-Za-z0-9-]++\.visualstudio\.com))(?![A-Za-z0-9])"#,
            group: 1,
            prefilter: Prefilter(keywords: ["azure", "azdo", "ado_", "ado-", "://"], caseless: true), marksValueStart: true,
            examples: ["AZURE_DEVOPS_EXT_PAT=«hYeM6nhUzf7k3bgWkNZfeoIX6HaOZITIey02NzEZxT9GllQ07vIoJQQJ99QAxqlQrevM7oavRqCvAZDOl6r4»",
                       "git clone https://«hYeM6nhUzf7k3bgWkNZfeoIX6HaOZITIey02NzEZxT9GllQ07vIoJQQJ99QAxqlQrevM7oavRqCvAZDOl6r4»@dev.azure.com/org/p/_git/r",
                       "https://ci:«xqz5ovt3tql2p6sbl6uyo5fnwtbxuvkxn7ogmhhqv3xwxafm4a2q»@dev.azure.com/org/p/_git/r"],
            counterexamples: ["JQQJ99 AZDO", "https://dev.azure.com/org/project/_git/repo"]),
        Detector.prefixed(
            id: "circleci-token",
            description: "CircleCI personal or project API token (CCIPAT_…, CCIPRJ_…)",
            // 22 characters then hex in CircleCI's docs; 24 then lower-case letters and digits in keys seen elsewhere.
            prefixes: ["CCIPAT_", "CCIPRJ_"], body: #"[A-Za-z0-9]{22,24}_[0-9a-z]{40}"#,
            examples: ["Circle-Token: «CCIPAT_20Hv54XkpX877v7r4E7X8K_99fa571c8b7812822c5da775fd8a4b655e9c38da»",
                       "export CIRCLE_TOKEN=«CCIPAT_1Zwv3G2NpMWzyJJDm1Z0om_ghbscskqmxtj53eu5r2cncn6sc80hvhzs8ub5t5e»"],
            counterexamples: ["CCIPAT_short"]),
        Detector.prefixed(
            id: "buildkite-token",
            description: "Buildkite API access token (bkua_…)",
            prefixes: ["bkua_"], body: #"[0-9a-z]{40}"#,
            examples: ["BUILDKITE_API_TOKEN=«bkua_98258dd36abdc431de087a3405aeefe50c652f7c»", "token: «bkua_gipifqyg108imzbgmwxh6v6me4gbc964jmlhnlks»"],
            counterexamples: ["bkua_short"]),
        Detector.prefixed(
            id: "jfrog-api-key",
            description: "JFrog Artifactory API key (AKCp…)",
            prefixes: ["AKCp"], body: #"[A-Za-z0-9]{69}"#, tail: "A-Za-z0-9",
            examples: ["X-JFrog-Art-Api: «AKCpCx9FJSBa1GTqiOFRAuVhubNeAweZ2AD188T9InL2PiqgxOQTfCMRhx9IJ360BwvgxleaX»"],
            counterexamples: ["AKCp-short"]),
        Detector.prefixed(
            id: "jfrog-reference-token",
            description: "JFrog Artifactory reference token (cmVmdGtu…)",
            prefixes: ["cmVmdGtuOjAxOj"], body: #"[A-Za-z0-9]{40,60}"#, tail: "A-Za-z0-9",
            examples: ["ARTIFACTORY_ACCESS_TOKEN=«cmVmdGtuOjAxOjdHYgHgh05XKpc8iYnYaVDiqlyJN7NrGvPq7NTiuzap40JKXyxz»"],
            counterexamples: ["cmVmdGtuOjAxOj"]),
        Detector.prefixed(
            id: "sonar-token",
            description: "SonarQube / SonarCloud user, project and analysis tokens (squ_, sqp_, sqa_)",
            prefixes: ["squ_", "sqp_", "sqa_"], body: #"[0-9a-f]{40}"#,
            examples: ["-Dsonar.token=«squ_3428b12f837704848b1adaddc89782b849c6b570»"],
            counterexamples: ["squ_short"]),
        Detector(
            id: "sonar-login-token",
            description: "SonarQube token of the older kind (40 hex digits) given as sonar.login or sonar.token",
            pattern: #"(?:(?<![A-Za-z0-9])|(?<=-D))(?i:sonar[._]?(?:login|token))["']?(?:[ \t]*+[:=][ \t]*+|[ \t]*+,[ \t]*+)["']?([0-9a-f]{40})(?![A-Za-z0-9])"#,
            group: 1,
            prefilter: Prefilter(keywords: ["sonar"], caseless: true),
            examples: ["mvn sonar:sonar -Dsonar.login=«b43b6a5ebb28c7601c8d6fe22194c508572ee09f»", "property 'sonar.login', '«1df2104762884ef4ec0db64ade1f066d18823f2c»'",
                       #"$sonarLogin = "«b43b6a5ebb28c7601c8d6fe22194c508572ee09f»""#],
            counterexamples: ["sonar.login=admin", "sonar.host.url=https://sonar.example.com", "sonar.login"]),
        Detector.prefixed(
            id: "sonarcloud-token",
            description: "SonarQube Cloud token of the newer kind (sqco_…)",
            prefixes: ["sqco_"], body: #"[A-Za-z0-9]{59}"#, tail: "A-Za-z0-9",
            examples: ["SONAR_TOKEN=«sqco_DmbX1rpXjYdOhCgOIPOZx9eRmm0EqlTaWEITclorXwIS8HGNWkz2YS5ofA7»"],
            counterexamples: ["sqco_short", "sqco_DmbX1rpXjYdOhCgOIPOZx9eRmm0EqlTaWEITclorXwIS8HGNWkz2YS5ofA7x"]),
        Detector.prefixed(
            id: "sourcegraph-token",
            description: "Sourcegraph access token and Segment public API token (sgp_…)",
            // Segment's tokens share the prefix: 64 letters and digits.
            prefixes: ["sgp_"], body: #"(?:(?:[0-9a-fA-F]{16}_|local_)?[0-9a-fA-F]{40}|[A-Za-z0-9]{64})"#,
            examples: ["SRC_ACCESS_TOKEN=«sgp_976fb8d1ba1986d8_86601e82897a7c76dbf92e8ee12f62be5d5f4035»",
                       "«sgp_eaFAC4C10fb910DE_2f29a422eBb14ab2Ff2d0fC0DFccC0D222E38dac»", "token «sgp_local_2f29a422eBb14ab2Ff2d0fC0DFccC0D222E38dac»",
                       "SEGMENT_TOKEN=«sgp_Wq7Lz3Kx9Rb2Tm5VHn6Tq2Wz8Lx4Rv0Bk5Pm9Yd3Cf7Gj1SaQ4Ne8Hu2Jo6Ic0Dr»"],
            counterexamples: ["sgp_short", "sgp_2f29a422eBb14ab2Ff2d0fC0DFccC0D222E38dag"]),
        Detector.prefixed(
            id: "sourcegraph-cody-token",
            description: "Sourcegraph Cody gateway access token (slk_…)",
            prefixes: ["slk_"], body: #"[0-9a-f]{64}"#, tail: "A-Za-z0-9",
            examples: ["CODY_GATEWAY_TOKEN=«slk_eee2092f073ff80b9465aef7ac86d66c7a644fb12853ef86dcfaea21818b904c»"],
            counterexamples: ["slk_short", "slk_eee2092f073ff80b9465aef7ac86d66c7a644fb12853ef86dcfaea21818b904"]),
        Detector.prefixed(
            id: "harness-token",
            description: "Harness personal or service account token (pat.…, sat.…)",
            prefixes: ["pat.", "sat."], body: #"[A-Za-z0-9_-]{22}\.[0-9A-Za-z]{24}\.[A-Za-z0-9]{20}"#,
            examples: ["x-api-key: «pat.N59dU2wo7rzFnDxak_wTx3.f88420005efdab5dc3e424bd.3Cs9USFD1Y0OFvOkDnDw»",
                       "HARNESS_API_KEY=«sat.joaRsuUwpNFgFULh2GNqTm.SH4BbyOA0HNkIn3OIOnHn2IN.L2io6VOZw5luMu57mnXm»"],
            counterexamples: ["pat.short", "pat.joaRsuUwpNFgFULh2GNqTm.SH4BbyOA0HNkIn3OIOnHn2IN"]),
        Detector.prefixed(
            id: "bitbucket-data-center-token",
            description: "Bitbucket Data Center HTTP access token (BBDC-…)",
            prefixes: ["BBDC-"], body: #"[A-Za-z0-9+/@_-]{40,50}"#, tail: "A-Za-z0-9+/@_-",
            examples: ["git -c http.extraHeader='Authorization: Bearer «BBDC-DFyuzX9k1gnneGEYG1+LwiqD9jJBAciI05FhfwKVqlUr»' clone"],
            counterexamples: ["BBDC-short", "see BBDC-1234 for the release notes"]),
        Detector.prefixed(
            id: "octopus-deploy-api-key",
            description: "Octopus Deploy API key (API-…)",
            prefixes: ["API-"], body: #"[A-Z0-9]{26,32}"#, tail: "A-Za-z0-9",
            examples: ["X-Octopus-ApiKey: «API-YNSTZQX4OLA3T2JVEB23OTDK8O»"],
            counterexamples: ["API-GATEWAY-ROUTE"]),
        Detector.assigned(
            id: "travis-ci-token",
            description: "Travis CI API token next to its name",
            names: #"travis[A-Za-z0-9_.-]{0,24}?token"#, keywords: ["ravis"], lead: 1, value: #"[A-Za-z0-9_-]{22}"#,
            examples: ["TRAVIS_API_TOKEN=«9TBKWU5WLNNUDUP779WUP3»"],
            counterexamples: ["TRAVIS_API_TOKEN is unset"]),
        Detector.assigned(
            id: "vercel-token",
            description: "Vercel access token next to its name",
            names: #"vercel[A-Za-z0-9_.-]{0,24}?token"#, keywords: ["vercel"], value: #"[A-Za-z0-9]{24}"#,
            examples: ["VERCEL_TOKEN=«D47pdkFwohpgINqe9lsau8ro»"],
            counterexamples: ["VERCEL_TOKEN: missing"]),
        Detector.prefixed(
            id: "vercel-prefixed-token",
            description: "Vercel personal, integration, app access, app refresh and AI Gateway tokens (vcp_, vci_, vca_, vcr_, vck_)",
            prefixes: ["vcp_", "vci_", "vca_", "vcr_", "vck_"], body: #"[A-Za-z0-9]{32,64}"#, tail: "A-Za-z0-9_",
            examples: ["vercel deploy --token «vcp_bh6fI750Foa5MZSA3OHXcG1GdSK5LYQqxVr5ERdy5SfMgZNe8HrLKtaC»",
                       #"{"refresh_token":"«vcr_HxzFmADKc6VgHj2WjR9ssIajyD9CuXYVyg4iOMk44RVXcC5d2X88Sjgh»"}"#],
            counterexamples: ["vcp_token_name", "vca_short1234"]),
        Detector.assigned(
            id: "netlify-token",
            description: "Netlify access token next to its name",
            names: #"netlify[A-Za-z0-9_.-]{0,24}?token"#, keywords: ["netlify"], value: #"[A-Za-z0-9_-]{40,46}"#,
            examples: ["NETLIFY_AUTH_TOKEN=«V7v8KZuSXfrZ5vhHmnkifi5llNSmCIL0v7Ypnce2S68»"],
            counterexamples: ["NETLIFY_AUTH_TOKEN is required"]),
        Detector.prefixed(
            id: "netlify-personal-access-token",
            description: "Netlify personal access token (nfp_…)",
            prefixes: ["nfp_"], body: #"[A-Za-z0-9_]{36}"#, tail: "A-Za-z0-9_",
            examples: ["netlify deploy --auth «nfp_GzK7PTnrgxdjU7XxiXpU16hbu1yCf24yuqX4»"],
            counterexamples: ["nfp_short"]),
        Detector.assigned(
            id: "codecov-token",
            description: "Codecov upload token next to its name",
            names: #"codecov[A-Za-z0-9_.-]{0,24}?token"#, keywords: ["codecov"],
            value: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#,
            examples: ["CODECOV_TOKEN=«a38b56a7-625e-5416-e897-5a3cf332c54c»"],
            counterexamples: ["CODECOV_TOKEN="]),
        Detector.assigned(
            id: "snyk-token",
            description: "Snyk API token next to its name",
            names: #"snyk[A-Za-z0-9_.-]{0,24}?(?:token|key)"#, keywords: ["snyk"],
            value: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#,
            examples: ["SNYK_TOKEN: «80c7cf8a-95e9-3b9f-08f1-3796482902e4»"],
            counterexamples: ["SNYK_TOKEN: (none)"]),
    ]

    /// An Azure DevOps PAT: 84 characters with the JQQJ99 and AZDO signatures, or the older 52
    /// lower-case base32 characters.
    static let azureDevOpsPAT = #"[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9][A-C][A-Za-z0-9]{16}AZDO[A-Za-z0-9]{4}|[a-z2-7]{52}"#
}
