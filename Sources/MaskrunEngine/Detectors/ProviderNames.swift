/// Values named by the service they belong to: `checkvist: VALUE / user@example.com`,
/// `instamojo 'VALUE'`, `railway = 'VALUE'`, `apiMetrics := "VALUE"`, `jira VALUE`,
/// `new HubSpotAPI("VALUE")`. Most services' keys are plain random strings with no prefix of
/// their own; what marks them is the service's name close before them (the way the public
/// scanners' detectors pair a keyword with a token shape). One table of service names, a
/// few weak words that may follow one (`token`, `key`, `id`…), and one value check
/// (`RandomToken`), so prose and ordinary identifiers after a service's name stay readable
/// ("github actions", "slack: #general", "docker: 24.0.7").
enum ProviderNames {
    /// Service names, lower case, four letters or more, that are not common words nor inside
    /// them ("front", "box", "square", "mite" of "limited", "toggl" of "toggle" are left out:
    /// they would start a search in most text).
    static let services: [String] = [
        "abuseip", "abyssale", "accuweather", "adafruit", "adobeio", "adzuna", "aeroworkflow", "agora",
        "airbrake", "airship", "airtable", "airvisual", "aiven", "alconost", "alegra", "aletheia", "algolia",
        "alibaba", "alienvault", "allsports", "amadeus", "ambee", "amplitude", "anthropic", "anypoint", "apacta",
        "api2cart", "apideck", "apiflash", "apifonica", "apify", "apilayer", "apimatic", "apimetrics",
        "apitemplate", "appcues", "appfollow", "appointedd", "appsynergy", "apptivo", "artifactory", "asana",
        "assemblyai", "atlassian", "audd", "auth0", "autodesk", "autoklose", "avaza", "aviationstack",
        "axonaut", "aylien", "ayrshare", "azure", "bannerbear", "baremetrics", "beebole", "besnappy", "besttime",
        "betterstack", "billomat", "bitbar", "bitbucket", "bitcoinaverage", "bitfinex", "bitly", "bitmex",
        "blazemeter", "blitapp", "blocknative", "bombbomb", "boostnote", "borgbase", "braintree", "braintrust",
        "brandfetch", "browserstack", "browshot", "bscscan", "buddyns", "budibase", "bugherd", "bugsnag",
        "buildkite", "bulbul", "bulksms", "buttercms", "caflou", "calendarific", "calendly", "calorieninja",
        "campayn", "cannyio", "capsulecrm", "captaindata", "carboninterface", "cashboard", "caspio", "censys",
        "centralstationcrm", "cexio", "chartmogul", "chatfule", "checio", "checkly", "checkvist", "circleci",
        "clarifai", "clearbit", "clickhelp", "clicksend", "clickup", "cliengo", "clientary", "clinchpad",
        "clockify", "clockwork", "closecrm", "cloudconvert", "cloudelements", "cloudflare", "cloudimage",
        "cloudinary", "cloudmersive", "cloudplan", "cloudsmith", "cloverly", "cloze", "clustdoc", "codacy",
        "codeclimate", "codemagic", "codequiry", "coinapi", "coinbase", "coinlayer", "coinlib", "commercejs",
        "companyhub", "confluence", "confluent", "contentful", "conversiontools", "convertapi", "convertkit",
        "convier", "couchbase", "countrylayer", "coveralls", "craftmypdf", "crowdin", "cryptocompare",
        "currencycloud", "currencyfreaks", "currencylayer", "currencyscoop", "currentsapi", "customerguru",
        "customerio", "d7network", "dailyco", "dandelion", "dareboost", "databox", "databricks", "datadog",
        "datagov", "deepai", "deepgram", "deepseek", "demio", "detectify", "detectlanguage", "dfuse", "diffbot",
        "diggernaut", "digitalocean", "discord", "disqus", "dnscheck", "dockerhub", "docparser", "documo",
        "docusign", "doppler", "dotdigital", "dovico", "dronahq", "droneci", "dropbox", "duffel", "duply",
        "dwolla", "dynalist", "dyspatch", "eagleeye", "easyinsight", "ecostruxure", "edamam", "edenai",
        "eightxeight", "elasticemail", "elevenlabs", "enablex", "endorlabs", "envoy", "etherscan", "ethplorer",
        "eventbrite", "everhour", "exchangerate", "exchangerates", "exportsdk", "extractorapi", "facebook",
        "faceplusplus", "fastforex", "fastly", "feedier", "fetchrss", "fibery", "figma", "fileio", "finage",
        "financialmodelingprep", "finnhub", "fixerio", "flatio", "fleetbase", "flexport", "flickr", "flightapi",
        "flightlabs", "flightstats", "flowflu", "flutterwave", "flyio", "fmfw", "formbucket", "formcraft",
        "formio", "formsite", "foursquare", "frameio", "freshbooks", "freshdesk", "freshworks", "fulcrum",
        "fullstory", "fxmarket", "geckoboard", "gengo", "geoapify", "geoip", "geocodify", "geocodio", "geoipifi",
        "getemail", "getgeoapi", "getgist", "getresponse", "getsandbox", "github", "gitlab", "gitter",
        "glassnode", "gocanvas", "gocardless", "godaddy", "goodday", "google", "grafana", "graphcms",
        "graphhopper", "groovehq", "gtmetrix", "guardianapi", "gumroad", "gyazo", "happyscribe", "hashicorp",
        "hasura", "hellosign", "helpcrunch", "helpscout", "hereapi", "heroku", "hiveage", "holidayapi",
        "honeycomb", "html2pdf", "hubspot", "huggingface", "hybiscus", "hypertrack", "ibmcloud", "iconfinder",
        "iexapis", "iexcloud", "imagekit", "imagga", "infura", "insightly", "instabot", "instamojo", "intercom",
        "interseller", "intra42", "intrinio", "invoiceocean", "ip2location", "ipapi", "ipgeolocation", "ipinfo",
        "ipquality", "ipstack", "jira", "jotform", "jumpcloud", "jupiterone", "juro", "kanban", "kanbantool", "karmacrm",
        "keenio", "kickbox", "klaviyo", "klipfolio", "knapsackpro", "kontent", "kraken", "kucoin", "kylas",
        "langfuse", "langsmith", "languagelayer", "larksuite", "launchdarkly", "leadfeeder", "lemlist",
        "lemonsqueezy", "lendflow", "lessannoyingcrm", "lexigram", "linearapi", "linkpreview", "liveagent",
        "livestorm", "loadmill", "locationiq", "loggly", "loginradius", "logzio", "lokalise", "loyverse",
        "lunchmoney", "luno", "madkudu", "magicbell", "mailboxlayer", "mailchimp", "mailerlite", "mailgun",
        "mailjet", "mailmodo", "mailsac", "mandrill", "mapbox", "mapquest", "marketstack", "mattermost",
        "mavenlink", "maxmind", "meaningcloud", "mediastack", "meistertask", "meraki", "mesibo", "messagebird",
        "metaapi", "metabase", "metrilo", "mindmeister", "mixmax", "mixpanel", "mockaroo",
        "monkeylearn", "moonclerk", "moosend", "moralis", "mrticktock", "myintervals", "nasdaqdatalink",
        "nethunt", "netlify", "netsuite", "neutrinoapi", "newrelic", "newsapi", "newscatcher", "nexmo",
        "nftport", "ngrok", "nicereply", "nightfall", "notion", "nozbeteams", "nuget", "numverify",
        "nutritionix", "nvapi", "nylas", "oanda", "octopus", "okta", "omnisend", "onedesk", "onelogin",
        "onepagecrm", "onesignal", "onfleet", "oopspam", "openai", "opencagedata", "openrouter", "openuv",
        "openvpn", "openweather", "opsgenie", "optimizely", "overloop", "owlbot", "packagecloud", "pagarme",
        "pagerduty", "pandadoc", "pandascore", "paperform", "paralleldots", "parsehub", "parseur",
        "partnerstack", "pastebin", "paydirt", "paymo", "paymongo", "paypal", "paystack", "pdflayer", "pdfshift",
        "peopledatalabs", "pepipost", "pganalyze", "photoroom", "pinata", "pinecone", "pipedream", "pipedrive",
        "pivotaltracker", "pixabay", "plaid", "planetscale", "planviewleankit", "planyo", "plivo", "podio",
        "pollsapi", "poloniex", "portainer", "positionstack", "posthog", "postman", "postmark", "powrbot",
        "prodpad", "prospectcrm", "protocolsio", "proxycrawl", "pubnub", "pulumi", "purestake", "pushbullet", "pyxis",
        "pusher", "qase", "qualaroo", "qubole", "rabbitmq", "railway", "rapidapi", "rawg", "razorpay",
        "reachmail", "rebrandly", "rechargepayments", "redhat", "redhatpyxis", "rentman", "repairshopr", "replyio",
        "revampcrm", "ringcentral", "ritekit", "robinhood", "rocketreach", "rootly", "route4me", "rownd",
        "rubygems", "runrunit", "saladcloud", "salesblink", "salescookie", "salesflare", "salesforce",
        "salesmate", "sanity", "satismeter", "saucelabs", "scaleway", "scalr", "scrapeowl", "scraperapi",
        "scraperbox", "scrapestack", "scrapfly", "scrapingant", "scrapingbee", "screenshotapi",
        "screenshotlayer", "scrutinizer", "securitytrails", "selectpdf", "sendbird", "sendgrid", "sendinblue",
        "sentry", "serphouse", "serpstack", "sheety", "sherpadesk", "shipday", "shippo", "shodan", "shopify",
        "shotstack", "shutterstock", "signalwire", "signaturit", "signupgenius", "sigopt", "simfin", "simplesat",
        "simplynoted", "simvoly", "sinch", "sirv", "siteleaf", "skrappio", "skybiometry", "slack", "smartsheet",
        "smartsheets", "smartystreets", "smooch", "snipcart", "snowflake", "snyk", "solarwinds", "sonarcloud",
        "sourcegraph", "sparkpost", "spectral", "speechtextai", "splunk", "spoonacular", "sportsmonk", "spotify",
        "squarespace", "sslmate", "statuscake", "statuspage", "statuspal", "stitchdata", "stockdata", "storecove",
        "stormboard", "stormglass", "storyblok", "storychief", "strava", "stripe", "stripo", "stytch", "sugester",
        "sumologic", "supabase", "supernotes", "surveyanyplace", "surveybot", "surveysparrow", "survicate",
        "swiftype", "tableau", "tailscale", "tallyfy", "tatumio", "taxjar", "teamgate", "teamwork", "tefter",
        "telegram", "teletype", "telnyx", "terraform", "testingbot", "textmagic", "theoddsapi", "thinkific",
        "thousandeyes", "ticketmaster", "tickettailor", "tiingo", "timecamp", "timezoneapi", "tmetric",
        "todoist", "tokeet", "tomorrowio", "tomtom", "tradier", "transferwise", "travelpayouts",
        "travisci", "trello", "trufflehog", "twelvedata", "twilio", "twitch", "twitter", "tyntec", "typeform",
        "typetalk", "ubidots", "uclassify", "unifyid", "unplugg", "unsplash", "upcdatabase", "uplead",
        "uploadcare", "uptimerobot", "upwave", "urlscan", "userflow", "userstack", "vagrantcloud", "vatlayer",
        "vbout", "vercel", "verimail", "veriphone", "versioneye", "viewneo", "virustotal", "visualcrossing",
        "voiceflow", "voicegain", "voodoosms", "vouchery", "vpnapi", "vultr", "vyte", "walkscore", "weatherbit",
        "weatherstack", "webex", "webflow", "webscraper", "webscraping", "websitepulse", "weightsandbiases",
        "wepay", "whoxy", "wistia", "worksnaps", "workstack", "worldcoinindex", "worldweather", "wrike", "yandex",
        "youneedabudget", "yousign", "youtube", "zapier", "zendesk", "zenkit", "zenrows", "zenscrape", "zenserp",
        "zeplin", "zerobounce", "zerotier", "zipapi", "zipbooks", "zipcodeapi", "zipcodebase", "zohocrm",
        "zonkafeedback", "zulip", "zulipchat",
        // Named in Nosey Parker's and Kingfisher's catalogues.
        "appoptics", "atera", "azureopenai", "blynk", "chatfuel", "checklyhq", "cloudsight",
        "eagleeyenetworks", "ecostruxureit", "exchangerateapi", "exchangeratesapi", "findl", "finicity",
        "gitalk", "ipinfodb", "ipqualityscore", "kagi", "linenotify", "linkedin", "logz", "mailjetsms",
        "nozbe", "particleio", "paydirtapp", "paymoapp", "postageapp", "pscale", "requestfinance",
        "restpack", "rockset", "runscope", "scrutinizerci", "skrapp", "sonarqube", "speechtext",
        "teamworkcrm", "teamworkdesk", "teamworkspaces", "technicalanalysisapi", "thingsboard",
        "toggltrack", "truenas", "wandb", "web3storage", "yelp", "zonka",
    ]

