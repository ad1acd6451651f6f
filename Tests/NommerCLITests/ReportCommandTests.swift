import Foundation
import Testing

/// Debian's chromium, if installed (scripts/bootstrap installs it for the tests).
let chromiumPath: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

@Suite("nommer-sim report")
struct ReportCommandTests {
    let folder: URL
    let db: String

    init() throws {
        folder = try ResultsFiles.folder()
        let scenario = folder.appendingPathComponent("sweep.yaml").path
        try ResultsFiles.scenario.write(toFile: scenario, atomically: true, encoding: .utf8)
        db = folder.appendingPathComponent("results.sqlite").path
        let output = try ToolRunner.run(["sweep", scenario, "--vary", "fleet.max_instances=1:4:1", "--replications", "3",
                                         "--slo", "wait_p95<=900", "--db", db])
        guard output.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: ["stderr": output.stderr]) }
    }

    func report(_ extra: [String] = []) throws -> (ToolRunner.Output, String) {
        let html = folder.appendingPathComponent("report-\(UUID().uuidString).html").path
        return (try ToolRunner.run(["report", db, "-o", html] + extra), html)
    }

    @Test("one self-contained HTML file: no scripts, nothing fetched, every section")
    func selfContained() throws {
        let (output, path) = try report()
        #expect(output.status == 0, "\(output.stderr)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link") && !html.contains("<img") && !html.contains("@import"))
        #expect(!html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http"))
        for heading in ["Cost against wait_p95", "Latency distributions", "Queue depth and fleet size over time", "All configurations"] {
            #expect(html.contains(heading), "\(heading)")
        }
        #expect(html.contains("cheapest meeting it"))
        let (chosen, chosenPath) = try report(["--runs", "0,11"])
        #expect(chosen.status == 0)
        #expect(try String(contentsOfFile: chosenPath, encoding: .utf8).contains("run 11: fleet.max_instances=4"))
        let (bad, _) = try report(["--runs", "99"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("run 99"))
    }

    @Test("headless chromium renders the report", .enabled(if: chromiumPath != nil, "chromium is not installed (apt-get install chromium)"))
    func rendersInChromium() throws {
        let (output, path) = try report()
        #expect(output.status == 0, "\(output.stderr)")
        let screenshot = folder.appendingPathComponent("report.png").path
        let dom = try chromium(["--dump-dom", "file://\(path)"])
        #expect(dom.contains("Sweep report"))
        #expect(dom.components(separatedBy: "<svg").count - 1 >= 4)
        _ = try chromium(["--screenshot=\(screenshot)", "--window-size=1400,2400", "file://\(path)"])
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // IHDR: width and height, big-endian, at bytes 16 ..< 24.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1400 && height == 2400)
        #expect(png.count > 50_000, "a blank page compresses to a few kB; got \(png.count) bytes")
    }

    /// Runs headless chromium with a private profile; gives up after 60 s.
    func chromium(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromiumPath ?? "/usr/bin/chromium")
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             "--user-data-dir=\(folder.appendingPathComponent("chromium-profile").path)"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: timer)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return String(decoding: data, as: UTF8.self)
    }
}
