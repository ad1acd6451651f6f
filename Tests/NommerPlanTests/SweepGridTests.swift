import Foundation
import NommerSim
import Testing
@testable import NommerPlan

@Suite("Sweep grids")
struct SweepGridTests {
    @Test("a list of values, YAML flow values with commas inside")
    func lists() throws {
        #expect(try SweepAxis(parsing: "fleet.max_instances=2, 4,8").values == ["2", "4", "8"])
        let flow = try SweepAxis(parsing: "workload.encode_seconds={distribution: constant, value: 60},[1, 2],'a,b'")
        #expect(flow.values == ["{distribution: constant, value: 60}", "[1, 2]", "'a,b'"])
        #expect(flow.key == "workload.encode_seconds")
    }

    @Test("ranges include the stop when the steps land on it")
    func ranges() throws {
        #expect(try SweepAxis(parsing: "k=1:9:2").values == ["1", "3", "5", "7", "9"])
        #expect(try SweepAxis(parsing: "k=1:10:4").values == ["1", "5", "9"])
        #expect(try SweepAxis(parsing: "k=0.1:0.3:0.1").values == ["0.1", "0.2", "0.3"])
        #expect(try SweepAxis(parsing: "k=5:5:1").values == ["5"])
    }

    @Test("empty ranges and lists are refused", arguments: ["k=3:1:1", "k=1:3:0", "k=1:3:-1", "k=", "k=1,,2", "k=a:b:c", "=1,2", "novalue"])
    func refused(_ text: String) {
        #expect(throws: PlanError.self) { try SweepAxis(parsing: text) }
    }

    @Test("configurations in grid order, the last axis fastest, each decoded")
    func gridOrder() throws {
        let plan = try SweepPlan(PlanFixtures.definition())
        #expect(plan.configurations.count == 4)
        #expect(plan.configurations.map { $0.parameters.map(\.value) } == [["2", "1"], ["2", "2"], ["4", "1"], ["4", "2"]])
        #expect(plan.configurations.map(\.scenario.fleet.maxInstances) == [2, 2, 4, 4])
        #expect(plan.configurations.map(\.scenario.worker.jobsPerInstance) == [1, 2, 1, 2])
        #expect(plan.configurations.allSatisfy { $0.scenario.statistics.sampleIntervalSeconds == 300 })
        #expect(plan.runCount == 12)
    }

    @Test("replication r has the same derived seed in every configuration")
    func seeds() throws {
        let plan = try SweepPlan(PlanFixtures.definition())
        for id in 0..<plan.runCount {
            let run = plan.run(id)
            #expect(run.id == run.configuration * 3 + run.replication)
            #expect(run.seed == StreamSeeds.replicationSeed(base: 5, replication: run.replication))
            #expect(plan.scenario(for: run).seed == run.seed)
        }
        #expect(Set((0..<3).map { plan.run($0).seed }).count == 3)
    }

    @Test("an unknown key is refused with the override named, before anything runs")
    func unknownKey() throws {
        let definition = try PlanFixtures.definition(vary: ["fleet.max_instancez=2,4"])
        #expect {
            try SweepPlan(definition)
        } throws: { error in
            "\(error)".contains("max_instancez") && "\(error)".contains("fleet.max_instancez=2")
        }
        let badValue = try PlanFixtures.definition(vary: ["fleet.max_instances=2,-1"])
        #expect(throws: PlanError.self) { try SweepPlan(badValue) }
        let twice = try PlanFixtures.definition(vary: ["fleet.max_instances=2", "fleet.max_instances=3"])
        #expect(throws: PlanError.self) { try SweepPlan(twice) }
    }

    @Test("shards partition the runs")
    func shards() throws {
        let plan = try SweepPlan(PlanFixtures.definition())
        let parts = (0..<5).map { plan.runs(in: Shard(index: $0, count: 5)) }
        #expect(parts.flatMap { $0 }.sorted() == Array(0..<plan.runCount))
        #expect(parts.map(\.count) == [3, 3, 2, 2, 2])
        #expect(try Shard(parsing: "1/4") == Shard(index: 1, count: 4))
        for text in ["4/4", "-1/4", "1/0", "x", "1/2/3"] {
            #expect(throws: PlanError.self) { try Shard(parsing: text) }
        }
    }

    @Test("the fingerprint ignores the file's name and follows everything else")
    func fingerprint() throws {
        let base = try PlanFixtures.definition()
        var renamed = base
        renamed.scenarioFile = "/elsewhere/small.yaml"
        #expect(renamed.fingerprint == base.fingerprint)
        var more = base
        more.replications = 4
        #expect(more.fingerprint != base.fingerprint)
        #expect(base.fingerprint.count == 16)
    }
}
