#if canImport(Glibc)
import Glibc
#endif
import AsyncHTTPClient
import Foundation
import NIOCore
import NommerCore
import NommerEmbedded
import NommerLive
import NommerTestSupport
import Testing

/// feederd as a user runs it: a child process on a real data directory,
/// starting real worker processes; jobs submitted over its HTTP API (the
/// crash test submits through the job service on the same SQLite file).
@Suite("feederd end to end", .serialized)
struct FeederdEndToEndTests {
    /// Starts feederd on `directory` with the live test scenario, its API on a
    /// free port of 127.0.0.1, files confined to `directory/media`.
    private func startFeederd(_ directory: String, name: String = "feederd") throws -> ToolProcess {
        let config = (directory as NSString).appendingPathComponent("live.yaml")
        if !FileManager.default.fileExists(atPath: config) {
            try liveTestScenario.write(toFile: config, atomically: true, encoding: .utf8)
        }
        let media = (directory as NSString).appendingPathComponent("media")
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        return try ToolProcess(["feederd", "--backend", "embedded", "--data-dir", directory, "--config", config,
                                "--listen", "127.0.0.1:0", "--stop-grace-seconds", "5", "--worker-drain-seconds", "2",
                                "--allow-root", media, "--allow-network", "127.0.0.0/8"],
                               logPath: (directory as NSString).appendingPathComponent("\(name).log"))
    }

    /// The port feederd's API listens on (it writes it to `feederd.port`).
    private func apiPort(_ directory: String, feederd: ToolProcess) async throws -> Int {
        let file = (directory as NSString).appendingPathComponent("feederd.port")
        var port: Int?
        _ = await poll(seconds: 30) {
            port = (try? String(contentsOfFile: file, encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            return port != nil
        }
        return try #require(port, "feederd did not listen: \(feederd.log.suffix(2000))")
    }

    private func post(_ url: String, json: [String: Any]) async throws -> (status: Int, body: [String: Any]) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] ?? [:]
        return (Int(response.status.code), object)
    }

