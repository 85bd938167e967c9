import CoachCore
import CoachOrgStore
import CoachTestSupport
import Foundation
import Testing

/// The organisation store from the command line: `org init` against a real server (over the
/// socket and over TLS), `password` at a terminal, and the commands that cannot open it yet.
@Suite struct OrgStoreEndToEndTests {
    /// `postgres://…` for the throwaway server's socket as `user`.
    func socketURL(_ server: TestPostgres, user: String = "postgres", database: String) -> String {
        "postgres://\(user)@localhost:\(server.port)/\(database)?host=\(server.socketFolder)"
    }

    @Test func orgInitSetsUpOnceThenSaysThereIsNothingToDo() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let login = TestPostgres.uniqueLogin("dana")

        let first = try sandbox.run(["org", "init", socketURL(server, database: database), "--hr", "Dana Smith", "--login", login])
        #expect(first.status == 0, "\(first.stderrText)")
        #expect(first.stdoutText.contains("added the HR person Dana Smith with the login \(login)"))
        #expect(first.stdoutText.contains("One-time password for \(login), shown only now (valid 7 days):"))

        let again = try sandbox.run(["org", "init", socketURL(server, database: database), "--hr", "Dana Smith"])
        #expect(again.status == 0, "\(again.stderrText)")
        #expect(again.stdoutText.contains("HR person Dana Smith (login \(login)) exists (nothing to do)"))
        #expect(!again.stdoutText.contains("One-time password"))
    }

    @Test func orgInitOverTLSChecksTheServersCertificate() throws {
        let server = try TestPostgres.server()
        let authority = try #require(server.certificateAuthority, "the test server runs with TLS (scripts/test starts it so)")
        let database = try server.makeDatabase()
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let base = "postgres://postgres@localhost:\(server.port)/\(database)"
        let password = ["PGPASSWORD": server.superuserPassword]

        let verified = try sandbox.run(["org", "init", base + "?sslmode=verify-full&sslrootcert=\(authority)"], environment: password)
        #expect(verified.status == 0, "\(verified.stderrText)")
        #expect(verified.stdoutText.contains("no HR person yet"))

        let noAuthority = try sandbox.run(["org", "init", base + "?sslmode=verify-full"], environment: password)
        #expect(noAuthority.status == 1)
        #expect(noAuthority.stderrText.contains("needs the server's certificate authority in \(sandbox.root.path)/.postgresql/root.crt"))

        // A certificate from another authority is refused under verify-ca, accepted under require.
        let otherAuthority = sandbox.root.appendingPathComponent("other-ca.pem").path
        try Self.selfSignedCertificate(at: otherAuthority)
        let wrong = try sandbox.run(["org", "init", base + "?sslmode=verify-ca&sslrootcert=\(otherAuthority)"], environment: password)
        #expect(wrong.status == 1)
        #expect(wrong.stderrText.contains("TLS"))
        let required = try sandbox.run(["org", "init", base + "?sslmode=require"], environment: password)
        #expect(required.status == 0, "\(required.stderrText)")
    }

    @Test func aPersonSetsTheirPasswordAtATerminalWithoutItShowing() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let login = TestPostgres.uniqueLogin("hana")
        let admin = try ServerConnection.open(server.administrator(database: database))
        let report = try OrgSetup.initialise(admin, firstHR: .init(name: "Hana", login: login))
        admin.close()
        let oneTime = try #require(report.newLogin?.password)
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let url = "postgres://\(login)@127.0.0.1:\(server.port)/\(database)?sslmode=disable"

        let terminal = try PseudoTerminal(CoachSandbox.binary, arguments: ["--store", url, "password"],
                                          environment: sandbox.environment, inheritEnvironment: false)
        defer { terminal.terminate() }
        _ = try terminal.waitFor("Password for \(login): ")
        terminal.send(oneTime + "\r")
        _ = try terminal.waitFor("New password for \(login): ")
        terminal.send("short\r")
        _ = try terminal.waitFor("at least 10 characters")
        _ = try terminal.waitFor("New password for \(login): ")
        terminal.send("correct horse battery\r")
        _ = try terminal.waitFor("The same again: ")
        terminal.send("correct horse battery\r")
        _ = try terminal.waitFor("Password changed for \(login).")
        #expect(try terminal.waitForExit() == 0)
        #expect(!terminal.output.contains("correct horse"))
        #expect(!terminal.output.contains(oneTime))
        let history = (try? String(contentsOfFile: sandbox.historyFile, encoding: .utf8)) ?? ""
        #expect(!history.contains("correct horse"))

        let connection = try ServerConnection.open(server.tcp(login: login, password: "correct horse battery", database: database))
        connection.close()
        #expect(throws: OrgStoreError.self) {
            try ServerConnection.open(server.tcp(login: login, password: oneTime, database: database))
        }
    }

    @Test func whatCannotOpenAServerStoreYetSaysSo() throws {
        let server = try TestPostgres.server()
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let people = try sandbox.run(["--store", socketURL(server, database: "postgres"), "people"])
        #expect(people.status == 1)
        #expect(people.stderrText.contains("holds no coach organisation yet; a database administrator runs 'coach org init"))
        let database = try server.makeDatabase()
        let admin = try ServerConnection.open(server.administrator(database: database))
        let login = TestPostgres.uniqueLogin("hana")
        _ = try OrgSetup.initialise(admin, firstHR: .init(name: "Hana", login: login))
        admin.close()
        let backup = try sandbox.run(["--store", socketURL(server, user: login, database: database), "backup", "copy.sqlite"])
        #expect(backup.status == 1)
        #expect(backup.stderrText.contains("is an organisation store on a PostgreSQL server, and this command works on a local store file only"))
        let fileInit = try sandbox.run(["--store", sandbox.store, "org", "init"])
        #expect(fileInit.status == 1)
        #expect(fileInit.stderrText.contains("'org init' works on an organisation store"))
        let localLogin = try sandbox.run(["--store", sandbox.store, "person", "add", "Eve", "--role", "hr", "--login", "eve"])
        #expect(localLogin.status == 1)
        #expect(localLogin.stderrText.contains("--login is for an organisation store"))
        let noServer = try sandbox.run(["org", "init", "postgres://postgres@localhost:5999/coach?host=\(sandbox.root.path)"])
        #expect(noServer.status == 1)
        #expect(noServer.stderrText.contains("no server is listening at \(sandbox.root.path)/.s.PGSQL.5999"))
        let noTerminal = try sandbox.run(["--store", socketURL(server, database: "postgres"), "password"])
        #expect(noTerminal.status == 1)
        #expect(noTerminal.stderrText.contains("'password' asks at a terminal"))
    }

    @Test func onAServerStoreNobodyChoosesWhoTheyAre() throws {
        let server = try TestPostgres.server()
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let url = "postgres://mara@localhost:\(server.port)/coach?host=\(server.socketFolder)"
        let byFlag = try sandbox.run(["--store", url, "--as", "Dana", "people"])
        #expect(byFlag.status == 1)
        #expect(byFlag.stderrText.contains("you are the database login you connect as (mara), so --as cannot name another person"))
        let byVariable = try sandbox.run(["people"], environment: ["COACH_STORE": url, "COACH_USER": "Dana"])
        #expect(byVariable.stderrText.contains("so COACH_USER cannot name another person"))
        try FileManager.default.createDirectory(atPath: (sandbox.configFile as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try "user: Dana\n".write(toFile: sandbox.configFile, atomically: true, encoding: .utf8)
        let byConfig = try sandbox.run(["--store", url, "people"])
        #expect(byConfig.stderrText.contains("so the config's user: (\(sandbox.configFile)) cannot name another person"))
    }

    @Test func theShellOnAServerStoreKnowsWhoYouAreFromTheLogin() throws {
        let server = try TestPostgres.server()
        let database = try server.makeDatabase()
        let admin = try ServerConnection.open(server.administrator(database: database))
        let login = TestPostgres.uniqueLogin("hana")
        _ = try OrgSetup.initialise(admin, firstHR: .init(name: "Hana", login: login))
        admin.close()
        let sandbox = try CoachSandbox()
        defer { sandbox.remove() }
        let terminal = try PseudoTerminal(CoachSandbox.binary,
                                          arguments: ["--store", socketURL(server, user: login, database: database)],
                                          environment: sandbox.environment, inheritEnvironment: false)
        defer { terminal.terminate() }
        _ = try terminal.waitFor("Hana (hr)> ")
        terminal.send("people\r")
        _ = try terminal.waitFor("1 person")
        terminal.send("quit\r")
        #expect(try terminal.waitForExit() == 0)
        #expect(!terminal.output.contains("Your name"))
        #expect(!terminal.output.contains("coach:"), "the greeting reads the organisation store without an error")
    }

    /// A certificate authority the server's certificate was not signed by.
    static func selfSignedCertificate(at path: String) throws {
        let result = try ProcessRunner.run("/usr/bin/openssl", arguments: [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=other-ca",
            "-keyout", path + ".key", "-out", path,
        ], environment: [:], inheritEnvironment: true, stdin: Data(), timeout: .seconds(30))
        guard result.status == 0 else { throw ProcessRunnerError(description: "openssl: \(result.stderrText)") }
    }
}
