#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NommerCore
import NommerEmbedded
import NommerLive
import Testing

/// feederd as a user runs it: a child process on a real data directory,
/// starting real worker processes; jobs submitted through the job service on
/// the same SQLite file from this process.
@Suite("feederd end to end", .serialized)
struct FeederdEndToEndTests {
    /// Starts feederd on `directory` with the live test scenario.
    private func startFeederd(_ directory: String, name: String = "feederd") throws -> ToolProcess {
        let config = (directory as NSString).appendingPathComponent("live.yaml")
        if !FileManager.default.fileExists(atPath: config) {
            try liveTestScenario.write(toFile: config, atomically: true, encoding: .utf8)
        }
        return try ToolProcess(["feederd", "--backend", "embedded", "--data-dir", directory, "--config", config,
                                "--listen", "127.0.0.1:0", "--stop-grace-seconds", "5", "--worker-drain-seconds", "2"],
                               logPath: (directory as NSString).appendingPathComponent("\(name).log"))
    }

    private func submitSleepJobs(_ count: Int, service: any JobService, seconds: (Int) -> Double) async throws -> [JobID] {
        var ids: [JobID] = []
        for index in 0..<count {
            let request = JobRequest(sourceURI: "file:///dev/null", destinationURI: "file:///dev/null", nommer: "sleep",
                                     optionsJSON: #"{"seconds": \#(seconds(index))}"#)
            ids.append(try await service.submit(request).id)
        }
        return ids
    }

    @Test(.timeLimit(.minutes(3)))
    func fiftyJobsFinishWhileTheFleetGrowsAndShrinks() async throws {
        let directory = makeDataDirectory()
        let feederd = try startFeederd(directory)
        let backend = try EmbeddedBackend(dataDirectory: directory)
        var workerPids: [Int] = []
        defer {
            feederd.killGroup()
            killRecordedWorkers(workerPids)
        }
        let ids = try await submitSleepJobs(50, service: backend.jobService) { 0.2 + Double($0 % 5) * 0.2 }

        var peak = 0
        let finished = try await poll(seconds: 90) {
            let alive = try await backend.localFleet.records().filter(\.isAlive).count
            peak = max(peak, alive)
            return try await backend.jobService.jobs(in: .finished, limit: 100).count == ids.count
        }
        workerPids = try await backend.localFleet.records().compactMap(\.pid)
        #expect(finished, "jobs not all FINISHED: \(feederd.log.suffix(2000))")
        #expect(peak >= 2, "the fleet never grew past one worker")
        #expect(peak <= 3, "more workers than fleet.max_instances")
        for id in ids {
            let job = try #require(try await backend.jobService.job(id))
            #expect(job.state == .finished)
            #expect(job.attempts == 1)
        }
        // Idle workers stop (idle shutdown or scale-in): the fleet shrinks to nothing.
        let shrunk = try await poll(seconds: 30) {
            try await backend.localFleet.records().filter(\.isAlive).isEmpty
        }
        #expect(shrunk, "workers still alive after the queue emptied")
        #expect(try await backend.newJobQueue.counts() == QueueCounts(visible: 0, inFlight: 0))

        // SIGTERM: a graceful exit with status 0.
        feederd.signal(SIGTERM)
        #expect(await feederd.waitForExit(seconds: 20) == 0)
    }

    @Test(.timeLimit(.minutes(3)))
    func killedFeederdAndWorkerLoseNoJob() async throws {
        let directory = makeDataDirectory()
        var processes = [try startFeederd(directory)]
        let backend = try EmbeddedBackend(dataDirectory: directory)
        var workerPids: [Int] = []
        defer {
            for process in processes { process.killGroup() }
            killRecordedWorkers(workerPids)
        }
        let ids = try await submitSleepJobs(24, service: backend.jobService) { _ in 1.0 }

        // Wait until work is under way: some jobs finished, some in progress on a worker.
        var victim: InstanceRecord?
        let underWay = try await poll(seconds: 60) {
            let finished = try await backend.jobService.jobs(in: .finished, limit: 100).count
            let encoding = try await backend.jobService.jobs(in: .encoding, limit: 100).count
            victim = try await backend.localFleet.records().first { $0.state == "running" && $0.pid != nil }
            return finished >= 2 && encoding >= 1 && victim != nil
        }
        #expect(underWay, "work never got under way: \(processes[0].log.suffix(2000))")
        let victimRecord = try #require(victim)
        workerPids = try await backend.localFleet.records().compactMap(\.pid)

        // kill -9 the feederd and one worker in the middle of the run.
        processes[0].signal(SIGKILL)
        _ = await processes[0].waitForExit(seconds: 5)
        kill(pid_t(try #require(victimRecord.pid)), SIGKILL)

        // Restart feederd: it adopts the workers still alive, notices the dead
        // one, and the dead worker's jobs come back after their visibility timeout.
        processes.append(try startFeederd(directory, name: "feederd-2"))
        let finished = try await poll(seconds: 90) {
            workerPids = Array(Set(workerPids + (try await backend.localFleet.records().compactMap(\.pid))))
            return try await backend.jobService.jobs(in: .finished, limit: 100).count == ids.count
        }
        #expect(finished, "jobs not all FINISHED after the crash: \(processes[1].log.suffix(2000))")
        var restarted = 0
        for id in ids {
            let job = try #require(try await backend.jobService.job(id))
            #expect(job.state == .finished)
            if job.attempts > 1 { restarted += 1 }
        }
        #expect(restarted >= 1, "no job was taken over from the killed worker")
        let records = try await backend.localFleet.records()
        let victimNow = try #require(records.first { $0.id == victimRecord.id })
        #expect(victimNow.state == "terminated")
        processes[1].signal(SIGTERM)
        #expect(await processes[1].waitForExit(seconds: 20) == 0)
    }
}
