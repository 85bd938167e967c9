import Crypto
import Foundation
import Testing
@testable import CoachOrgStore

/// The pieces of the organisation store that need no server.
@Suite struct OrgStoreUnitTests {
    @Test func loginsAreMadeFromNamesAndChecked() throws {
        #expect(LoginName.derived(from: "Ana María Ruiz") == "ana_maria_ruiz")
        #expect(LoginName.derived(from: "  O'Brien, Seán ") == "o_brien_sean")
        #expect(LoginName.derived(from: "3M Rep") == "p_3m_rep")
        #expect(LoginName.derived(from: "李雷") == "person")
        #expect(LoginName.derived(from: "pg admin") == "p_pg_admin")
        #expect(LoginName.derived(from: "Coach Carter") == "p_coach_carter")
        #expect(try LoginName.validated("dana.smith-2") == "dana.smith-2")
        for bad in ["", "Dana", "pg_dana", "coach_hr", "9lives", "dana smith", String(repeating: "a", count: 64)] {
            #expect(throws: OrgStoreError.self) { try LoginName.validated(bad) }
        }
    }

    @Test func aVerifierHasPostgreSQLsShapeAndSaltsEachTime() {
        let one = ScramVerifier.verifier(for: "secret"), two = ScramVerifier.verifier(for: "secret")
        #expect(one.hasPrefix("SCRAM-SHA-256$4096:"))
        #expect(one != two)
        #expect(!one.contains("secret"))
        // RFC 7677's example: with the verifier's ServerKey, the server signs the exchange as the RFC says.
        let salt = Array(Data(base64Encoded: "W22ZaJ0SNY7soEsUEjb6gQ==")!)
        let verifier = ScramVerifier.verifier(for: "pencil", salt: salt)
        let serverKey = Data(base64Encoded: String(verifier.split(separator: ":").last!))!
        let nonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
        let authMessage = "n=user,r=rOprNGfwEbeRWgbNEkqO,r=\(nonce),s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=\(nonce)"
        let signature = HMAC<SHA256>.authenticationCode(for: Data(authMessage.utf8), using: SymmetricKey(data: serverKey))
        #expect(Data(signature).base64EncodedString() == "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
    }

    @Test func passwordsArePreparedAsSASLprepDoes() {
        #expect(ScramVerifier.prepared("I\u{00AD}X") == "IX")
        #expect(ScramVerifier.prepared("a\u{00A0}b") == "a b")
        #expect(ScramVerifier.prepared("\u{2168}") == "IX")
        #expect(ScramVerifier.oneTimePassword().count == 20)
    }

    @Test func scriptsSplitAtTheirStatementsOnly() {
        let script = """
            CREATE TABLE a (x text DEFAULT ';'); -- a comment; with a semicolon
            CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
            CREATE FUNCTION g() RETURNS text LANGUAGE plpgsql AS $body$ BEGIN RETURN '$$;'; END $body$;
            SELECT 'it''s; fine'
            """
        let statements = SQLScript.statements(in: script)
        #expect(statements.count == 4)
        #expect(statements[1] == "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$")
        #expect(statements[2].hasSuffix("END $body$"))
        #expect(statements[3] == "SELECT 'it''s; fine'")
    }
}
