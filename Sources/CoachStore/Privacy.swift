import CoachCore
import GRDB

/// Who sees what: the privacy rules of docs/privacy.md, written once as SQL conditions that every
/// query reading sessions, answers or scores for a person includes.
///
/// | data | the subject | their manager | HR | the author |
/// |---|---|---|---|---|
/// | check-in (wellbeing) scores | yes | only if shared, from when sharing began | no | – |
/// | check-in answers | yes | no | no | – |
/// | self-assessment scores and answers | yes | yes | no | – |
/// | one-on-one (shared answers, scores) | yes | yes (the author) | no | yes |
/// | one-on-one private answers | no | the author alone | no | yes |
/// | quiz results | yes | yes | yes | yes |
/// | training feedback | yes | no | yes | – |
/// | a review (`performance-review`, `self-review`) | yes | yes | yes | yes |
///
/// Everyone else sees wellbeing only as team aggregates over at least `privacy.min_group`
/// respondents (see `teamTrends`).
enum Privacy {
    /// A condition on `session` aliased `s` (subject aliased `p`, joined on `p.id = s.subject_id`)
    /// true when `viewer` may see the session's scores.
    static func scoresVisible(to viewer: Person) -> SQL {
        let id = viewer.id ?? -1
        var condition: SQL = """
            ((s.draft = 0 OR s.author_id = \(id)) AND (s.subject_id = \(id) OR s.author_id = \(id)
             OR (p.manager_id = \(id) AND s.kind IN ('self-assessment', 'one-on-one', 'quiz', 'review'))
             OR (p.manager_id = \(id) AND s.kind = 'check-in' AND p.share_wellbeing = 1
                 AND s.completed_at >= p.share_since)
            """
        if viewer.role == .hr { condition += " OR s.kind IN \(hrReadsEveryone)" }
        condition += "))"
        return condition
    }

    /// The session kinds HR reads for everyone, answers and scores alike (a review: its
    /// written assessment and the rep's own comments, which HR keeps on file).
    private static let hrReadsEveryone = ["quiz", "feedback", "review"]

    /// The session kinds whose scores `viewer` sees for everyone (HR: quizzes and training
    /// feedback), where `scoresVisible` holds whoever the subject is.
    static func kindsSeenWhole(by viewer: Person) -> Set<String> {
        viewer.role == .hr ? Set(hrReadsEveryone) : []
    }

    /// The band of score `sc` (session `s`) as `viewer` may read it. A band at the score's
    /// `support_at` level (`band_private`) keeps its label to the person it is about: never a
    /// label shown to others (docs/privacy.md). The value and trend stay visible where the rep
    /// shares them. Whether the band shows depends on the band alone, never on `alert`, so a
    /// blank band cannot tell anyone that an item alert fired.
    static func bandVisible(to viewer: Person) -> SQL {
        "(CASE WHEN s.subject_id = \(viewer.id ?? -1) OR sc.band_private = 0 THEN sc.band ELSE NULL END)"
    }

    /// An expression for `score` aliased `sc` of session `s`: its alert flag when `viewer` is the
    /// session's subject, else 0. An alert (an item answered 0 or 1, a score past its support
    /// level) is what shows the rep the private support message; it is the rep's alone, even
    /// when their wellbeing band is shared.
    static func alertVisible(to viewer: Person) -> SQL {
        "(CASE WHEN s.subject_id = \(viewer.id ?? -1) THEN sc.alert ELSE 0 END)"
    }

    /// A condition on `answer` aliased `a`, with its session `s` and subject `p`: true when
    /// `viewer` may read the answer itself. Wellbeing answers stay with the rep even when the
    /// band is shared; a private answer is its session author's alone.
    static func answersVisible(to viewer: Person) -> SQL {
        let id = viewer.id ?? -1
        var condition: SQL = """
            ((s.draft = 0 OR s.author_id = \(id)) AND (a.is_private = 0 OR s.author_id = \(id))
             AND (s.author_id = \(id)
                  OR (s.subject_id = \(id) AND a.is_private = 0)
                  OR (p.manager_id = \(id) AND s.kind IN ('self-assessment', 'quiz', 'review'))
            """
        if viewer.role == .hr { condition += " OR s.kind IN \(hrReadsEveryone)" }
        condition += "))"
        return condition
    }
}