    /// Words that may stand between a service's name and its value without changing what the
    /// value is (`stripe_api_key`, `bombbombToken`, `HubSpotAPI`, `spotify id`, `kucoin
    /// secret`). Anything else there (`github_url`, `slack channel`) and the match fails.
    static let weakWords = [
        "api", "apikey", "apitoken", "app", "access", "account", "auth", "bearer", "bot", "client", "clientid",
        "consumer", "credentials", "credential", "creds", "dev", "id", "key", "keys", "license", "live", "oauth",
        "pat", "personal", "private", "prod", "production", "project", "sandbox", "secret", "secrets",
        "server", "service", "sk", "staging", "test", "token", "tokens",
    ]

    /// The weak words that say the value is a credential (not `id`, `app`, `test`): after one
    /// of them a value may be glued on with `-` or `:` (`gumroadSECRET-…`, `moosendACCESS:…`),
    /// and a service named by a common word needs one (`daily SECRET …`, not "daily 4f2a…").
    static let secretWords = [
        "access", "apikey", "apitoken", "auth", "credential", "credentials", "creds", "key", "keys", "license",
        "pat", "private", "secret", "secrets", "token", "tokens",
    ]

    /// Services whose name is also a common word or a short one ("daily", "fixer", "karma",
    /// "hunter"): matched only with a secret word after them, so prose stays readable.
    static let commonWordServices: [String] = [
        "apollo", "autopilot", "beamer", "blogger", "coda", "collect2", "courier", "daily", "debounce",
        "delighted", "enigma", "eraser", "fixer", "holistic", "hunter", "kafka", "karma", "miro", "nimble",
        "noticeable", "polygon", "prospect", "protocols", "raven", "refiner", "shortcut", "streak", "toggl",
    ]

