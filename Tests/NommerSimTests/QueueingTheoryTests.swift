import Testing
@testable import NommerSim

@Suite("Queueing theory formulas")
struct QueueingTheoryTests {
    @Test("Erlang C of one server is the utilization")
    func singleServer() {
        #expect(abs(QueueingTheory.erlangC(servers: 1, load: 0.8) - 0.8) < 1e-12)
    }

    @Test("Erlang C matches published values")
    func knownValues() {
        // c = 4, a = 2 erlangs: C = 0.17391 (4/23); c = 16, a = 14.4: 0.5913.
        #expect(abs(QueueingTheory.erlangC(servers: 4, load: 2) - 4.0 / 23.0) < 1e-9)
        #expect(abs(QueueingTheory.erlangC(servers: 16, load: 14.4) - 0.5913) < 1e-4)
    }

    @Test("M/M/1 mean wait is rho / (mu - lambda)")
    func mm1Wait() {
        let wait = QueueingTheory.meanWait(servers: 1, arrivalsPerSecond: 0.9 / 300, meanServiceSeconds: 300)
        #expect(abs(wait - 2700) < 1e-6)
    }
}
