import CoachCore
import CoachStore
import Foundation
import PostgresNIO

/// Recognition on the organisation store. The policies on `coach.recognition` let every login
/// read all of it and insert only its own thanks to someone else; coach asks first
/// (`RecognitionRules`) only to say why in the local store's words.
extension OrgDatabase: RecognitionStore {
    @discardableResult
    public func giveThanks(to receiverName: String, text: String, value: String?, by giverName: String, at now: Date) throws
        -> Recognition {
        let text = try RecognitionRules.validatedText(text)
        let giver = try me()
        let receiver = try existingPerson(receiverName)
        try RecognitionRules.checkPeople(giver: giver, receiver: receiver)
        let value = try RecognitionRules.validatedValue(value, among: try orgSettings().values)
        let row = try refusalsAsStoreErrors {
            try connection.query("""
                INSERT INTO coach.recognition (giver_id, receiver_id, given_at, text, value)
                VALUES (coach.me(), \(receiver.id ?? -1), \(now), \(text), \(value))
                RETURNING id, given_at
                """)
        }
        guard let (id, givenAt) = try row.first?.decode((Int64, Date).self) else {
            throw StoreError.notAllowed("the organisation store did not keep the thanks")
        }
        return Recognition(id: id, giver: giver.name, receiver: receiver.name, givenAt: givenAt, value: value, text: text)
    }

    public func recognitions(since: Date?, until: Date?, involving person: String?) throws -> [Recognition] {
        try connection.query("""
            SELECT r.id, g.name, p.name, r.given_at, r.value, r.text
            FROM coach.recognition r JOIN coach.person g ON g.id = r.giver_id JOIN coach.person p ON p.id = r.receiver_id
            WHERE (\(since)::timestamptz IS NULL OR r.given_at >= \(since)::timestamptz)
              AND (\(until)::timestamptz IS NULL OR r.given_at < \(until)::timestamptz)
              AND (\(person)::text IS NULL OR lower(g.name) = lower(\(person)::text) OR lower(p.name) = lower(\(person)::text))
            ORDER BY r.given_at, r.id
            """).map { row in
            let (id, giver, receiver, givenAt, value, text) = try row.decode((Int64, String, String, Date, String?, String).self)
            return Recognition(id: id, giver: giver, receiver: receiver, givenAt: givenAt, value: value, text: text)
        }
    }
}