    /// Whether the name part of a match (`holidayapiKEY-`, `cloudmersive-secret-key-`) has a
    /// secret word after the service's name: the value is then a credential by its name, and
    /// is also taken when it passes the test of a named secret (a UUID, a hex run), not only
    /// `RandomToken`'s stricter one.
    static func namesCredential(_ name: ArraySlice<UInt8>) -> Bool {
        if NameBytes.applies, name.allSatisfy({ $0 < 0x80 }) { return NameBytes.namesCredential(name) }
        return namesCredentialInText(name)
    }

    /// `namesCredential` on Swift strings (Unicode lower case and comparison): for names that
    /// are not ASCII, and the reference its byte-level path is tested against.
    static func namesCredentialInText(_ name: ArraySlice<UInt8>) -> Bool {
        let lower = String(decoding: name, as: UTF8.self).lowercased()
        let service = allServices.filter { lower.hasPrefix($0) }.max { $0.count < $1.count } ?? ""
        let rest = lower.dropFirst(service.count)
        return secretWords.contains { rest.contains($0) }
    }

    /// A named secret's shape (`ValueShape.secret`), and not an address, a host or a date.
    static func credentialShape(_ value: ArraySlice<UInt8>) -> Bool {
        ValueShape.secret.accepts(value) && !RandomToken.isAddress(value) && !RandomToken.isHostName(value) && !RandomToken.isDate(value)
    }

