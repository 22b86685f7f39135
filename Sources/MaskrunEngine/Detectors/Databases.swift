/// Databases and brokers: connection strings with credentials (PostgreSQL, MySQL/MariaDB,
/// MongoDB, Redis, AMQP, JDBC, ADO.NET), Kafka JAAS, NATS seeds, InfluxDB, Neo4j, passwords
/// on client command lines and in SQL.
extension BuiltinDetectors {
    /// `scheme://user:password@` with the password masked; `user` may be empty when
    /// `emptyUser`.
    private static func connectionString(
        id: String, description: String, schemes: String, keywords: [String], emptyUser: Bool = false,
        examples: [String], counterexamples: [String]
    ) -> Detector {
        let user = emptyUser ? #"[^\s:@/?#"']{0,128}"# : #"[^\s:@/?#"']{1,128}"#
        return Detector(
            id: id, description: description,
            pattern: #"(?<![A-Za-z0-9+.-])(?i:"# + schemes + #")://"# + user + ":(" + passwordInURL + ")@", group: 1,
            prefilter: Prefilter(keywords: keywords, caseless: true),
            // `user:password@`, `mysql:secret@`: documentation's stand-ins, as for any URL.
            validator: { value in !ValueShape.plainWords.contains(String(decoding: value, as: UTF8.self).lowercased()) },
            examples: examples, counterexamples: counterexamples + ["mongodb://user:password@db.example.com:27017/app"])
    }

    /// A URL's password: up to the last `@` of the user information, as URL parsers take it
    /// (`mongodb+srv://app:p@ss135!@host` has the password `p@ss135!`); a `?` or `#` before
    /// that `@` is the password's too, not a query or fragment.
    static let passwordInURL = #"(?:[^\s@/?#"']|[@?#](?=[^\s@/"']*+@)){1,256}+"#

