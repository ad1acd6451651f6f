/// The results database's tables (documented in docs/results.md). One file
/// holds one sweep (or the merge of its shards).
enum ResultsSchema {
    static let version = 1

    /// Metric columns of `runs`, in ``RunMetric/all``'s order.
    static var metricColumns: String {
        RunMetric.all.map { "  \($0.name) \($0.isInteger ? "INTEGER" : "REAL") NOT NULL" }.joined(separator: ",\n")
    }

    static var statements: [String] {
        [
            """
            CREATE TABLE sweeps (
              id INTEGER PRIMARY KEY,
              fingerprint TEXT NOT NULL,
              command_line TEXT NOT NULL,
              version TEXT NOT NULL,
              started_at TEXT NOT NULL,
              scenario_file TEXT NOT NULL,
              scenario_text TEXT NOT NULL,
              set_overrides TEXT NOT NULL,
              seed TEXT,
              grid TEXT NOT NULL,
              replications INTEGER NOT NULL,
              configurations INTEGER NOT NULL,
              total_runs INTEGER NOT NULL,
              slo TEXT,
              definition TEXT NOT NULL,
              merged_from TEXT
            )
            """,
            """
            CREATE TABLE configurations (
              sweep_id INTEGER NOT NULL REFERENCES sweeps(id),
              configuration INTEGER NOT NULL,
              parameters TEXT NOT NULL,
              PRIMARY KEY (sweep_id, configuration)
            )
            """,
            """
            CREATE TABLE parameters (
              sweep_id INTEGER NOT NULL REFERENCES sweeps(id),
              configuration INTEGER NOT NULL,
              key TEXT NOT NULL,
              value TEXT NOT NULL,
              PRIMARY KEY (sweep_id, configuration, key)
            )
            """,
            """
            CREATE TABLE runs (
              id INTEGER PRIMARY KEY,
              sweep_id INTEGER NOT NULL REFERENCES sweeps(id),
              configuration INTEGER NOT NULL,
              replication INTEGER NOT NULL,
              seed TEXT NOT NULL,
              parameters TEXT NOT NULL,
            \(metricColumns),
              UNIQUE (sweep_id, configuration, replication)
            )
            """,
            """
            CREATE TABLE latency_quantiles (
              run_id INTEGER NOT NULL REFERENCES runs(id),
              metric TEXT NOT NULL,
              quantile REAL NOT NULL,
              seconds REAL NOT NULL,
              PRIMARY KEY (run_id, metric, quantile)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE time_series (
              run_id INTEGER NOT NULL REFERENCES runs(id),
              t_seconds REAL NOT NULL,
              queue_visible INTEGER NOT NULL,
              queue_in_flight INTEGER NOT NULL,
              instances_booting INTEGER NOT NULL,
              instances_running INTEGER NOT NULL,
              instances_stopping INTEGER NOT NULL,
              jobs_in_progress INTEGER NOT NULL,
              PRIMARY KEY (run_id, t_seconds)
            ) WITHOUT ROWID
            """,
            "PRAGMA user_version = \(version)",
        ]
    }

    /// The quantiles stored per run and latency: 0, 0.01, ..., 0.99, 0.999, 1.
    static let quantileLevels: [Double] = (0...99).map { Double($0) / 100 } + [0.999, 1]
}