    static let allServices = services + commonWordServices

    /// The regex of a service's name with the weak words after it, starting at the name.
    /// The names are grouped by first letter, longest first, so a try at a keyword compares
    /// a few dozen of them, not all. Written once per process, at its first use.
    static let namePattern: String = {
        // Ordered by UTF-8 length and bytes (the names are ASCII): `String.count` walks
        // grapheme clusters, and sorting 400 names by it cost 9 M instructions.
        let longestFirst = { (a: String, b: String) in a.utf8.count > b.utf8.count }
        let groups = Dictionary(grouping: services) { $0.first! }
        let alternatives = groups.keys.sorted().map { letter -> String in
            let tails = groups[letter]!.sorted {
                $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0.utf8.lexicographicallyPrecedes($1.utf8)
            }.map { Detector.escape(String($0.dropFirst())) }
            return "\(letter)(?:\(tails.joined(separator: "|")))"
        }
        let weak = weakWords.sorted(by: longestFirst).joined(separator: "|")
        let strong = secretWords.sorted(by: longestFirst).joined(separator: "|")
        let common = commonWordServices.sorted(by: longestFirst).map(Detector.escape).joined(separator: "|")
        // A weak word ends where a lower-case run ends, or where another weak word starts
        // (`secretkey`, `PRIVATEkey`).
        let weakWord = #"[ _.-]?+(?i:"# + weak + #")(?:(?![a-z])|(?=(?i:"# + weak + ")))"
        let strongWord = #"[ _.-]?+(?i:"# + strong + #")(?:(?![a-z])|(?=(?i:"# + weak + ")))"
        // Glued after `get`/`new` (`getsmartsheet(`, `new HubSpotAPI(`); numbered or lettered
        // after it (`key2`, `confluence_a`), but not the start of a value (`KEY-5b2e…`).
        return #"(?:(?<![A-Za-z0-9])|(?<=get|Get|new|New))(?:(?i:"# + alternatives.joined(separator: "|") + ")|(?i:" + common + ")(?:"
            + weakWord + ")*?" + strongWord + ")(?:" + weakWord + #")*+(?:[_-]?+[0-9]{1,2}+(?![A-Za-z0-9])|[_-][A-Za-z](?![A-Za-z0-9]))?+"#
    }()

