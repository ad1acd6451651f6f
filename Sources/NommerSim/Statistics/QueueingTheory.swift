import Foundation

/// Closed-form results for the M/M/c queue, to validate the simulator against.
public enum QueueingTheory {
    /// Erlang's C formula: the probability that an arrival to an M/M/c queue
    /// must wait, for `servers` servers and offered load `load` = arrival rate /
    /// service rate (in erlangs, < servers). Computed with the stable recurrence
    /// on Erlang B: B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
    public static func erlangC(servers: Int, load: Double) -> Double {
        precondition(servers > 0 && load >= 0 && load < Double(servers), "needs 0 <= load < servers")
        var erlangB = 1.0
        for k in 1...servers {
            erlangB = load * erlangB / (Double(k) + load * erlangB)
        }
        let rho = load / Double(servers)
        return erlangB / (1 - rho + rho * erlangB)
    }

    /// Mean wait in the queue of an M/M/c queue, in seconds: C(c, a) / (c mu - lambda),
    /// with arrival rate `arrivalsPerSecond` and mean service time `meanServiceSeconds`.
    public static func meanWait(servers: Int, arrivalsPerSecond lambda: Double, meanServiceSeconds: Double) -> Double {
        let mu = 1 / meanServiceSeconds
        let c = erlangC(servers: servers, load: lambda / mu)
        return c / (Double(servers) * mu - lambda)
    }
}
