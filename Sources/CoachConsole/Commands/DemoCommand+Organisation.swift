import CoachCore
import CoachDemo
import CoachOrgStore
import CoachStore
import Foundation

extension DemoCommand {
    /// `demo` on an organisation store, by its administrator: the demo organisation is built in a
    /// temporary local store (the same builder, the same seed, the same result) and moved in by
    /// `OrgImport`, with COPY, in one transaction.
    func runOnOrganisation(_ address: ServerAddress, in context: CommandContext) throws {
        if let logins { try LoginsFile.refuseExisting(logins) }
        let connection = try context.serverConnection(address)
        defer { connection.close() }
        let sessions = try connection.query("SELECT count(*)::int FROM coach.session").first?.decode(Int.self) ?? 0
        if sessions > 0, !force { throw DemoError.storeNotEmpty(people: try peopleCount(connection)) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coach-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = DemoOptions(reps: reps, weeks: weeks, seed: seed, now: context.clock.now())
        let local = try AppDatabase.open(path: folder.appendingPathComponent("demo.sqlite").path)
        let summary = try DemoBuilder(database: local, options: options).run(force: false)
        let report = try OrgImport.run(from: local, into: connection)
        for line in DemoReport.lines(summary, options: options) { context.console.line(line) }
        try LoginsFile.show(report.logins, file: logins, console: context.console)
    }

    private func peopleCount(_ connection: ServerConnection) throws -> Int {
        try connection.query("SELECT count(*)::int FROM coach.person").first?.decode(Int.self) ?? 0
    }
}
