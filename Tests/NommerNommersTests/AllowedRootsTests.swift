import Foundation
import NommerNommers
import XCTest

final class AllowedRootsTests: XCTestCase {
    private var base = ""
    private var root = ""
    private var outside = ""

    override func setUpWithError() throws {
        base = NSTemporaryDirectory() + "roots-\(UUID().uuidString)"
        root = base + "/root"
        outside = base + "/outside"
        let files = FileManager.default
        try files.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        try files.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("in".utf8).write(to: URL(fileURLWithPath: root + "/sub/in.txt"))
        try Data("secret".utf8).write(to: URL(fileURLWithPath: outside + "/secret.txt"))
        try files.createSymbolicLink(atPath: root + "/escape", withDestinationPath: outside)
        try files.createSymbolicLink(atPath: root + "/secret-link.txt", withDestinationPath: outside + "/secret.txt")
        try files.createSymbolicLink(atPath: root + "/inner-link", withDestinationPath: root + "/sub")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: base)
    }

    func testFilesInsideTheRootAreAccepted() throws {
        let roots = try AllowedRoots([root])
        XCTAssertTrue(try roots.existingFile(root + "/sub/in.txt").hasSuffix("/root/sub/in.txt"))
        XCTAssertTrue(try roots.existingFile(root + "/inner-link/in.txt").hasSuffix("/root/sub/in.txt"))
        XCTAssertTrue(try roots.newFile(root + "/sub/out.mp4").hasSuffix("/root/sub/out.mp4"))
        XCTAssertTrue(try roots.existingFile(root + "/sub/../sub/in.txt").hasSuffix("/root/sub/in.txt"))
    }

    func testDotDotOutOfTheRootIsRefused() throws {
        let roots = try AllowedRoots([root])
        XCTAssertThrowsError(try roots.existingFile(root + "/../outside/secret.txt")) {
            XCTAssertEqual($0 as? FileConfinementError, .outsideRoots(root + "/../outside/secret.txt"))
        }
        XCTAssertThrowsError(try roots.newFile(root + "/sub/../../outside/new.txt")) {
            XCTAssertEqual($0 as? FileConfinementError, .outsideRoots(root + "/sub/../../outside/new.txt"))
        }
    }

    func testSymlinkPointingOutOfTheRootIsRefused() throws {
        let roots = try AllowedRoots([root])
        XCTAssertThrowsError(try roots.existingFile(root + "/secret-link.txt"))
        XCTAssertThrowsError(try roots.existingFile(root + "/escape/secret.txt"))
        XCTAssertThrowsError(try roots.newFile(root + "/escape/new.txt")) {
            XCTAssertEqual($0 as? FileConfinementError, .outsideRoots(root + "/escape/new.txt"))
        }
    }

    func testMissingRelativeAndDirectoryPathsAreRefused() throws {
        let roots = try AllowedRoots([root])
        XCTAssertThrowsError(try roots.existingFile(root + "/nope.txt")) {
            XCTAssertEqual($0 as? FileConfinementError, .notFound(root + "/nope.txt"))
        }
        XCTAssertThrowsError(try roots.existingFile("sub/in.txt")) {
            XCTAssertEqual($0 as? FileConfinementError, .notAbsolute("sub/in.txt"))
        }
        XCTAssertThrowsError(try roots.newFile(root + "/sub")) {
            XCTAssertEqual($0 as? FileConfinementError, .notAFile(root + "/sub"))
        }
        XCTAssertThrowsError(try roots.newFile(root + "/missing-dir/out.mp4"))
        XCTAssertThrowsError(try AllowedRoots([base + "/no-such-root"]))
        XCTAssertThrowsError(try AllowedRoots([]).existingFile(root + "/sub/in.txt"))
    }

    func testFileURIsArePercentDecodedAndHostsRefused() {
        XCTAssertEqual(AllowedRoots.path(ofFileURI: "file:///tmp/a%20b.mp4"), "/tmp/a b.mp4")
        XCTAssertEqual(AllowedRoots.path(ofFileURI: "file://localhost/tmp/x"), "/tmp/x")
        XCTAssertNil(AllowedRoots.path(ofFileURI: "file://evil.example/tmp/x"))
        XCTAssertNil(AllowedRoots.path(ofFileURI: "http://example.com/x"))
    }

    func testFileURIsAreDecodedOnceAndRefuseEncodedSlashesAndControlCharacters() {
        XCTAssertEqual(try AllowedRoots.decodedPath(ofFileURI: "file:///m/out%20clip.mp4"), "/m/out clip.mp4")
        XCTAssertEqual(try AllowedRoots.decodedPath(ofFileURI: "file:///m/%C3%A9t%C3%A9%25.mp4"), "/m/été%.mp4")
        XCTAssertEqual(try AllowedRoots.decodedPath(ofFileURI: "file:///m/a%3Fb%23c.mp4"), "/m/a?b#c.mp4")
        let refused: [(String, FileURIError)] = [
            ("file:///m/out%2Fsub.mp4", .encodedSlash), ("file:///m/out%2fsub.mp4", .encodedSlash),
            ("file:///m/ok%00.mp4", .controlCharacter), ("file:///m/ok%1F.mp4", .controlCharacter),
            ("file:///m/ok%7f.mp4", .controlCharacter), ("file:///m/bad%FF.mp4", .notUTF8),
            ("file://evil.example/m/x", .notLocalFile), ("http://example.com/x", .notLocalFile),
            ("file:///m/a%zz.mp4", .badEscape), ("file:///m/a%.mp4", .badEscape), ("file:///m/a%4.mp4", .badEscape),
            ("file:///m/q.mp4?a=b", .queryOrFragment), ("file:///m/q.mp4#frag", .queryOrFragment),
        ]
        for (uri, expected) in refused {
            XCTAssertThrowsError(try AllowedRoots.decodedPath(ofFileURI: uri), uri) {
                XCTAssertEqual($0 as? FileURIError, expected, uri)
            }
            XCTAssertNil(AllowedRoots.path(ofFileURI: uri), uri)
        }
    }
}

final class AllowedRootsSubmitCheckTests: XCTestCase {
    func testPathsThatDoNotExistYetAreJudgedByTheirExistingAncestor() throws {
        let base = NSTemporaryDirectory() + "roots-submit-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createDirectory(atPath: base + "/root", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: base + "/outside", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: base + "/root/escape", withDestinationPath: base + "/outside")
        let roots = try AllowedRoots([base + "/root"])
        XCTAssertNoThrow(try roots.permitsPath(base + "/root/not-yet/clip.mp4"))
        XCTAssertNoThrow(try roots.permitsPath(base + "/root/clip.mp4"))
        XCTAssertThrowsError(try roots.permitsPath(base + "/root/escape/clip.mp4"))
        XCTAssertThrowsError(try roots.permitsPath(base + "/root/new/../../outside/clip.mp4"))
        XCTAssertThrowsError(try roots.permitsPath(base + "/outside/clip.mp4"))
        XCTAssertThrowsError(try roots.permitsPath("relative/clip.mp4"))
    }
}
