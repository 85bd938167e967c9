import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starting child processes that inherit nothing of the test process but standard input,
/// output and error. Tests run in parallel and Foundation's pipes are not close-on-exec: a child
/// started by `system(3)` or a bare `posix_spawn` at the wrong moment keeps another test's stdin
/// pipe open, and that test's coach then waits for an end of input that never comes (the
/// throwaway PostgreSQL server lives for the whole run, so it held one until the 120 s timeout).
public enum CleanSpawn {
    /// Adds "close every descriptor from 3 up" to `actions` (glibc's
    /// `posix_spawn_file_actions_addclosefrom_np`, looked up at run time as Swift's Glibc module
    /// does not declare it); else closes each descriptor open now, as /proc lists them.
    static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
            if closeFrom(&actions, 3) == 0 { return }
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap(Int32.init) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    /// Runs `/bin/sh -c command` as `system(3)` does, but with nothing inherited beyond
    /// descriptors 0–2; returns its exit status (-1 when it could not start or was killed).
    public static func shell(_ command: String) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        closeInheritedDescriptors(&actions)
        let words: [String] = ["/bin/sh", "-c", command]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
    }
}
