import CoachTestSupport
import Foundation
import Testing

/// Sixteen reps check in at the same moment on one organisation store, each from their own
/// coach process and login: nothing is lost, nothing is refused, nobody waits on anybody.
@Suite("The organisation store under load")
struct ServerLoadTests {
    @Test("16 coach processes × 3 sessions at once: every answer and score stored, nothing on stderr",
          .timeLimit(.minutes(3)))
    func sixteenClients() throws {
        let organisation = try OrgSandbox(hr: "Dana")
        defer { organisation.remove() }
        try organisation.addPerson("Marco", role: .manager, team: "North")
        let reps = (1...16).map { "Rep\($0)" }
        for rep in reps { try organisation.addPerson(rep, role: .rep, team: "North") }
        let sessions = 3
        let lines = (0..<sessions).flatMap { _ in ["run who-5", "4", "2", "5", "1", "3"] }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: reps.count) { index in
            let result = try? organisation.run([], as: reps[index], input: lines.joined(separator: "\n") + "\n",
                                               timeout: .seconds(120))
            results.set(reps[index], result)
        }
        for rep in reps {
            let result = results.get(rep)
            #expect(result?.status == 0, "\(rep): \(result?.stderrText ?? "timed out")")
            #expect(result?.stderrText == "", "\(rep): no error")
            let counts = try organisation.sql("""
                SELECT count(DISTINCT s.id)::text, count(a.id)::text, sum((s.state = 'completed')::int)::text
                FROM session s JOIN person p ON p.id = s.author_id
                LEFT JOIN answer a ON a.session_id = s.id WHERE p.name = '\(rep)'
                """)
            #expect(counts == ["\(sessions)|\(sessions * 5)|\(sessions * 5)"], "\(rep): sessions|answers|completed answer rows")
        }
        #expect(try organisation.sql("SELECT count(*)::text FROM score") == ["\(reps.count * sessions)"])
        // Each rep's newest check-in amends the one before: one live session per rep and week.
        #expect(try organisation.sql("""
            SELECT count(*)::text FROM session s WHERE NOT EXISTS (SELECT 1 FROM session n WHERE n.supersedes_id = s.id)
            """) == ["\(reps.count)"])
    }
}
