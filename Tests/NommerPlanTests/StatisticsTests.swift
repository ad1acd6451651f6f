import Testing
@testable import NommerPlan

@Suite("Statistics across replications")
struct StatisticsTests {
    @Test("Student t quantiles from GSL match the tables")
    func tQuantiles() {
        #expect(abs(ReplicationStatistics.tQuantile(0.975, degreesOfFreedom: 1) - 12.7062) < 1e-3)
        #expect(abs(ReplicationStatistics.tQuantile(0.975, degreesOfFreedom: 4) - 2.7764) < 1e-3)
        #expect(abs(ReplicationStatistics.tQuantile(0.975, degreesOfFreedom: 9) - 2.2622) < 1e-3)
        #expect(abs(ReplicationStatistics.tQuantile(0.975, degreesOfFreedom: 1000) - 1.9623) < 1e-3)
    }

    @Test("mean and 95% interval of a known sample")
    func interval() {
        let statistics = ReplicationStatistics([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(statistics.count == 8)
        #expect(statistics.mean == 5)
        // s = sqrt(32 / 7), t(0.975, 7) = 2.36462
        let expected = 2.364624 * (32.0 / 7).squareRoot() / 8.0.squareRoot()
        #expect(abs((statistics.halfWidth ?? 0) - expected) < 1e-4)
        #expect(abs(statistics.upper - (5 + expected)) < 1e-4)
        let one = ReplicationStatistics([3])
        #expect(one.halfWidth == nil && one.lower == 3 && one.upper == 3)
    }

    @Test("service levels: parsing, unknown metrics refused, met by the interval's worse end")
    func serviceLevels() throws {
        let level = try ServiceLevel(parsing: "wait_p95 <= 600")
        #expect(level == ServiceLevel(metric: "wait_p95", comparison: .atMost, bound: 600))
        #expect(try ServiceLevel(parsing: "wait_seconds.p95<=600").metric == "wait_p95")
        #expect(try ServiceLevel(parsing: "utilization>=0.5").comparison == .atLeast)
        #expect(throws: PlanError.self) { try ServiceLevel(parsing: "wait_p96<=600") }
        #expect(throws: PlanError.self) { try ServiceLevel(parsing: "wait_p95<=soon") }
        #expect(throws: PlanError.self) { try ServiceLevel(parsing: "wait_p95=600") }
        let tight = ReplicationStatistics([500, 510, 520])
        let loose = ReplicationStatistics([300, 500, 700]) // mean 500, upper > 600
        #expect(level.isMet(by: tight))
        #expect(!level.isMet(by: loose))
        #expect(try ServiceLevel(parsing: "utilization>0.2").isMet(by: ReplicationStatistics([0.5, 0.6, 0.55, 0.52])))
    }

    @Test("the Pareto frontier keeps only configurations no other beats on both")
    func frontier() {
        let points: [(id: Int, cost: Double, metric: Double)] = [(0, 10, 900), (1, 12, 500), (2, 11, 950), (3, 20, 500), (4, 25, 100)]
        #expect(SweepAnalysis.frontier(points, smallerIsBetter: true) == [0, 1, 4])
        #expect(SweepAnalysis.frontier(points, smallerIsBetter: false) == [0, 2])
    }

    @Test("the cheapest configuration meeting the level is named")
    func cheapest() throws {
        let wait = RunMetric.all.firstIndex { $0.name == "wait_p95" }!
        let cost = RunMetric.all.firstIndex { $0.name == "cost_usd" }!
        func metrics(_ c: Double, _ w: Double) -> [Double] {
            var values = Array(repeating: 0.0, count: RunMetric.all.count)
            values[wait] = w
            values[cost] = c
            return values
        }
        let runs: [(configuration: Int, metrics: [Double])] = [
            (0, metrics(5, 800)), (0, metrics(5, 820)),   // cheap, too slow
            (1, metrics(8, 400)), (1, metrics(8, 790)),   // mean meets, interval does not
            (2, metrics(9, 500)), (2, metrics(9, 510)),   // meets
            (3, metrics(15, 100)), (3, metrics(15, 120)), // meets, dearer
        ]
        let analysis = SweepAnalysis(parameters: Array(repeating: [], count: 4), runs: runs,
                                     serviceLevel: try ServiceLevel(parsing: "wait_p95<=600"))
        #expect(analysis.meeting == [2, 3])
        #expect(analysis.cheapest == 2)
        #expect(analysis.frontier == [0, 1, 2, 3])
    }
}
