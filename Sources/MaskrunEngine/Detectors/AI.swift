/// AI providers: OpenAI, Anthropic, Hugging Face, Cohere, Groq, Replicate, Perplexity, xAI,
/// OpenRouter, LangSmith, Langfuse, Pinecone, NVIDIA, Together, Fireworks,
/// Weights & Biases, DeepSeek, Azure OpenAI, ElevenLabs, AssemblyAI, Deepgram, Braintrust,
/// IEX Cloud.
extension BuiltinDetectors {
    static let ai: [Detector] = [
        Detector.prefixed(
            id: "tavily-api-key",
            description: "Tavily search API key (tvly-…, tvly-dev-…)",
            prefixes: ["tvly-"], body: #"(?:dev-|prod-)?[A-Za-z0-9]{32}"#, tail: "A-Za-z0-9",
            examples: ["TAVILY_API_KEY=«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»", "api_key: «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»"],
            counterexamples: ["tvly-short"]),
        Detector(
            id: "openai-api-key",
            description: "OpenAI API key: project, service account, admin and legacy user keys (sk-…)",
            // T3BlbkFJ is "OpenAI" in base64, in the middle of every key but the newest kinds.
            pattern: #"(?<![A-Za-z0-9_-])(?:sk-(?:proj|svcacct|service|admin)-[A-Za-z0-9_-]{40,300}+|sk-(?:None-)?[A-Za-z0-9]{20,100}T3BlbkFJ[A-Za-z0-9]{20,100}|sk-[A-Za-z0-9_-]{1,200}?T3BlbkFJ[A-Za-z0-9_-]{20,200}+)(?![A-Za-z0-9_-])"#,
            prefilter: Prefilter(keywords: ["sk-"]),
            examples: ["key: «sk-service-86u4lXwHajUOQy6PdnNNT3BlbkFJw4C2TOBGK7hh1VSVDBQD»",
                       "OPENAI_API_KEY=«sk-ci-runner-w4C2TOBGK7hh1VSVDBQD-T3BlbkFJ86u4lXwHajUOQy6PdnNN»",
                       "OPENAI_API_KEY=«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»",
                       "openai.api_key = \"«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»\""],
            counterexamples: ["sk-proj-short", "task-runner-7", "sk-ant-api03-x"]),
        Detector.prefixed(
            id: "anthropic-api-key",
            description: "Anthropic API key (sk-ant-api03-…; a later version number too)",
            // The two digits count the key format's version: api03 today, a later one the
            // same way, so a key of the next version is not shown for want of its number.
            prefixes: ["sk-ant-api"], body: #"[0-9]{2,3}-[A-Za-z0-9_-]{93}AA"#,
            examples: ["ANTHROPIC_API_KEY=«sk-ant-api03-z_1djITy70S4urNqjWw0Dnt5jLQUOP1obm1jANd_1Rzv5XvaDTzLmmaec5fG1s49rmp67n2DEOSHrcy57vg4ltev3Irn2AA»",
                       "x-api-key: «sk-ant-api04-Pq7mW2zRt5Yb8Nc1Lx4Vd9Hs3Gk6Jf0Ua2Oe5Ti8Bn1Ry4Mw7Qz0Cp3Xl6Dv9Sh2Ek5Fa8Gj1Iu4Ko7Nb0Lt3Wm6Yr9ZqAA»"],
            counterexamples: ["sk-ant-api03-short", "sk-ant-api-docs", "sk-ant-api03-"]),
        Detector.prefixed(
            id: "anthropic-admin-key",
            description: "Anthropic Admin API key (sk-ant-admin01-…)",
            prefixes: ["sk-ant-admin01-"], body: #"[A-Za-z0-9_-]{93}AA"#,
            examples: ["x-api-key: «sk-ant-admin01-rCGptbm7I-CmmV7lblMaCsun_3CJZ2gdc9ykDdzQaNTKxhuFR4Lt3JLt2eM5UneyPqERu_87E2kDy_qKhQtX4tfFlRbh6AA»"],
            counterexamples: ["sk-ant-admin01-"]),
        Detector.prefixed(
            id: "anthropic-oauth-token",
            description: "Anthropic OAuth access and refresh tokens (sk-ant-oat01-…, sk-ant-ort01-…)",
            prefixes: ["sk-ant-oat01-", "sk-ant-ort01-"], body: #"[A-Za-z0-9_-]{80,160}"#,
            examples: ["CLAUDE_CODE_OAUTH_TOKEN=«sk-ant-oat01-60ohQyVO6Qnl0y6iTVXtOphOrv7OchRGtgTIAfgLcnirPdU9rCx4qXGfFM7nxXqsKk1AmkiVawIB6AHptftEPBELqG5DJAA»"],
            counterexamples: ["sk-ant-oat01-short"]),
        Detector.prefixed(
            id: "huggingface-token",
            description: "Hugging Face user or organisation access token (hf_…, api_org_…)",
            prefixes: ["hf_", "api_org_"], body: #"[A-Za-z0-9]{34}"#, tail: "A-Za-z0-9_-",
            examples: ["HF_TOKEN=«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»", "token «hf_eGDa4ne9xaXHqZpY7VFztZI0QXZXg78Ez1»", "huggingface-cli login --token «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»"],
            counterexamples: ["hf_hub_download(repo_id=x)", "hf_short"]),
        Detector.assigned(
            id: "cohere-api-key",
            description: "Cohere API key next to its name",
            names: #"(?:cohere|co)[_-]?api[_-]?key"#, keywords: ["cohere", "co_api", "co-api"], value: #"[A-Za-z0-9]{40}"#,
            examples: ["COHERE_API_KEY=«eUHj3B9SOorbh9f0eHZ5isAYpix997ZldcPlv8s3»", "CO_API_KEY: «xzzja8EKsev0wNaCrcFwKpIPec1Q5bYrLMtHFmz4»"],
            counterexamples: ["COHERE_API_KEY=your-key-here"]),
        Detector.prefixed(
            id: "groq-api-key",
            description: "Groq API key (gsk_…)",
            prefixes: ["gsk_"], body: #"[A-Za-z0-9]{52}"#, tail: "A-Za-z0-9",
            examples: ["GROQ_API_KEY=«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»"],
            counterexamples: ["gsk_short"]),
        Detector.prefixed(
            id: "replicate-api-token",
            description: "Replicate API token (r8_…)",
            prefixes: ["r8_"], body: #"[A-Za-z0-9]{37}"#, tail: "A-Za-z0-9",
            examples: ["REPLICATE_API_TOKEN=«r8_Js45c8xmddcoXaCTTDEnjP7M3ogs42sAhVXt3»"],
            counterexamples: ["r8_short"]),
        Detector.prefixed(
            id: "perplexity-api-key",
            description: "Perplexity API key (pplx-…)",
            prefixes: ["pplx-"], body: #"[A-Za-z0-9]{48}"#, tail: "A-Za-z0-9",
            examples: ["PERPLEXITY_API_KEY=«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»"],
            counterexamples: ["pplx-short"]),
        Detector.prefixed(
            id: "xai-api-key",
            description: "xAI (Grok) API key (xai-…)",
            prefixes: ["xai-"], body: #"[A-Za-z0-9]{80}"#, tail: "A-Za-z0-9",
            examples: ["XAI_API_KEY=«xai-NCPQx0CleqHFXVMcmbDkYpDtwLGFr8cEAAUZqUvNgdtG0vj0UIX1EydMLcratUa3fqPWnzsW2i9gExjW»"],
            counterexamples: ["xai-short"]),
        Detector.prefixed(
            id: "openrouter-api-key",
            description: "OpenRouter API key (sk-or-v1-…)",
            prefixes: ["sk-or-v1-"], body: #"[0-9a-f]{64}"#,
            examples: ["OPENROUTER_API_KEY=«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»"],
            counterexamples: ["sk-or-v1-short"]),
        Detector.prefixed(
            id: "langsmith-api-key",
            description: "LangSmith personal or service key (lsv2_pt_…, lsv2_sk_…)",
            prefixes: ["lsv2_pt_", "lsv2_sk_"], body: #"[0-9a-f]{32}_[0-9a-f]{10}"#,
            examples: ["LANGSMITH_API_KEY=«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»"],
            counterexamples: ["lsv2_pt_short"]),
        Detector.prefixed(
            id: "langfuse-secret-key",
            description: "Langfuse secret key (sk-lf-…)",
            prefixes: ["sk-lf-"], body: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#,
            examples: ["LANGFUSE_SECRET_KEY=«sk-lf-b0e5b551-f4fa-7e63-0795-4834e260d440»"],
            counterexamples: ["sk-lf-short"]),
        Detector.prefixed(
            id: "pinecone-api-key",
            description: "Pinecone API key (pcsk_…)",
            prefixes: ["pcsk_"], body: #"[A-Za-z0-9]{4,8}_[A-Za-z0-9]{60,70}"#, tail: "A-Za-z0-9",
            examples: ["PINECONE_API_KEY=«pcsk_bdv3L_zi8QE7Djdff2cuXiVwh6CkGiyDZg1ze0csdoCp5OaYatsoMJSrgtNO3IGqJiSiI»"],
            counterexamples: ["pcsk_short"]),
        Detector.prefixed(
            id: "nvidia-api-key",
            description: "NVIDIA API catalog / NGC key (nvapi-…)",
            prefixes: ["nvapi-"], body: #"[A-Za-z0-9_-]{64}"#,
            examples: ["NVIDIA_API_KEY=«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»"],
            counterexamples: ["nvapi-short"]),
        Detector.prefixed(
            id: "together-api-key",
            description: "Together AI API key (tgp_v1_…)",
            prefixes: ["tgp_v1_"], body: #"[A-Za-z0-9_-]{43}"#,
            examples: ["TOGETHER_API_KEY=«tgp_v1_39MojOd5eipNj4jQaTFNrsUrCd88gqWsp6LsBUcy8X9»"],
            counterexamples: ["tgp_v1_short"]),
        Detector.prefixed(
            id: "fireworks-api-key",
            description: "Fireworks AI API key (fw_…)",
            prefixes: ["fw_"], body: #"[A-Za-z0-9]{24}"#, tail: "A-Za-z0-9",
            examples: ["FIREWORKS_API_KEY=«fw_gVHaVUtOATZQuD150LxLEgj8»"],
            counterexamples: ["fw_version=1.2.3"]),
        Detector.assigned(
            id: "wandb-api-key",
            description: "Weights & Biases API key next to its name",
            names: #"wandb[_-]?api[_-]?key"#, keywords: ["wandb"], value: #"[0-9a-f]{40}"#,
            examples: ["WANDB_API_KEY=«16dba9fdce6df328adddab87af87414fd8628735»"],
            counterexamples: ["WANDB_API_KEY is not set"]),
        Detector.assigned(
            id: "deepseek-api-key",
            description: "DeepSeek API key next to its name",
            names: #"deepseek[A-Za-z0-9_.-]{0,24}?key"#, keywords: ["deepseek"], value: #"sk-[0-9a-f]{32}"#,
            examples: ["DEEPSEEK_API_KEY=«sk-34c332a0e0c461d50dfd7aa896a0dafe»"],
            counterexamples: ["DEEPSEEK_API_KEY=sk-"]),
        Detector.assigned(
            id: "azure-openai-key",
            description: "Azure OpenAI / AI services key next to its name",
            names: #"azure[_-]?(?:openai|ai|cognitive)[A-Za-z0-9_.-]{0,24}?key"#, keywords: ["azure"],
            value: #"[0-9a-f]{32}|[A-Za-z0-9]{84}"#,
            examples: ["AZURE_OPENAI_API_KEY=«5c40e29e0fd4a8c722f1e64c2cd55749»"],
            counterexamples: ["AZURE_OPENAI_API_KEY="]),
        Detector.assigned(
            id: "elevenlabs-api-key",
            description: "ElevenLabs API key next to its name or in its xi-api-key header",
            names: #"(?:elevenlabs|xi)[_-]?api[_-]?key"#, keywords: ["elevenlabs", "xi-api", "xi_api"],
            value: #"(?:sk_)?[0-9a-f]{32,48}"#,
            examples: ["xi-api-key: «sk_48e53f2615509aaaf9874738bfa6d2279523fbbb13f03d1e»", "ELEVENLABS_API_KEY=«c2b1b7674a4b5890a93e0ced335f8cac»"],
            counterexamples: ["xi-api-key: missing"]),
        Detector.prefixed(
            id: "sk-dash-api-key",
            description: "API key of the sk- and 32 hex digits or 48 letters and digits kind (DeepSeek, Braintrust, Moonshot)",
            prefixes: ["sk-"], body: #"(?:[0-9a-f]{32}|[A-Za-z0-9]{48})"#, tail: "A-Za-z0-9_-",
            examples: ["api_key=«sk-056de14c3c5a487a114cf3fbdd9fedd3»", "BRAINTRUST_API_KEY=«sk-k6V50vMjh70asR5xpWKx1klMJZeDczlY78QitWQ2V6yNLOZW»"],
            counterexamples: ["sk-056de14c3c5a487a114cf3fbdd9fedd", "disk-056de14c3c5a487a114cf3fbdd9fedd3", "sk-k6V50vMjh70asR5xpWKx1klMJZeDczlY78QitWQ2V6yNLOZW-v2"]),
        Detector.prefixed(
            id: "sk-underscore-hex-key",
            description: "API secret key of the sk_ and 32 or 48 hex digits kind (ElevenLabs, IEX Cloud)",
            prefixes: ["sk_"], body: #"(?:[0-9a-f]{48}|[0-9a-f]{32})"#, tail: "A-Za-z0-9_-",
            examples: ["ELEVEN_API_KEY=«sk_a98faec23434556c1e237153dd2ad464cfad0ca708a6a9e3»", "token=«sk_c6a935897b46606247fdaa2b8e3e4728»"],
            counterexamples: ["sk_c6a935897b46606247fdaa2b8e3e472", "task_c6a935897b46606247fdaa2b8e3e4728", "sk_c6a935897b46606247fdaa2b8e3e4728_old"]),
        Detector.assigned(
            id: "assemblyai-api-key",
            description: "AssemblyAI API key next to its name",
            names: #"assemblyai[A-Za-z0-9_.-]{0,24}?key"#, keywords: ["mblyai"], lead: 4, value: #"[0-9a-f]{32}"#,
            examples: ["ASSEMBLYAI_API_KEY=«eabae0b9a12ce40b20691bf878a07c93»"],
            counterexamples: ["ASSEMBLYAI_API_KEY="]),
        Detector.assigned(
            id: "deepgram-api-key",
            description: "Deepgram API key next to its name",
            names: #"deepgram[A-Za-z0-9_.-]{0,24}?key"#, keywords: ["deepgram"], value: #"[0-9a-f]{40}"#,
            examples: ["DEEPGRAM_API_KEY=«b3f19cf77a1a47f31cc312f6912f74d734fb3e56»"],
            counterexamples: ["DEEPGRAM_API_KEY="]),
    ]
}
