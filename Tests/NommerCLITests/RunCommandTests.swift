import Foundation
import Testing

@Suite("nommer-sim run and validate")
struct RunCommandTests {
    @Test("run --format json prints one object with every documented field")
    func jsonFields() throws {
        let output = try ToolRunner.run(["run", "scenarios/baseline.yaml", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        for key in ["scenario", "seed", "policy", "jobs", "wait_seconds", "turnaround_seconds", "fleet", "simulated_seconds", "events"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let jobs = try #require(object["jobs"] as? [String: Any])
        for key in ["submitted", "finished", "error", "abandoned", "unfinished"] { #expect(jobs[key] is Int, "jobs.\(key)") }
        let wait = try #require(object["wait_seconds"] as? [String: Any])
        for key in ["mean", "p50", "p95", "p99", "max"] { #expect(wait[key] is Double || wait[key] is Int, "wait_seconds.\(key)") }
        let fleet = try #require(object["fleet"] as? [String: Any])
        for key in ["peak_instances", "instance_hours", "cost_usd", "utilization"] { #expect(fleet[key] != nil, "fleet.\(key)") }
        #expect(object["policy"] as? String == "classic")
        #expect((jobs["submitted"] as? Int ?? 0) > 0)
        #expect(output.stderr.contains("wall-clock"))
        #expect(!output.stdout.contains("wall-clock"))
    }

    @Test("the same seed prints the same bytes; another seed prints others")
    func deterministicOutput() throws {
        let first = try ToolRunner.run(["run", "scenarios/burst.yaml", "--format", "json", "--seed", "5"])
        let second = try ToolRunner.run(["run", "scenarios/burst.yaml", "--format", "json", "--seed", "5"])
        let other = try ToolRunner.run(["run", "scenarios/burst.yaml", "--format", "json", "--seed", "6"])
        #expect(first.status == 0 && second.status == 0 && other.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout != other.stdout)
    }

    @Test("the text summary shows jobs, waits, fleet and cost")
    func textSummary() throws {
        let output = try ToolRunner.run(["run", "scenarios/baseline.yaml", "--set", "duration_hours=2"])
        #expect(output.status == 0)
        for word in ["submitted", "wait", "turnaround", "p95", "peak", "instance-hours", "USD", "utilization"] {
            #expect(output.stdout.contains(word), "missing \(word)")
        }
    }

    @Test("validate accepts every shipped scenario")
    func validateShipped() throws {
        for name in ["baseline", "diurnal", "burst", "mmc", "hang"] {
            let output = try ToolRunner.run(["validate", "scenarios/\(name).yaml"])
            #expect(output.status == 0, "\(name): \(output.stderr)")
            #expect(output.stdout.contains("ok"))
        }
    }

    @Test("a bad value is refused with the file, line and key path, and exit code 2")
    func badValue() throws {
        let path = try ToolRunner.temporaryFile("""
            name: bad
            workload:
              arrivals:
                process: poisson
                rate_per_hour: -3
            """)
        for command in ["run", "validate"] {
            let output = try ToolRunner.run([command, path])
            #expect(output.status == 2)
            #expect(output.stderr.contains("\(path):5"), "\(output.stderr)")
            #expect(output.stderr.contains("workload.arrivals.rate_per_hour"))
            #expect(output.stdout.isEmpty)
        }
    }

    @Test("bursts on a zero base rate that end before the jobs asked for: the run ends, and says so")
    func arrivalsThatEnd() throws {
        let path = try ToolRunner.temporaryFile("""
            name: short
            jobs: 1000
            workload:
              arrivals:
                process: bursts
                base_rate_per_hour: 0
                bursts: [{at_hour: 1, duration_minutes: 60, rate_per_hour: 10}]
            """)
        let output = try ToolRunner.run(["run", path, "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let note = try #require(output.stderr.split(separator: "\n").first { $0.hasPrefix("note: the arrival process ended after") })
        #expect(note.hasSuffix("of the 1000 jobs asked for (its rate is zero from then on)"))
        #expect(!output.stdout.contains("\"submitted\" : 1000"))
    }

    @Test("an unknown key is refused with its line")
    func unknownKey() throws {
        let path = try ToolRunner.temporaryFile("name: typo\nfleet:\n  max_instancs: 4\n")
        let output = try ToolRunner.run(["validate", path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("\(path):3"))
        #expect(output.stderr.contains("max_instancs"))
    }

    @Test("a --set on a key that does not exist is refused before anything runs")
    func badOverride() throws {
        let output = try ToolRunner.run(["run", "scenarios/baseline.yaml", "--set", "fleet.max_instancez=4"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--set"))
        #expect(output.stdout.isEmpty)
    }

    @Test("--set changes the run")
    func overrideApplies() throws {
        let output = try ToolRunner.run(["run", "scenarios/baseline.yaml", "--format", "json",
                                         "--set", "policy.name=fixed", "--set", "policy.instances=2",
                                         "--set", "duration_hours=1"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\"policy\" : \"fixed\""))
    }

    @Test("a missing file is named in the error")
    func missingFile() throws {
        let output = try ToolRunner.run(["run", "no/such/scenario.yaml"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("no/such/scenario.yaml"))
    }
}

@Suite("nommer-sim bench")
struct BenchCommandTests {
    @Test("bench runs a case in a child process and writes its figures as JSON")
    func benchWritesFigures() throws {
        let path = try ToolRunner.temporaryFile("", name: "figures.json")
        let output = try ToolRunner.run(["bench", "--case", "mmc16", "--jobs", "2000", "--json", path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("mmc16"))
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let figures = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(figures.count == 1)
        #expect(figures.first?["name"] as? String == "mmc16")
        #expect(figures.first?["jobs"] as? Int == 2000)
        #expect((figures.first?["peakRSSBytes"] as? Int ?? 0) > 0)
        #expect((figures.first?["cpuSeconds"] as? Double ?? 0) > 0)
        #expect((figures.first?["jobsPerCPUSecond"] as? Double ?? 0) > 0)
    }

    @Test("bench refuses a non-positive job count")
    func benchRefusesZeroJobs() throws {
        let output = try ToolRunner.run(["bench", "--jobs", "0"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("--jobs"))
    }
}
