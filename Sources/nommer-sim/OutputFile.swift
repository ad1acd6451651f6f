import ArgumentParser
import Foundation
import NommerNommers

/// The checks every command makes on a file it will write, before it reads
/// or runs anything: the path must not be a folder, its folder must exist,
/// and it must not be the same file as any of the command's inputs (nor as
/// another of its outputs), so a slip like `fit s.csv -o s.csv` cannot
/// replace the trace.
enum OutputFile {
    /// A file a command reads (or writes), named for messages: `role` is
    /// what it is ("the trace", "--db").
    struct Named {
        var role: String
        var path: String

        init(_ role: String, _ path: String) {
            self.role = role
            self.path = path
        }
    }

    /// Why an output path cannot be used.
    enum Problem: Equatable {
        /// The path is a folder (exit 1).
        case isDirectory
        /// Its folder does not exist (exit 1).
        case noSuchDirectory
        /// Its folder is not a folder (exit 1).
        case parentNotDirectory
        /// It is the same file as an input or another output (exit 2).
        case sameFile(as: Int)
    }

    /// Checks `output` (given as `option`) against `inputs`; prints the
    /// problem to stderr and ends the command: exit 2 when it is one of the
    /// inputs, 1 when it cannot be written.
    static func check(_ output: String, option: String, against inputs: [Named]) throws {
        guard let problem = problem(output, against: inputs.map(\.path)) else { return }
        switch problem {
        case .isDirectory:
            printError("error: \(output) is a directory; \(option) needs a file path")
            throw ExitCode(1)
        case .noSuchDirectory:
            printError("error: cannot write \(output): no such directory")
            throw ExitCode(1)
        case .parentNotDirectory:
            printError("error: cannot write \(output): \(parent(of: output)) is not a directory")
            throw ExitCode(1)
        case let .sameFile(index):
            let input = inputs[index]
            let named = input.path == output ? "" : " (\(input.path))"
            printError("error: \(option) \(output) is the same file as \(input.role)\(named); refusing to overwrite it")
            throw ExitCode(2)
        }
    }

    /// What is wrong with writing `output`, if anything.
    static func problem(_ output: String, against inputs: [String]) -> Problem? {
        if isDirectory(output) { return .isDirectory }
        if let index = inputs.firstIndex(where: { FileIdentity.sameFile(output, $0) }) { return .sameFile(as: index) }
        var info = stat()
        let folder = parent(of: output)
        guard stat(folder, &info) == 0 else { return .noSuchDirectory }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return .parentNotDirectory }
        return nil
    }

    /// Whether `path` exists and is a folder (following symbolic links).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }


    private static func parent(of path: String) -> String {
        let folder = (URL(fileURLWithPath: path).standardizedFileURL.path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "/" : folder
    }
}