    static let databases: [Detector] = [
        Detector.prefixed(
            id: "aiven-service-password",
            description: "Password of an Aiven or DigitalOcean managed database user (AVNS_…)",
            // doctl databases user get / connection and avn service user-list print it in a table
            // or inside the connection URI.
            prefixes: ["AVNS_"], body: #"[A-Za-z0-9_-]{16,32}"#,
            examples: ["doadmin    primary    «AVNS_Tg5Yh9Uj3Ik7Ol1Pa5S»",
                       "postgresql://doadmin:«AVNS_q8Rt2Vx6Zb9Mc3Kp7Ln»@db-pg-fra1-01.b.db.ondigitalocean.com:25060/defaultdb?sslmode=require"],
            counterexamples: ["AVNS_short", "AVNS_ is the prefix of the passwords it generates"]),
        Detector.prefixed(
            id: "mongodb-atlas-service-account-secret",
            description: "MongoDB Atlas service account client secret (mdb_sa_sk_…)",
            prefixes: ["mdb_sa_sk_"], body: #"[A-Za-z0-9_-]{40}"#,
            examples: ["MONGODB_ATLAS_CLIENT_SECRET=«mdb_sa_sk_ZWzwDFrlGXl_z1BVXBt7wRkl8OZfIa2AUk7z7gTq»"],
            counterexamples: ["mdb_sa_sk_short"]),
        connectionString(
            id: "postgres-connection-string",
            description: "Password in a PostgreSQL connection URL (postgres://user:password@host)",
            schemes: #"postgres(?:ql)?(?:\+[a-z0-9]+)?"#, keywords: ["postgres"],
            examples: ["DATABASE_URL=postgres://app:«x5WBtAlPnHFWXTyt»@db.internal:5432/app",
                       "sqlalchemy.url = postgresql+psycopg://svc:«v4KXE1wu9mOvR0kk2AD0BjKV»@10.0.0.5/prod"],
            counterexamples: ["postgres://db.internal:5432/app", "postgresql://localhost/app"]),
        connectionString(
            id: "mysql-connection-string",
            description: "Password in a MySQL or MariaDB connection URL",
            schemes: #"mysqlx?(?:\+[a-z0-9]+)?|mariadb"#, keywords: ["mysql", "mariadb"],
            examples: ["mysql://root:«aNZIWwbHtG5c»@127.0.0.1:3306/shop", "mysql+pymysql://u:«I1yW0gcIbOICPiSImRVw»@db/x"],
            counterexamples: ["mysql://db.internal/shop"]),
        connectionString(
            id: "mongodb-connection-string",
            description: "Password in a MongoDB connection URL (mongodb://, mongodb+srv://)",
            schemes: #"mongodb(?:\+srv)?"#, keywords: ["mongodb"],
            examples: ["MONGO_URL=mongodb+srv://admin:«84NtbnNenfy0K1Xwhv»@cluster0.abcde.mongodb.net/?retryWrites=true",
                       "mongodb://svc:«Gr8@Wq7!zL»@10.1.2.3:27017/app"],
            counterexamples: ["mongodb://localhost:27017/test"]),
        connectionString(
            id: "redis-connection-string",
            description: "Password in a Redis connection URL (redis://:password@host, rediss://user:password@host)",
            schemes: #"rediss?"#, keywords: ["redis://", "rediss://"], emptyUser: true,
            examples: ["REDIS_URL=redis://:«plMdwr2OHQqm9ueb2XZnChrWM3laE9xi»@cache:6379/0", "rediss://default:«eHZYRxhhRme6fVRrE9NxR8hs»@r.example.com:6380"],
            counterexamples: ["redis://cache:6379/0"]),
        connectionString(
            id: "amqp-connection-string",
            description: "Password in an AMQP (RabbitMQ) connection URL",
            schemes: #"amqps?"#, keywords: ["amqp"],
            examples: ["BROKER_URL=amqp://guest:«roCcTbwBygl0tI»@rabbitmq:5672/%2F"],
            counterexamples: ["amqp://rabbitmq:5672/"]),
        Detector(
            id: "jdbc-connection-string",
            description: "Password parameter of a JDBC URL (jdbc:…;password=…, ?password=…, &userpass=…)",
            // The parameter's name ends in a password word (`password`, `userpass`, `dbPwd`),
            // after a `&` written as `&amp;` too (a URL inside XML).
            pattern: #"(?i:jdbc:[a-z0-9]++:)[^\s"']{0,300}?[;?&](?i:[a-z]{0,12}(?:password|passwd|pass|pwd))=([^;&\s"']{1,256})"#, group: 1,
            prefilter: Prefilter(keywords: ["jdbc:"], caseless: true),
            // `&bypass=true`: a switch, not a password.
            validator: { value in !ValueShape.plainWords.contains(String(decoding: value, as: UTF8.self).lowercased()) },
            examples: ["jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=«QhAI4WB9K61twh»;encrypt=true",
                       "jdbc:postgresql://db/app?user=app&password=«7gsJ8zLVcBlU»&ssl=true",
                       #"<Realm connectionURL="jdbc:mysql://db.lan/realm?user=tomcat&amp;userpass=«Wq7-Lz3Kx9»" />"#],
            counterexamples: ["jdbc:postgresql://db/app?user=app&ssl=true", "jdbc:h2:mem:test;bypass=true;user=sa"]),
        Detector(
            id: "ado-net-connection-string",
            description: "Password in a semicolon-separated connection string (ADO.NET, ODBC, SQL Server JDBC)",
            pattern: #"(?|(?<=;|;[ \t]|;[ \t]{2})(?i:Password|Pwd)[ \t]*+=[ \t]*+([^;\r\n"]{1,256})|(?<![A-Za-z0-9_])(?i:Password|Pwd)[ \t]*+=[ \t]*+([^;\r\n"]{1,256})(?=;[ \t]*+[A-Za-z][A-Za-z ]{1,30}=))"#,
            group: 1,
            prefilter: Prefilter(keywords: ["password", "pwd"], caseless: true),
            examples: ["Server=tcp:sql.example.net,1433;Database=app;User ID=sa;Password=«G169REQucuLL8a9q»;Encrypt=True",
                       "Data Source=db;Initial Catalog=app;User Id=sa; Pwd=«Tq9-xv2LmR7p»;"],
            counterexamples: ["Server=sql.example.net;Database=app;Integrated Security=true", "password=hunter2 please",
                              "user.password = getPassword();"]),
        Detector(
            id: "kafka-jaas-password",
            description: "Password in a Kafka SASL JAAS configuration",
            pattern: #"(?i:LoginModule)[ \t]++required\b[^\n;]{0,300}?\bpassword[ \t]*+=[ \t]*+"([^"\r\n]{1,256})""#, group: 1,
            prefilter: Prefilter(keywords: ["loginmodule"], caseless: true),
            examples: [#"sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="svc" password="«3zjqli4NaaXRNLycXhJE»";"#],
            counterexamples: [#"sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;"#]),
        Detector.prefixed(
            id: "nats-nkey-seed",
            description: "NATS nkey seed (SU…, SA…, SO…: user, account, operator private seeds)",
            prefixes: ["SUA", "SAA", "SOA", "SNA", "SCA", "SXA"], body: #"[A-Z2-7]{55}"#, tail: "A-Za-z0-9",
            examples: ["«SUA7AUSS3ONGWTUFHMJYDFBHRALHPECZISHFB56V5P6L7LK4FZIJZW3FBB»"],
            counterexamples: ["SUAREZ was here", "UAD7EQTB4CMAKNAA7BOYZESYRLGW3EXN3FTAWZS5IHR5HTUD3WGNK5NQHT"]),
        Detector(
            id: "sql-password-clause",
            description: "Password in SQL: IDENTIFIED BY '…', WITH PASSWORD '…'",
            pattern: #"(?i)(?|IDENTIFIED\s++BY\s++(?:PASSWORD\s++)?'([^'\r\n]{1,256})'|WITH\s++(?:ENCRYPTED\s++)?PASSWORD\s++'([^'\r\n]{1,256})')"#,
            group: 1,
            prefilter: Prefilter(keywords: ["identified by", "with password", "with encrypted password"], caseless: true),
            examples: ["CREATE USER 'app'@'%' IDENTIFIED BY '«Gck7Ohoijeku3G»';", "ALTER ROLE app WITH PASSWORD '«9BtbjLPR4ch9»';"],
            counterexamples: ["ALTER ROLE app WITH PASSWORD NULL;"]),
        Detector.assigned(
            id: "influxdb-token",
            description: "InfluxDB API token next to its name",
            names: #"influx(?:db)?[A-Za-z0-9_.-]{0,24}?token"#, keywords: ["nflux"], lead: 1, value: #"[A-Za-z0-9_-]{86}=="#,
            tail: "A-Za-z0-9_=-",
            examples: ["INFLUX_TOKEN=«fZWyOztEZgiBmzBgttiPiQUVawyxIwjx27XYJivlKN03OXr9ovjXWxzYg-23PwUWDO6eLyukmIZsx8a55CZoe3==»"],
            counterexamples: ["INFLUX_TOKEN="]),
        Detector(
            id: "neo4j-auth",
            description: "Neo4j password in NEO4J_AUTH=neo4j/…",
            pattern: #"(?i:NEO4J_AUTH)["']?[ \t]*+[:=][ \t]*+["']?[A-Za-z0-9_-]{1,64}/([^\s"']{1,256})"#, group: 1,
            prefilter: Prefilter(keywords: ["neo4j_auth"], caseless: true),
            examples: ["NEO4J_AUTH=neo4j/«JGWbEvsgbv4g957c»"],
            counterexamples: ["NEO4J_AUTH=none"]),
        Detector.prefixed(
            id: "clickhouse-cloud-api-secret",
            description: "ClickHouse Cloud API key secret (4b1d…)",
            prefixes: ["4b1d"], body: #"[A-Za-z0-9]{38}"#, tail: "A-Za-z0-9",
            examples: ["CLICKHOUSE_KEY_SECRET=«4b1dFLZDe1f8rESQedUStPKR0CsTy4Qwb8DwkNhFdn»"],
            counterexamples: ["4b1d0000 is a hex word", "0x4b1dFLZDe1f8rESQedUStPKR0CsTy4Qwb8DwkNhFdn"]),
        Detector.prefixed(
            id: "neon-api-key",
            description: "Neon (serverless Postgres) API key (napi_…)",
            prefixes: ["napi_"], body: #"[a-z0-9]{64}"#, tail: "A-Za-z0-9",
            examples: ["NEON_API_KEY=«napi_frdl1erbfqfoeqh3av90ric7phkqdlmtt7ns26lrwbqcab69m64p2g158z6tnovm»"],
            counterexamples: ["napi_module_register"]),
        pgpassLine,
    ]
}