    private func get(_ url: String) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        return String(buffer: try await response.body.collect(upTo: 1 << 22))
    }

    private static func locate(_ name: String) -> String? {
        ["/usr/bin", "/usr/local/bin", "/bin"].map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.timeLimit(.minutes(1)))
    func aSecondFeederdOnTheSameDataDirectoryIsRefused() async throws {
        let directory = makeDataDirectory()
        let first = try startFeederd(directory)
        defer { first.killGroup() }
        _ = try await apiPort(directory, feederd: first)
        let second = try startFeederd(directory, name: "feederd-2")
        defer { second.killGroup() }
        #expect(await second.waitForExit(seconds: 30) == 1)
        #expect(second.log.contains("error: another feederd is running on \(directory) (pid "), "\(second.log.suffix(1500))")
        first.signal(SIGTERM)
        #expect(await first.waitForExit(seconds: 20) == 0)
    }

    @Test(.timeLimit(.minutes(3)))
    func jobsOverHTTPFinishWhileTheFleetGrowsAndShrinks() async throws {
        let ffmpeg = try #require(Self.locate("ffmpeg"), "ffmpeg is not installed (scripts/bootstrap installs it)")
        let ffprobe = try #require(Self.locate("ffprobe"))
        let directory = makeDataDirectory()
        let media = (directory as NSString).appendingPathComponent("media")
        let feederd = try startFeederd(directory)
        let receiver = NotifyReceiver()
        try await receiver.start()
        let backend = try EmbeddedBackend(dataDirectory: directory)
        var workerPids: [Int] = []
        defer {
            feederd.killGroup()
            killRecordedWorkers(workerPids)
        }
        let clip = media + "/clip.mp4"
        #expect(try runTool(ffmpeg, ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                                     "testsrc=duration=1:size=160x120:rate=10", "-pix_fmt", "yuv420p", clip]).status == 0)
        let base = "http://127.0.0.1:\(try await apiPort(directory, feederd: feederd))"

        // 50 sleep jobs and 3 ffmpeg jobs, each with a notify URL of its own.
        var ids: [String] = []
        for index in 0..<53 {
            let tag = "j\(index)"
            var body: [String: Any] = ["notify_url": "http://127.0.0.1:\(receiver.port)/notify/\(tag)"]
            if index < 50 {
                body["nommer"] = "sleep"
                body["source"] = "file://\(clip)"
                body["destination"] = "file://\(media)/unused-\(index)"
                body["options"] = ["seconds": 0.2 + Double(index % 5) * 0.2]
            } else {
                body["nommer"] = "ffmpeg"
                body["source"] = "file://\(clip)"
                body["destination"] = "file://\(media)/out-\(index).mp4"
                body["options"] = ["video_codec": "mpeg4", "size": "80x60", "format": "mp4"]
            }
            let (status, job) = try await post(base + "/jobs", json: body)
            #expect(status == 201, "POST /jobs: \(job)")
            ids.append(try #require(job["id"] as? String))
        }
        let tags = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, "j\($0.offset)") })

        var peak = 0
        let finished = try await poll(seconds: 120) {
            let alive = try await backend.localFleet.records().filter(\.isAlive).count
            peak = max(peak, alive)
            return try await backend.jobService.jobs(in: nil, limit: 100).allSatisfy(\.isFinished)
        }
        workerPids = try await backend.localFleet.records().compactMap(\.pid)
        #expect(finished, "jobs not all finished: \(feederd.log.suffix(2000))")
        #expect(peak >= 2, "the fleet never grew past one worker")
        #expect(peak <= 3, "more workers than fleet.max_instances")
        for id in ids {
            let job = try #require(try await backend.jobService.job(JobID(id)))
            #expect(job.state == .finished, "\(id): \(job.state) \(job.stateDetails ?? "")")
            #expect(job.attempts == 1)
        }
        // The encoded files exist and ffprobe reads them.
        for index in 50..<53 {
            let probe = try runTool(ffprobe, ["-v", "error", "-select_streams", "v:0", "-show_entries",
                                              "stream=codec_name,width,height", "-of", "csv=p=0", "\(media)/out-\(index).mp4"])
            #expect(probe.status == 0)
            #expect(probe.output.trimmingCharacters(in: .whitespacesAndNewlines) == "mpeg4,80,60")
        }
        // Each finished job's notify URL was called once.
        let notified = await poll(seconds: 30) { receiver.counts.count == ids.count }
        #expect(notified, "callbacks for \(receiver.counts.count) of \(ids.count) jobs")
        for (id, tag) in tags { #expect(receiver.counts[tag] == 1, "\(id) notified \(receiver.counts[tag] ?? 0) times") }

        // Idle workers stop (idle shutdown or scale-in): the fleet shrinks to nothing.
        let shrunk = try await poll(seconds: 30) {
            try await backend.localFleet.records().filter(\.isAlive).isEmpty
        }
        #expect(shrunk, "workers still alive after the queue emptied")
        #expect(try await backend.newJobQueue.counts() == QueueCounts(visible: 0, inFlight: 0))
        let metrics = try await get(base + "/metrics")
        #expect(metrics.contains("nommer_instances_launched_total"))
        #expect(metrics.contains("nommer_jobs_ended_total{state=\"FINISHED\"} 53"), "\(metrics)")

        // SIGTERM: a graceful exit with status 0.
        feederd.signal(SIGTERM)
        #expect(await feederd.waitForExit(seconds: 20) == 0)
        await receiver.stop()
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
    func killedFeederdAndWorkerLoseNoJob() async throws {
        let directory = makeDataDirectory()
        var processes = [try startFeederd(directory)]
        let backend = try EmbeddedBackend(dataDirectory: directory)
        var workerPids: [Int] = []
        defer {
            for process in processes { process.killGroup() }
            killRecordedWorkers(workerPids)
        }
        var ids = try await submitSleepJobs(24, service: backend.jobService) { _ in 1.0 }
        // And ffmpeg jobs, whose outputs must be whole after the crash (written, then renamed into place).
        let ffmpeg = try #require(Self.locate("ffmpeg"), "ffmpeg is not installed (scripts/bootstrap installs it)")
        let ffprobe = try #require(Self.locate("ffprobe"))
        let media = (directory as NSString).appendingPathComponent("media")
        #expect(try runTool(ffmpeg, ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                                     "testsrc=duration=4:size=320x240:rate=25", "-pix_fmt", "yuv420p",
                                     media + "/clip.mp4"]).status == 0)
        for index in 0..<4 {
            ids.append(try await backend.jobService.submit(JobRequest(
                sourceURI: "file://\(media)/clip.mp4", destinationURI: "file://\(media)/out-\(index).mp4", nommer: "ffmpeg",
                optionsJSON: #"{"video_codec": "mpeg4", "size": "160x120", "format": "mp4"}"#)).id)
        }

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
        // The killed worker's workspace (its download and partial output) is gone.
        let workspace = (directory as NSString).appendingPathComponent("workspaces/\(victimRecord.id.rawValue)")
        #expect(!FileManager.default.fileExists(atPath: workspace), "left behind: \(workspace)")
        for index in 0..<4 {
            let probe = try runTool(ffprobe, ["-v", "error", "-select_streams", "v:0", "-show_entries",
                                              "stream=codec_name,width,height", "-of", "csv=p=0", "\(media)/out-\(index).mp4"])
            #expect(probe.status == 0)
            #expect(probe.output.trimmingCharacters(in: .whitespacesAndNewlines) == "mpeg4,160,120")
        }
        let records = try await backend.localFleet.records()
        let victimNow = try #require(records.first { $0.id == victimRecord.id })
        #expect(victimNow.state == "terminated")
        processes[1].signal(SIGTERM)
        #expect(await processes[1].waitForExit(seconds: 20) == 0)
    }
}
