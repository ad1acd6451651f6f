import NommerConfig
import Testing

/// Values `validate` used to accept that make a run grow without bound,
/// overflow integer arithmetic or print infinite costs.
@Suite struct InputBoundsTests {
    @Test("a visibility timeout follows the timer rule: at least 1 ms, at most SQS's 12 h")
    func visibilityTimeout() throws {
        let tiny = try #require(failure("worker:\n  visibility_timeout_seconds: 1e-300\n"))
        #expect(tiny.description
            == "x.yaml:2:31: worker.visibility_timeout_seconds: must be in [0.001, 43200] (1 ms to 12 h), got 1e-300")
        let long = try #require(failure("worker: {visibility_timeout_seconds: 50000}"))
        #expect(long.kind == .outOfRange(requirement: "in [0.001, 43200] (1 ms to 12 h)", got: "50000"))
        #expect(failure("worker: {visibility_timeout_seconds: 0.001}") == nil)
        #expect(failure("worker: {visibility_timeout_seconds: 43200}") == nil)
    }

    @Test("duplicate_probability is at most 0.5: at 1 every receive re-delivers for ever", arguments: ["1", "0.99", "0.51"])
    func duplicates(_ text: String) throws {
        let error = try #require(failure("queue:\n  duplicate_probability: \(text)\n"))
        #expect(error.description == "x.yaml:2:26: queue.duplicate_probability: must be in [0, 0.5], got \(text)")
        #expect(failure("queue: {duplicate_probability: 0.5}") == nil)
    }

    @Test("arrivals of more than 1e9 jobs over the run are refused, naming the rate key", arguments: [
        ("workload:\n  arrivals:\n    process: poisson\n    rate_per_hour: 1e300\n",
         "x.yaml:4:20: workload.arrivals.rate_per_hour: must be at most 1e9 jobs over the run (peak rate 1e+300 jobs/hour x 24.0 h of arrivals), got 2.4e+301"),
        ("duration_hours: 1000\nworkload:\n  arrivals: {process: diurnal, mean_rate_per_hour: 1e6, amplitude: 0.5, peak_hour: 12}\n",
         "x.yaml:3:52: workload.arrivals.mean_rate_per_hour: must be at most 1e9 jobs over the run (peak rate 1500000.0 jobs/hour x 1000.0 h of arrivals), got 1500000000.0"),
        ("workload:\n  arrivals:\n    process: bursts\n    base_rate_per_hour: 1\n    bursts: [{at_hour: 1, duration_minutes: 1, rate_per_hour: 1e300}]\n",
         "x.yaml:5:13: workload.arrivals.bursts: must be at most 1e9 jobs over the run (peak rate 1e+300 jobs/hour x 24.0 h of arrivals), got 2.4e+301"),
        ("duration_hours: 1000\nworkload:\n  arrivals: {process: renewal, gap_seconds: 0.0009765625}\n",
         "x.yaml:3:45: workload.arrivals.gap_seconds: must be at most 1e9 jobs over the run (peak rate 3686400.0 jobs/hour x 1000.0 h of arrivals), got 3686400000.0"),
        ("duration_hours: 8766000\n",
         "x.yaml:1:17: duration_hours: must be at most 1e9 jobs over the run (peak rate 120.0 jobs/hour x 8766000.0 h of arrivals), got 1051920000.0"),
    ])
    func tooManyArrivals(_ yaml: String, _ message: String) throws {
        let error = try #require(failure(yaml))
        #expect(error.description == message)
    }

    @Test("renewal gaps of a finite mean but a vanishing median are bounded by the median", arguments: [
        "{distribution: lognormal, median: 1e-300, sigma: 37.4}",
        "{distribution: weibull, shape: 0.01, scale: 1e-154}",
        "{distribution: gamma, shape: 0.001, scale: 1e6}",
        "{distribution: lognormal, median: 1e-6, sigma: 4}",
    ])
    func renewalMedian(_ gap: String) throws {
        let yaml = "workload:\n  arrivals:\n    process: renewal\n    gap_seconds: \(gap)\n"
        let error = try #require(failure(yaml))
        #expect(error.keyPath == "workload.arrivals.gap_seconds")
        #expect(error.description.contains(": must be at most 1e9 jobs over the run (peak rate "), "\(error)")
        // With a `jobs` horizon the draws stop at `jobs`, and a heavy but ordinary tail is fine.
        #expect(failure("jobs: 1000\n" + yaml) == nil)
        #expect(failure("workload: {arrivals: {process: renewal, gap_seconds: {distribution: lognormal, median: 1, sigma: 4}}}") == nil)
        #expect(failure("workload: {arrivals: {process: renewal, gap_seconds: {distribution: gamma, shape: 0.5, scale: 60}}}") == nil)
    }

    @Test("a median lower bound is at most the median", arguments: [
        (DistributionSpec.gamma(shape: 0.5, scale: 2), 0.4549364231195724), // the chi-square(1) median
        (DistributionSpec.gamma(shape: 3, scale: 1), 2.674060313723561),
        (DistributionSpec.weibull(shape: 2, scale: 1), 0.8325546111576977),
        (DistributionSpec.exponential(mean: 1), 0.6931471805599453),
    ])
    func medianBound(_ distribution: DistributionSpec, _ median: Double) {
        #expect(distribution.medianLowerBound <= median * (1 + 1e-12))
        #expect(distribution.medianLowerBound >= median * 0.5)
    }

    @Test("hourly rates and overrides are held to the same bound; 1e9 itself and bursts that end are not refused")
    func arrivalBoundEdges() throws {
        let hourly = "[1e300" + String(repeating: ", 0", count: 23) + "]"
        let error = try #require(failure("name: x\n", overrides: ["workload.arrivals={process: hourly, rates_per_hour: \(hourly)}"]))
        #expect(error.keyPath == "workload.arrivals.rates_per_hour")
        #expect(error.isFromOverride)
        #expect(failure("duration_hours: 1\nworkload: {arrivals: {process: poisson, rate_per_hour: 1e9}}\n") == nil)
        #expect(failure("jobs: 1000\nworkload: {arrivals: {process: poisson, rate_per_hour: 1e300}}\n") == nil)
        let jobs = try #require(failure("jobs: 1000000001\n"))
        #expect(jobs.description == "x.yaml:1:7: jobs: must be in [1, 1000000000], got 1000000001")
    }

    @Test("instance counts are at most 100000", arguments: [
        ("fleet:\n  max_instances: 9223372036854775807\n", "x.yaml:2:18: fleet.max_instances: must be in [1, 100000], got 9223372036854775807"),
        ("fleet:\n  instance_quota: 100001\n", "x.yaml:2:19: fleet.instance_quota: must be in [1, 100000], got 100001"),
        ("policy:\n  name: fixed\n  instances: 9223372036854775807\n", "x.yaml:3:14: policy.instances: must be in [1, 100000], got 9223372036854775807"),
        ("policy:\n  name: backlog\n  min_instances: 100001\n", "x.yaml:3:18: policy.min_instances: must be in [0, 100000], got 100001"),
        ("policy:\n  name: hpa\n  min_instances: 100001\n", "x.yaml:3:18: policy.min_instances: must be in [0, 100000], got 100001"),
    ])
    func instanceCounts(_ yaml: String, _ message: String) throws {
        #expect(failure(yaml)?.description == message)
    }

    @Test("the largest fleet loads: 100000 fixed instances")
    func largestFleet() throws {
        let scenario = try ScenarioLoader.parse(
            yaml: "fleet: {max_instances: 100000}\npolicy: {name: fixed, instances: 100000}\n", file: "x.yaml")
        #expect(scenario.fleet.maxInstances == 100_000)
    }

    @Test("every other integer key that feeds arithmetic has a documented bound", arguments: [
        ("worker:\n  jobs_per_instance: 1001\n", "x.yaml:2:22: worker.jobs_per_instance: must be in [1, 1000], got 1001"),
        ("policy:\n  overflow_threshold: 1000001\n", "x.yaml:2:23: policy.overflow_threshold: must be in [0, 1000000], got 1000001"),
        ("feeder:\n  state_changes_per_check: 1000001\n", "x.yaml:2:28: feeder.state_changes_per_check: must be in [1, 1000000], got 1000001"),
        ("aws:\n  retry_max_attempts: 101\n", "x.yaml:2:23: aws.retry_max_attempts: must be in [1, 100], got 101"),
        ("aws:\n  request_timeout_seconds: 3601\n", "x.yaml:2:28: aws.request_timeout_seconds: must be in [1, 3600], got 3601"),
    ])
    func otherIntegers(_ yaml: String, _ message: String) throws {
        #expect(failure(yaml)?.description == message)
    }

    @Test("HPA's target is at least 0.001 jobs per instance; its stabilization window at most an hour")
    func hpaParameters() throws {
        let target = try #require(failure("policy:\n  name: hpa\n  target_jobs_per_instance: 1e-300\n"))
        #expect(target.description == "x.yaml:3:29: policy.target_jobs_per_instance: must be >= 0.001, got 1e-300")
        let window = try #require(failure("policy:\n  name: hpa\n  scale_down_stabilization_seconds: 1e300\n"))
        #expect(window.description
            == "x.yaml:3:37: policy.scale_down_stabilization_seconds: must be in [0, 3600] (at most 1 h, as Kubernetes), got 1e300")
    }

    @Test("a price is at most 1e6 USD per instance-hour, so costs stay finite")
    func price() throws {
        let error = try #require(failure("fleet:\n  billing:\n    price_per_hour: 1e308\n"))
        #expect(error.description == "x.yaml:3:21: fleet.billing.price_per_hour: must be in [0, 1000000], got 1e308")
        #expect(failure("fleet: {billing: {price_per_hour: 1000000}}") == nil)
    }
}

/// The backlog policy's times keep its arithmetic finite: an infinite
/// acceptable backlog per instance would launch nothing however many jobs wait.
@Suite struct BacklogPolicyBoundsTests {
    @Test("acceptable_latency_seconds and mean_processing_seconds are bounded")
    func backlogTimes() throws {
        let latency = try #require(failure("policy:\n  name: backlog\n  acceptable_latency_seconds: 1e308\n"))
        #expect(latency.description == "x.yaml:3:31: policy.acceptable_latency_seconds: must be in (0, 1e9], got 1e308")
        let processing = try #require(failure("policy: {name: backlog, mean_processing_seconds: 1e-300}"))
        #expect(processing.kind == .outOfRange(requirement: "in [0.001, 1e9]", got: "1e-300"))
        #expect(failure("policy: {name: backlog, acceptable_latency_seconds: 1e9, mean_processing_seconds: 0.001}") == nil)
    }
}