    /// The whole pattern: the name, a joint (an assignment, `:`, ` - `, `is`, a call's
    /// parenthesis, or a space) and one value, quoted or bare (group 1).
    static let pattern: String = {
        let closing = #"(?:\\?["'`])?"#
        // Glued with `-` or `:` only after a secret word: `grafana-7d9f8b6c5-x2k4p` is a pod.
        let glued = "(?<=(?i)" + secretWords.joined(separator: "|") + ")[-:](?=[A-Za-z0-9])"
        let joint = #"(?:[ \t]*+(?::=|=>|=|:(?=[ \t"'])|-(?=[ \t]))[ \t]*+(?:\r?\n[ \t]*+)?|[ \t]*+\([ \t]*+(?=["'])|[ \t]*+,[ \t]*+(?=["'])|[ \t]++(?:is[ \t]++)?|"#
            + glued + ")"
        let value = #"(?|"([^"\\\r\n]{1,1024}+)"|'([^'\r\n]{1,1024}+)'|`([^`\r\n]{1,1024}+)`|([^\s"'`,;<>(){}\[\]]{1,1024}+)(?![^\s"'`,;<>(){}\[\]]))"#
        return namePattern + closing + joint + value
    }()
}

extension BuiltinDetectors {
    static let providerValue = Detector(
        id: "provider-value",
        description: "A random-looking value right after a service's name: jira VALUE, checkvist: VALUE / user@…, instamojo 'VALUE', apiMetrics := \"VALUE\"",
        pattern: ProviderNames.pattern,
        group: 1,
        prefilter: Prefilter(keywords: ProviderNames.allServices, caseless: true),
        matchValidator: { match, value, _ in
            RandomToken.looksRandom(value) || (ProviderNames.namesCredential(match[match.startIndex..<value.startIndex]) && ProviderNames.credentialShape(value))
        },
        examples: [
            "checkvist: «q8Rmz41vTbkWx2» / ops2231@example.org", "instamojo '«Hq3nLpV7wRtY9kZs2XcM4bNd8fGjA»'",
            "railway = '«c71e0f4a-9b2d-4e63-8a15-3f7d20b9e6c4»'", #"apiMetrics := "«Tz6pW1qLx9RcV3bN7mKs0dYe»""#,
            "jira «Lm4Qx8Zr2TvB6nWp0KsYcH3d»", #"const client = new HubSpotAPI("«5e0b9c2a-71d4-4f38-b6e1-0a9c3d7f2e58»");"#,
            "the api2cart key is «7c3e91a0b4d25f86e1a9c0d7b3f4e2a6» for the shop", "spotify id - '«Rk7Wm2Pq9Xv4Tz1Lb6Nc3D»'",
            "{bitfinex «Gv5Tn8Qw2Lr7Kx0Zm3Yp9Bs6Hd4Fj»}", #"creds.put("zendesk", "«Wq3Lr8Xk1Vz6Tn0Bm5Pj»");"#, "cloudflare: «9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c» / ops@example.com",
            "gumroadSECRET-«G5hT2kWq9Lm4Xv8Rb1Zp7Nc3»", "loyverseACCESSkey-«c8R2mV5xQ1tL7wK4pZ9b»", "moosendTOKEN:«Y3nB8kR5vT1qW6mL9xZ2»",
            "eventbrite secretkey «P7R3K9W2M5X8T4Q6L1V0»", "nimble PRIVATE «Vq7Lx2Rm9Tb4Kp1Zw6Nc»", "hunter_secret_key=«Wm3Rk8Tq1Zv6Lp9Xb2»",
            "holidayapiKEY-«5b2e8f14-93c7-4d0a-b6e1-7f3a9c2d4e80»", "convertapi SECRET «e4d1b7a93c2f6058»",
        ],
        counterexamples: [
            "github actions run the tests", "slack: #general", "stripe: enabled", "github: https://github.com/org/repo",
            "jira myteam.atlassian.net", "mailgun 'example.mailgun.org'", "zendesk: support@example.com",
            "image: grafana/grafana:10.2.3", "sentry_dsn: https://abc@o1.ingest.sentry.io/1", "github_url: abcd1234efgh5678",
            "okta 2024-11-02T08:15:44Z", "docker pull dockerhub 24.0.7-alpine3", "heroku release-2024-05",
            "twilio token - 'not-a-token-here'", "github 'yourTokenHere123'", "slack 'xxxxxxxxxxxxxxxx'",
            "daily 7Hq2Lm9Xv4Rt", "nimble fingers 7Hq2Lm9Xv4Rt", "pod grafana-7d9f8b6c5-x2k4p restarted", "stripe-7Hq2Lm9Xv4Rt",
            "slack token rotation-policy", "github token expired", "okta token 2024-11-02T08:15:44Z", "stripe key: ops@example.com",
        ])
}
